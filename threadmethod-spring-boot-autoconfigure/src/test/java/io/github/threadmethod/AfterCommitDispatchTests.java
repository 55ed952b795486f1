/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.threadmethod;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.OrdersApplication.Orders;
import io.github.threadmethod.OrdersApplication.Receipts;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.github.threadmethod.launch.Dispatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that a call made in a transaction starts once it commits, in every mode that runs
 * calls in this JVM: its body finds what the caller wrote, a rolled-back caller's call
 * never runs and is counted, metered and observed as discarded, and
 * {@code threadmethod.dispatch=immediate} (or a task's own) starts it at once, as before.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class AfterCommitDispatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class, ThreadMethodEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=threadmethod")
		.withUserConfiguration(OrdersApplication.class)
		.withBean(CallRecorder.class);

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void bodyFindsWhatItsCallerWroteInItsTransactionEveryTime(CallModes mode) {
		run(mode, (context) -> {
			Orders orders = context.getBean(Orders.class);
			int count = 100;
			IntStream.range(0, count).forEach(orders::place);
			awaitIdle(context);
			List<Call> calls = context.getBean(CallRecorder.class).awaitCalls(count);
			assertThat(calls).hasSize(count).allSatisfy((call) -> assertThat(call.arguments().get(1)).isEqualTo(true));
			assertThat(totals(context)).isEqualTo(new TaskTotals(count, count, 0, 0, 0, 0, 0, 0));
		});
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void callWaitsForItsCallersCommitAndRunsOutsideItsTransaction(CallModes mode) {
		run(mode, (context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			transaction(context).executeWithoutResult((status) -> {
				context.getBean(Orders.class).save(1);
				context.getBean(Receipts.class).send(1);
				assertThat(recorder.calls()).isEmpty();
				assertThat(totals(context)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0, 0, 0));
			});
			awaitIdle(context);
			assertThat(recorder.awaitCalls(1)).singleElement().satisfies((call) -> {
				assertThat(call.arguments()).containsExactly(1, true, "null", false);
				if (mode.isThreaded()) {
					assertThat(call.thread()).isNotSameAs(Thread.currentThread());
				}
				else {
					assertThat(call.thread()).isSameAs(Thread.currentThread());
				}
			});
		});
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void rolledBackCallersCallNeverRunsAndIsCountedMeteredAndObservedAsDiscarded(CallModes mode) {
		run(mode, (context) -> {
			Orders orders = context.getBean(Orders.class);
			assertThatIllegalStateException().isThrownBy(() -> orders.placeAndFail(1));
			transaction(context).executeWithoutResult((status) -> {
				orders.place(2);
				status.setRollbackOnly();
			});
			awaitIdle(context);
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
			assertThat(totals(context)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0, 2, 0));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("threadmethod.calls.discarded")
				.tag("task", OrdersApplication.SEND)
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(meters.get("threadmethod.calls")
				.tag("task", OrdersApplication.SEND)
				.tag("outcome", "discarded")
				.tag("exception", "none")
				.timer()
				.count()).isEqualTo(2);
			assertThat(context.getBean(ThreadMethodEndpoint.class).threadMethod().tasks())
				.hasEntrySatisfying(OrdersApplication.SEND, (totals) -> assertThat(totals.discarded()).isEqualTo(2));
		});
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void immediateDispatchStartsTheCallAtOnceAsBefore(CallModes mode) {
		run(mode, "threadmethod.dispatch=immediate", (context) -> assertStartsAtOnce(mode, context));
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void immediateDispatchOfOneTaskStartsItsCallsAtOnce(CallModes mode) {
		run(mode, "threadmethod.tasks[" + OrdersApplication.SEND + "].dispatch=immediate",
				(context) -> assertStartsAtOnce(mode, context));
	}

	private void assertStartsAtOnce(CallModes mode, AssertableApplicationContext context) throws InterruptedException {
		CallRecorder recorder = context.getBean(CallRecorder.class);
		transaction(context).executeWithoutResult((status) -> {
			context.getBean(Orders.class).place(1);
			// Taken at once: running, or (on the caller's thread) done already
			TaskTotals totals = totals(context);
			assertThat(totals.running() + totals.completed()).isOne();
			status.setRollbackOnly();
		});
		awaitIdle(context);
		// It ran although its caller rolled back: on a thread of its own, before the
		// commit that never came; on the caller's thread, inside its transaction
		assertThat(recorder.awaitCalls(1)).singleElement()
			.satisfies((call) -> assertThat(call.arguments()).containsExactly(1, !mode.isThreaded(), "null",
					!mode.isThreaded()));
		assertThat(totals(context)).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0, 0, 0));
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void callRunsInTheContextItsCallerHadWhenItWasMade(CallModes mode) {
		run(mode, (context) -> {
			Receipts receipts = context.getBean(Receipts.class);
			transaction(context).executeWithoutResult((status) -> {
				try (MDC.MDCCloseable first = MDC.putCloseable("order", "first")) {
					receipts.send(1);
				}
				try (MDC.MDCCloseable second = MDC.putCloseable("order", "second")) {
					receipts.send(2);
				}
				MDC.put("order", "at the commit");
			});
			MDC.remove("order");
			awaitIdle(context);
			assertThat(context.getBean(CallRecorder.class).awaitCalls(2))
				.extracting((call) -> call.arguments().get(0) + " " + call.arguments().get(2))
				.containsExactlyInAnyOrder("1 first", "2 second");
		});
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void taskDecoratorThatFailsRejectsTheCallToItsCallerInTheTransaction(CallModes mode) {
		ApplicationContextRunner failingDecorator = this.contextRunner.withBean(TaskDecorator.class,
				() -> (runnable) -> {
					throw new IllegalStateException("no context today");
				});
		run(failingDecorator, mode, "threadmethod.dispatch=after-commit", (context) -> {
			Receipts receipts = context.getBean(Receipts.class);
			transaction(context).executeWithoutResult((status) -> assertThatExceptionOfType(TaskRejectedException.class)
				.isThrownBy(() -> receipts.send(1))
				.withMessage("@FireAndForget call of task 'Receipts.send' rejected: a TaskDecorator failed on the "
						+ "caller's thread (java.lang.IllegalStateException: no context today)"));
			assertThat(totals(context)).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0, 0, 0));
		});
	}

	@Test
	void firstDiscardedCallIsLoggedAtInfoWithWhatToDoInATestAndLaterOnesAtDebug(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		String logger = "io.github.threadmethod.launch.CallLauncher";
		logging.setLogLevel(logger, LogLevel.INFO);
		try {
			run(CallModes.THREAD, (context) -> {
				Orders orders = context.getBean(Orders.class);
				assertThatIllegalStateException().isThrownBy(() -> orders.placeAndFail(1));
				assertThatIllegalStateException().isThrownBy(() -> orders.placeAndFail(2));
			});
		}
		finally {
			logging.setLogLevel(logger, null);
		}
		assertThat(output).containsOnlyOnce("@FireAndForget call of task 'Receipts.send' discarded")
			.contains("@FireAndForget call of task 'Receipts.send' discarded: the transaction it was made in rolled "
					+ "back. A call made in a transaction starts when it commits "
					+ "(threadmethod.dispatch=after-commit): in a @Transactional test, which rolls back, commit "
					+ "with @Commit, or set threadmethod.dispatch=immediate for the test. Later discarded calls are "
					+ "logged at DEBUG");
	}

	@Test
	void endpointShowsTheDispatchInEffect() {
		run(CallModes.THREAD, "threadmethod.tasks[" + OrdersApplication.FILE + "].dispatch=immediate", (context) -> {
			ThreadMethodEndpoint.ConfigurationDescriptor configuration = context.getBean(ThreadMethodEndpoint.class)
				.threadMethod()
				.configuration();
			assertThat(configuration.dispatch()).isEqualTo(Dispatch.AFTER_COMMIT);
			assertThat(configuration.tasks()).hasEntrySatisfying(OrdersApplication.FILE,
					(task) -> assertThat(task.dispatch()).isEqualTo(Dispatch.IMMEDIATE));
		});
	}

	private void run(CallModes mode, ContextConsumer<AssertableApplicationContext> consumer) {
		run(mode, "threadmethod.dispatch=after-commit", consumer);
	}

	private void run(CallModes mode, String property, ContextConsumer<AssertableApplicationContext> consumer) {
		run(this.contextRunner, mode, property, consumer);
	}

	private static void run(ApplicationContextRunner contextRunner, CallModes mode, String property,
			ContextConsumer<AssertableApplicationContext> consumer) {
		assumeThat(mode.isAvailable()).as("mode %s on this JVM", mode).isTrue();
		contextRunner.withPropertyValues(mode.property(), property).run(consumer);
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	private static TaskTotals totals(AssertableApplicationContext context) {
		return context.getBean(FireAndForgetCalls.class).getTotals(OrdersApplication.SEND);
	}

	private static void awaitIdle(AssertableApplicationContext context) throws InterruptedException {
		context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
	}

}

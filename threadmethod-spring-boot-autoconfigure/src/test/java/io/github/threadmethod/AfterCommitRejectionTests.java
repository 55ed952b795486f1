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
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.OrdersApplication.Orders;
import io.github.threadmethod.OrdersApplication.Receipts;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that a call that cannot start once its caller's transaction has committed (a
 * limit, a shutdown, no thread) is never lost: the committing code goes on as committed,
 * and the call is counted and metered as rejected, and its rejection goes to the
 * exception handler with its task and arguments; the calls after it still start.
 *
 * @author threadmethod contributors
 */
class AfterCommitRejectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Handled> handled = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class))
		.withUserConfiguration(OrdersApplication.class)
		.withBean(CallRecorder.class)
		.withBean(FireAndForgetExceptionHandler.class,
				() -> (ex, task, arguments) -> this.handled.add(new Handled(ex, task.getName(), List.of(arguments))));

	@ParameterizedTest
	@EnumSource(value = CallModes.class, names = { "THREAD", "VIRTUAL" })
	void callOverItsLimitAtTheCommitIsRejectedToTheExceptionHandler(CallModes mode) {
		assumeThat(mode.isAvailable()).as("mode %s on this JVM", mode).isTrue();
		this.contextRunner
			.withPropertyValues(mode.property(),
					"threadmethod.tasks[" + OrdersApplication.SEND + "].concurrency.limit=1",
					"threadmethod.tasks[" + OrdersApplication.SEND + "].concurrency.policy=reject")
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				recorder.blockBodies();
				Receipts receipts = context.getBean(Receipts.class);
				// Outside a transaction: takes the one slot, and holds it
				receipts.send(0);
				recorder.awaitCalls(1);
				context.getBean(Orders.class).place(1);
				recorder.release();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(this.handled).singleElement().satisfies((handled) -> {
					assertThat(handled.ex()).isInstanceOf(TaskRejectedException.class)
						.hasMessage("@FireAndForget call of task 'Receipts.send' rejected: the concurrency limit of "
								+ "task 'Receipts.send' (1) is reached and policy is to reject");
					assertThat(handled.task()).isEqualTo(OrdersApplication.SEND);
					assertThat(handled.arguments()).containsExactly(1);
				});
				assertThat(recorder.calls()).extracting((call) -> call.arguments().get(0)).containsExactly(0);
				assertThat(totals(context, OrdersApplication.SEND)).isEqualTo(new TaskTotals(1, 1, 0, 1, 0, 0, 0, 0));
				assertThat(context.getBean(MeterRegistry.class)
					.get("threadmethod.calls.rejected")
					.tag("task", OrdersApplication.SEND)
					.tag("reason", "limit")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class)
					.get("threadmethod.calls")
					.tag("task", OrdersApplication.SEND)
					.tag("outcome", "rejected")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@ParameterizedTest
	@EnumSource(CallModes.class)
	void callWhoseTransactionCommitsAfterShutdownBeganIsRejectedToTheExceptionHandler(CallModes mode) {
		assumeThat(mode.isAvailable()).as("mode %s on this JVM", mode).isTrue();
		this.contextRunner.withPropertyValues(mode.property()).run((context) -> {
			CallLauncher launcher = context.getBean(CallLauncher.class);
			transaction(context).executeWithoutResult((status) -> {
				context.getBean(Orders.class).place(1);
				launcher.stop();
			});
			assertThat(this.handled).singleElement()
				.satisfies((handled) -> assertThat(handled.ex()).isInstanceOf(TaskRejectedException.class)
					.hasMessage("@FireAndForget call of task 'Receipts.send' rejected: the application context is "
							+ "stopped; calls are taken again once it is started"));
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
			assertThat(totals(context, OrdersApplication.SEND)).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0, 0, 0));
		});
	}

	@Test
	void callThatGetsNoThreadAtTheCommitIsRejectedToTheExceptionHandler() {
		this.contextRunner
			.withBean(ThreadPerCallBackend.class,
					() -> new ThreadPerCallBackend(
							new UnstartableThreads(() -> new OutOfMemoryError("unable to create native thread"))))
			.run((context) -> {
				context.getBean(Orders.class).place(1);
				assertThat(this.handled).singleElement()
					.satisfies((handled) -> assertThat(handled.ex()).isInstanceOf(TaskRejectedException.class)
						.hasMessage("@FireAndForget call of task 'Receipts.send' rejected: the JVM could not start a "
								+ "thread for it (unable to create native thread)"));
				assertThat(totals(context, OrdersApplication.SEND)).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0, 0, 0));
				assertThat(context.getBean(FireAndForgetCalls.class).getRunning()).isEmpty();
			});
	}

	@Test
	void rejectedCallDoesNotKeepTheCallsMadeAfterItFromStarting() {
		this.contextRunner
			.withPropertyValues("threadmethod.tasks[" + OrdersApplication.SEND + "].concurrency.limit=1",
					"threadmethod.tasks[" + OrdersApplication.SEND + "].concurrency.policy=reject")
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				// The first call holds the one slot until the second has been rejected
				recorder.blockBodies();
				Receipts receipts = context.getBean(Receipts.class);
				transaction(context).executeWithoutResult((status) -> {
					context.getBean(Orders.class).save(1);
					receipts.send(1);
					receipts.send(1);
					receipts.file(1, false);
				});
				assertThat(this.handled).singleElement()
					.satisfies((handled) -> assertThat(handled.ex()).isInstanceOf(TaskRejectedException.class));
				recorder.release();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(recorder.calls()).extracting(CallRecorder.Call::name)
					.containsExactlyInAnyOrder("send", "file");
				assertThat(totals(context, OrdersApplication.FILE).completed()).isOne();
			});
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	private static TaskTotals totals(AssertableApplicationContext context, String task) {
		return context.getBean(FireAndForgetCalls.class).getTotals(task);
	}

	record Handled(Throwable ex, String task, List<Object> arguments) {

	}

}

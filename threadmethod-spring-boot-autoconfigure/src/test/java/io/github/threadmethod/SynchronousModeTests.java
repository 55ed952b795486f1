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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.actuate.ThreadMethodEndpoint.RunningCallDescriptor;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.threadmethod.launch.CallLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests what the one line {@code threadmethod.mode=synchronous} changes for an
 * application, and what it keeps: every call runs on its caller's thread before it
 * returns, whatever mode a task sets of its own, while the proxy, the start-up checks,
 * the exception handler, the account of calls, metrics, the endpoint and the rejection
 * after shutdown all stay.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SynchronousModeTests {

	private final List<Throwable> handled = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class, ThreadMethodEndpointAutoConfiguration.class))
		.withPropertyValues("threadmethod.mode=synchronous", "threadmethod.self-invocation=fail",
				"management.endpoints.web.exposure.include=threadmethod")
		.withBean(CallRecorder.class)
		.withBean(Mailer.class)
		.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> this.handled.add(ex));

	@Test
	void callRunsOnTheCallersThreadAndIsDoneWhenItReturns() {
		this.contextRunner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			assertThat(AopUtils.isAopProxy(mailer)).isTrue();
			mailer.send("ok");
			assertThat(context.getBean(CallRecorder.class).calls()).singleElement().satisfies((call) -> {
				assertThat(call.arguments()).containsExactly("ok");
				assertThat(call.thread()).isSameAs(Thread.currentThread());
			});
			assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Mailer.send"))
				.isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
		});
	}

	@Test
	void failureOfTheBodyReachesTheHandlerNotTheCallerAndIsCounted() {
		this.contextRunner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			assertThatNoException().isThrownBy(() -> mailer.send("fail"));
			assertThat(this.handled).singleElement()
				.satisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
					.hasMessage("failed on purpose"));
			assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Mailer.send"))
				.isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("threadmethod.calls")
				.tag("task", "Mailer.send")
				.tag("outcome", "failure")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void endpointShowsTheModeAndARunningCallOnTheCallersThread() {
		this.contextRunner.run((context) -> {
			ThreadMethodEndpoint endpoint = context.getBean(ThreadMethodEndpoint.class);
			AtomicReference<List<RunningCallDescriptor>> seenRunning = new AtomicReference<>();
			context.getBean(CallRecorder.class).onRecord(() -> seenRunning.set(endpoint.threadMethod().running()));
			context.getBean(Mailer.class).send("look");
			assertThat(endpoint.threadMethod().configuration().mode()).isEqualTo("synchronous");
			assertThat(seenRunning.get()).singleElement()
				.satisfies((call) -> assertThat(call.thread()).isEqualTo(Thread.currentThread().getName()));
		});
	}

	@Test
	void theSynchronousModeWinsOverTheModeOfEachTaskEvenOneWithNoBackendHereAndSaysSoOnce(CapturedOutput output) {
		this.contextRunner.withBean(Archiver.class)
			.withPropertyValues("threadmethod.tasks[Mailer.send].mode=thread",
					"threadmethod.tasks[Mailer.send].concurrency.limit=1",
					"threadmethod.tasks[Archiver.archive].mode=durable")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CallLauncher launcher = context.getBean(CallLauncher.class);
				assertThat(launcher.getSettings().forTask("Mailer.send").mode()).isEqualTo("synchronous");
				assertThat(launcher.getSettings().forTask("Mailer.send").limit()).isEqualTo(1);
				assertThat(launcher.getSettings().forTask("Archiver.archive").mode()).isEqualTo("synchronous");
				context.getBean(Mailer.class).send("ok");
				assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
					.satisfies((call) -> assertThat(call.thread()).isSameAs(Thread.currentThread()));
				assertThat(output).containsOnlyOnce("threadmethod.mode=synchronous runs every @FireAndForget task on "
						+ "its caller's thread, these too, over the mode each sets (threadmethod.tasks[<task>].mode): "
						+ "{Archiver.archive=durable, Mailer.send=thread}");
			});
	}

	@Test
	void aTaskThatSetsTheSynchronousModeItselfIsNotSaidToBeOverridden(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Mailer.send].mode=synchronous")
			.run((context) -> assertThat(output).doesNotContain("threadmethod.mode=synchronous runs every"));
	}

	@Test
	void callsAreRejectedOnceTheContextHasClosed() {
		this.contextRunner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			CallRecorder recorder = context.getBean(CallRecorder.class);
			context.close();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> mailer.send("late"))
				.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the application is shutting down");
			assertThat(recorder.calls()).isEmpty();
		});
	}

	@Test
	void misuseStillFailsStartup() {
		this.contextRunner.withBean(Counter.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(Counter.class.getName() + ".count() returns int"));
	}

	@Test
	void callOnThisStillFailsStartupUnderFail() {
		this.contextRunner.withBean(SelfCaller.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(IneffectiveFireAndForgetException.class)
				.hasMessageContaining("SelfCaller.place() calls @FireAndForget"));
	}

	static class Mailer {

		private final CallRecorder recorder;

		Mailer(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void send(String what) {
			this.recorder.record("send", what);
			if (what.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
		}

	}

	static class Archiver {

		@FireAndForget
		public void archive() {
		}

	}

	static class Counter {

		@FireAndForget
		public int count() {
			return 1;
		}

	}

	static class SelfCaller {

		public void place() {
			confirm();
		}

		@FireAndForget
		public void confirm() {
		}

	}

}

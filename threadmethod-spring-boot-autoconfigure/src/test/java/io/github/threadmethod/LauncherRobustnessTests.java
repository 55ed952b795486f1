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
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that whatever goes wrong around a call (a decorator, the thread factory, a
 * listener) loses nothing: the failure is handled, the call accounted for once, and its
 * permits given back.
 *
 * @author threadmethod contributors
 */
class LauncherRobustnessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Throwable> handled = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=reject")
		.withBean(CallRecorder.class)
		.withBean(Job.class)
		.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> this.handled.add(ex));

	@Test
	void decoratorFailingOnTheCallThreadIsHandledAndGivesItsPermitBack() {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> () -> {
			throw new IllegalStateException("decorator broke");
		}).run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			Job job = context.getBean(Job.class);
			job.run();
			calls.awaitIdle(TIMEOUT);
			job.run();
			calls.awaitIdle(TIMEOUT);
			assertThat(this.handled).hasSize(2).allMatch((ex) -> "decorator broke".equals(ex.getMessage()));
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 0, 2, 0, 0));
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
		});
	}

	@Test
	void decoratorThatNeverRunsTheCallIsHandled() {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> () -> {
		}).run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			context.getBean(Job.class).run();
			calls.awaitIdle(TIMEOUT);
			assertThat(this.handled).singleElement()
				.satisfies((ex) -> assertThat(ex).hasMessage("A TaskDecorator did not run the call"));
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(1, 0, 1, 0, 0));
		});
	}

	@Test
	void decoratorFailingOnTheCallerRejectsTheCall() {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> {
			throw new IllegalArgumentException("cannot decorate");
		}).run((context) -> {
			Job job = context.getBean(Job.class);
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run)
					.withMessageContaining("'Job.run' rejected: its thread could not be prepared")
					.withCauseInstanceOf(IllegalArgumentException.class);
			}
			assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Job.run"))
				.isEqualTo(new TaskTotals(0, 0, 0, 2, 0));
		});
	}

	@Test
	void threadThatCannotStartRejectsTheCallAndGivesItsPermitBack() {
		this.contextRunner.withBean(ThreadPerCallLauncher.class, () -> {
			ThreadPerCallLauncher launcher = new UnstartableThreadsLauncher(
					() -> new IllegalThreadStateException("scheduler shut down"));
			launcher.setConcurrencyLimit(new ConcurrencyLimit(1, ConcurrencyLimitPolicy.REJECT, Duration.ZERO));
			return launcher;
		}).run((context) -> {
			Job job = context.getBean(Job.class);
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run)
					.withMessageContaining("the JVM could not start a thread for it (scheduler shut down)");
			}
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(0, 0, 0, 2, 0));
			assertThat(calls.getRunning()).isEmpty();
		});
	}

	@Test
	void listenerThatThrowsStopsNeitherTheCallNorTheAccount() {
		this.contextRunner.run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			calls.addListener(new CallListener() {

				@Override
				public void callStarted(RunningCall call) {
					throw new IllegalStateException("listener broke");
				}

				@Override
				public void callFinished(RunningCall call, long durationNanos, Throwable failure) {
					throw new IllegalStateException("listener broke");
				}

			});
			context.getBean(Job.class).run();
			calls.awaitIdle(TIMEOUT);
			context.getBean(Job.class).run();
			calls.awaitIdle(TIMEOUT);
			assertThat(context.getBean(CallRecorder.class).calls()).hasSize(2);
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 2, 0, 0, 0));
		});
	}

	static class Job {

		private final CallRecorder recorder;

		Job(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void run() {
			this.recorder.record("run");
		}

	}

}

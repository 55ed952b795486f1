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
package io.github.threadmethod.launch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.UnstartableThreads;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that whatever goes wrong around a call (a decorator, the thread factory, a
 * listener, the failure itself) loses nothing: the call runs or is rejected, never both
 * and never neither; its failure is handled; it is accounted for once; and its permits
 * are given back once.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
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
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 0, 2, 0, 0, 0));
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
		});
	}

	@Test
	void decoratorFailingAfterTheCallRanIsLoggedAndTheCallCountsAsDone(CapturedOutput output) {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> () -> {
			runnable.run();
			throw new IllegalStateException("clean-up broke");
		}).run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			context.getBean(Job.class).run();
			calls.awaitIdle(TIMEOUT);
			await().untilAsserted(() -> assertThat(output)
				.contains("TaskDecorator failed after the @FireAndForget call of task 'Job.run' had run")
				.contains("clean-up broke"));
			assertThat(this.handled).isEmpty();
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
		});
	}

	@Test
	void listenerThatFailsOverAndOverIsLoggedWithItsStackOnce(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			context.getBean(CallLauncher.class).addListener(new CallListener() {

				@Override
				public void callStarted(RunningCall call) {
					throw new IllegalStateException("always broken");
				}

				@Override
				public String toString() {
					return "broken listener";
				}

			});
			Job job = context.getBean(Job.class);
			for (int i = 0; i < 3; i++) {
				job.run();
				calls.awaitIdle(TIMEOUT);
			}
			assertThat(output.toString().split("Listener of @FireAndForget calls failed: broken listener", -1))
				.hasSize(2);
			assertThat(calls.getTotals("Job.run").completed()).isEqualTo(3);
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
				.satisfies((ex) -> assertThat(ex).hasMessage("A TaskDecorator did not run the call of task 'Job.run'"));
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
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
					.withMessage("@FireAndForget call of task 'Job.run' rejected: a TaskDecorator failed on the "
							+ "caller's thread (java.lang.IllegalArgumentException: cannot decorate)")
					.withCauseInstanceOf(IllegalArgumentException.class);
			}
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(0, 0, 0, 2, 0, 0));
			assertThat(calls.getRunning()).isEmpty();
		});
	}

	@Test
	void decoratorThatRunsTheCallWhileDecoratingAndSwallowsItsFailureLosesNothing() {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> {
			try {
				runnable.run();
			}
			catch (Throwable ex) {
				// A careless decorator
			}
			return runnable;
		}).run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			Job job = context.getBean(Job.class);
			job.run();
			calls.awaitIdle(TIMEOUT);
			// Under a limit of 1 that rejects, a permit kept by the first call would
			// reject this one
			job.run();
			calls.awaitIdle(TIMEOUT);
			assertThat(context.getBean(CallRecorder.class).calls()).hasSize(2);
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 2, 0, 0, 0, 0));
		});
	}

	@Test
	void threadThatCannotStartRejectsTheCallAndGivesItsPermitBack() {
		this.contextRunner
			.withBean(ThreadPerCallBackend.class,
					() -> new ThreadPerCallBackend(
							new UnstartableThreads(() -> new IllegalThreadStateException("scheduler shut down"))))
			.run((context) -> {
				Job job = context.getBean(Job.class);
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run)
						.withMessageContaining("the JVM could not start a thread for it (scheduler shut down)");
				}
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(0, 0, 0, 2, 0, 0));
				assertThat(calls.getRunning()).isEmpty();
			});
	}

	@Test
	void threadFactoryThatRunsTheCallItselfIsNotToldRejected() {
		ThreadFactory runsIt = (runnable) -> {
			runnable.run();
			return new Thread(runnable);
		};
		this.contextRunner.withBean(ThreadPerCallBackend.class, () -> new ThreadPerCallBackend(runsIt))
			.run((context) -> {
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				Job job = context.getBean(Job.class);
				for (int i = 0; i < 2; i++) {
					assertThatNoException().isThrownBy(job::run);
					calls.awaitIdle(TIMEOUT);
				}
				assertThat(context.getBean(CallRecorder.class).calls()).hasSize(2);
				assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 2, 0, 0, 0, 0));
			});
	}

	@Test
	void threadFactoryThatStartsTheThreadItReturnsNeitherRejectsARunCallNorFreesItsPermitTwice(CapturedOutput output) {
		CallRecorder recorder = new CallRecorder();
		ThreadFactory startsIt = (runnable) -> {
			int before = recorder.calls().size();
			Thread thread = new Thread(runnable);
			thread.start();
			// The body has begun before the backend's own start() fails
			recorder.awaitCalls(before + 1);
			return thread;
		};
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=reject")
			.withBean(CallRecorder.class, () -> recorder)
			.withBean(Job.class)
			.withBean(ThreadPerCallBackend.class, () -> new ThreadPerCallBackend(startsIt))
			.run((context) -> {
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				Job job = context.getBean(Job.class);
				recorder.blockBodies();
				assertThatNoException().isThrownBy(job::run);
				assertThat(output).contains("ran, or was handed over, although starting it failed; it is not rejected");
				// The running call still holds the only permit
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run)
					.withMessageContaining("the concurrency limit of all tasks (1) is reached");
				recorder.release();
				calls.awaitIdle(TIMEOUT);
				assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(1, 1, 0, 1, 0, 0));
			});
	}

	@Test
	void listenerThatThrowsEvenAnErrorStopsNeitherTheCallNorTheAccountNorReachesTheCaller() {
		this.contextRunner.run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			context.getBean(CallLauncher.class).addListener(new CallListener() {

				@Override
				public void callStarted(RunningCall call) {
					throw new NoSuchMethodError("listener broke");
				}

				@Override
				public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
					throw new IllegalStateException("listener broke");
				}

				@Override
				public void callRejected(FireAndForgetTask task, Rejection reason) {
					throw new LinkageError("listener broke");
				}

			});
			CallRecorder recorder = context.getBean(CallRecorder.class);
			Job job = context.getBean(Job.class);
			job.run();
			calls.awaitIdle(TIMEOUT);
			recorder.blockBodies();
			job.run();
			recorder.awaitCalls(2);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run);
			recorder.release();
			calls.awaitIdle(TIMEOUT);
			assertThat(recorder.calls()).hasSize(2);
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(2, 2, 0, 1, 0, 0));
		});
	}

	@Test
	void everyKindOfListenerFailureIsLogged(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			CallLauncher launcher = context.getBean(CallLauncher.class);
			launcher.addListener(new FailingListener("on start") {

				@Override
				public void callStarted(RunningCall call) {
					throw new IllegalStateException(toString());
				}

			});
			launcher.addListener(new FailingListener("on finish") {

				@Override
				public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
					throw new IllegalStateException(toString());
				}

			});
			launcher.addListener(new FailingListener("on rejection") {

				@Override
				public void callRejected(FireAndForgetTask task, Rejection reason) {
					throw new IllegalStateException(toString());
				}

			});
			CallRecorder recorder = context.getBean(CallRecorder.class);
			Job job = context.getBean(Job.class);
			recorder.blockBodies();
			job.run();
			recorder.awaitCalls(1);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(job::run);
			recorder.release();
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(output).contains("Listener of @FireAndForget calls failed: listener failing on start")
				.contains("Listener of @FireAndForget calls failed: listener failing on finish")
				.contains("Listener of @FireAndForget calls failed: listener failing on rejection");
		});
	}

	@Test
	void callerRunsCallHoldsNoSlotAndGivesNoneBack() {
		CallRecorder recorder = new CallRecorder();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=caller-runs")
			.withBean(CallRecorder.class, () -> recorder)
			.withBean(Job.class)
			.withBean(Holder.class)
			.run((context) -> {
				CountDownLatch hold = new CountDownLatch(1);
				context.getBean(Holder.class).hold(hold);
				await().until(() -> context.getBean(FireAndForgetCalls.class).getTotals("Holder.hold").started() == 1);
				Job job = context.getBean(Job.class);
				// Both run on the caller while the holder keeps the only slot; a slot
				// given
				// back by the first would send the second to a thread of its own
				job.run();
				job.run();
				assertThat(recorder.calls()).extracting(Call::thread).containsOnly(Thread.currentThread());
				hold.countDown();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			});
	}

	@Test
	void callIsCountedStartedOnItsOwnThreadBeforeItFinishes() {
		List<String> events = new CopyOnWriteArrayList<>();
		this.contextRunner.run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			context.getBean(CallLauncher.class).addListener(new CallListener() {

				@Override
				public void callStarted(RunningCall call) {
					events.add("started on " + Thread.currentThread().getName());
				}

				@Override
				public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
					events.add("finished on " + Thread.currentThread().getName() + " having started "
							+ calls.getTotals("Job.run").started());
				}

			});
			context.getBean(Job.class).run();
			calls.awaitIdle(TIMEOUT);
			assertThat(events).containsExactly("started on threadmethod-Job.run-1",
					"finished on threadmethod-Job.run-1 having started 1");
		});
	}

	@Test
	void permitIsGivenBackOnlyAfterTheCallHasLeftTheAccount() {
		AtomicReference<Throwable> callMadeWhileFinishing = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			Job job = context.getBean(Job.class);
			context.getBean(CallLauncher.class).addListener(new CallListener() {

				@Override
				public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
					if (callMadeWhileFinishing.get() == null) {
						try {
							job.run();
							callMadeWhileFinishing.set(new AssertionError("a second call was taken"));
						}
						catch (TaskRejectedException ex) {
							callMadeWhileFinishing.set(ex);
						}
					}
				}

			});
			job.run();
			calls.awaitIdle(TIMEOUT);
			assertThat(callMadeWhileFinishing.get()).isInstanceOf(TaskRejectedException.class)
				.hasMessageContaining("the concurrency limit of all tasks (1) is reached");
			assertThat(calls.getTotals("Job.run")).isEqualTo(new TaskTotals(1, 1, 0, 1, 0, 0));
		});
	}

	@Test
	void bodyWhoseFailureCannotDescribeItselfIsStillLoggedWithWhereItWasThrown(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
			.withBean(Exploder.class)
			.run((context) -> {
				context.getBean(Exploder.class).explode();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(output).contains("@FireAndForget task 'Exploder.explode' failed in")
					.contains(UndescribableException.class.getName() + ": (its message could not be read: "
							+ "java.lang.UnsupportedOperationException)")
					.contains("at " + Exploder.class.getName() + ".explode(")
					.doesNotContain("TaskDecorator failed");
				assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Exploder.explode").failed()).isOne();
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

	static class Holder {

		@FireAndForget
		public void hold(CountDownLatch release) throws InterruptedException {
			release.await();
		}

	}

	abstract static class FailingListener implements CallListener {

		private final String when;

		FailingListener(String when) {
			this.when = when;
		}

		@Override
		public String toString() {
			return "listener failing " + this.when;
		}

	}

	static class Exploder {

		@FireAndForget
		public void explode() {
			throw new UndescribableException();
		}

	}

	@SuppressWarnings("serial")
	static class UndescribableException extends RuntimeException {

		@Override
		public String getMessage() {
			throw new UnsupportedOperationException();
		}

	}

}

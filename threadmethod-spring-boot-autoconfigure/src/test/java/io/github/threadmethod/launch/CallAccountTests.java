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

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.launch.CallListener.Rejection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CallAccount}, the account of calls a {@link CallLauncher} keeps,
 * driven through a launcher whose backend holds each call until the test runs it.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class CallAccountTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HeldBackend backend = new HeldBackend();

	private final CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("held"), List.of(this.backend));

	private final FireAndForgetCalls calls = this.launcher.getCalls();

	private final FireAndForgetTask task = Invocations.task("Held.send");

	@Test
	void runningCallTellsWhenItWasMade() {
		Instant before = Instant.now();
		this.launcher.launch(this.task, Invocations.of(() -> {
		}));
		RunningCall call = this.calls.getRunning().get(0);
		assertThat(call.getRunningFor()).isBetween(Duration.ZERO, Duration.ofDays(1));
		assertThat(call.getStartedAt()).isAfterOrEqualTo(before.minusSeconds(1)).isBeforeOrEqualTo(Instant.now());
		assertThat(call).isEqualTo(call).isNotEqualTo(this.calls);
	}

	@Test
	void callHandedToItsBackendIsRunningWithNoThreadBeforeItsBodyStarts() {
		this.launcher.launch(this.task, Invocations.of(() -> {
		}));
		assertThat(this.calls.getRunning()).singleElement().satisfies((call) -> {
			assertThat(call.getTask()).isSameAs(this.task);
			assertThat(call.getThread()).isNull();
			assertThat(call.toString()).startsWith("Held.send (not started yet) for ");
		});
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 0, 1, 0));
	}

	@Test
	void runningCallShowsTheThreadItsBodyRunsOn() throws Exception {
		CountDownLatch bodyStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.launcher.launch(this.task, Invocations.of(() -> {
			bodyStarted.countDown();
			assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
		}));
		Thread runner = new Thread(this.backend.held(0), "held-runner");
		runner.start();
		try {
			assertThat(bodyStarted.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(this.calls.getRunning()).singleElement().satisfies((call) -> {
				assertThat(call.getThread()).isSameAs(runner);
				assertThat(call.toString()).startsWith("Held.send on thread 'held-runner' for ");
			});
			assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(1, 0, 0, 0, 1, 0));
		}
		finally {
			release.countDown();
			runner.join(TimeUnit.SECONDS.toMillis(30));
		}
		assertThat(runner.isAlive()).isFalse();
		assertThat(this.calls.getRunning()).isEmpty();
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void runningCallsAreListedLongestRunningFirst() {
		FireAndForgetTask first = Invocations.task("Held.first");
		FireAndForgetTask second = Invocations.task("Held.second");
		this.launcher.launch(first, Invocations.of(() -> {
		}));
		this.launcher.launch(second, Invocations.of(() -> {
		}));
		assertThat(this.calls.getRunning()).extracting(RunningCall::getTask).containsExactly(first, second);
	}

	@Test
	void totalsAreExactAfterSuccessFailureAndRejection() {
		this.launcher.launch(this.task, Invocations.of(() -> {
		}));
		this.launcher.launch(this.task, Invocations.of(() -> {
			throw new IOException("disk full");
		}));
		this.backend.failWith(new IllegalStateException("queue full"));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(() -> {
			})));
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 1, 2, 0));
		this.backend.held(0).run();
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(1, 1, 0, 1, 1, 0));
		this.backend.held(1).run();
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(2, 1, 1, 1, 0, 0));
		assertThat(this.calls.getTotals()).containsOnlyKeys("Held.send");
		assertThat(this.calls.getRunning()).isEmpty();
	}

	@Test
	void totalsOfATaskNeverCalledAreZero() {
		assertThat(this.calls.getTotals("Held.never")).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0));
		assertThat(this.calls.getTotals()).isEmpty();
	}

	@Test
	void totalsOfAllTasksAreSortedByTaskName() {
		for (String name : List.of("Zeta.run", "Alpha.run", "Mid.run")) {
			this.launcher.launch(Invocations.task(name), Invocations.of(() -> {
			}));
		}
		this.backend.held.forEach(FireAndForgetExecution::run);
		Map<String, TaskTotals> totals = this.calls.getTotals();
		assertThat(totals).containsOnlyKeys("Alpha.run", "Mid.run", "Zeta.run");
		assertThat(totals.keySet()).containsExactly("Alpha.run", "Mid.run", "Zeta.run");
		assertThat(totals.values()).containsOnly(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void callOverALimitThatRejectsIsCountedRejected() {
		CallLauncher limited = new CallLauncher(
				new LaunchSettings(null, TIMEOUT, Duration.ofMinutes(1),
						new TaskSettings(true, "held", 1, ConcurrencyLimitPolicy.REJECT, TIMEOUT), Map.of()),
				List.of(this.backend));
		limited.launch(this.task, Invocations.of(() -> {
		}));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> limited.launch(this.task, Invocations.of(() -> {
			})))
			.withMessageContaining("policy is to reject");
		assertThat(limited.getCalls().getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 1, 1, 0));
		this.backend.held(0).run();
		assertThat(limited.getCalls().getTotals("Held.send")).isEqualTo(new TaskTotals(1, 1, 0, 1, 0, 0));
		assertThat(this.backend.held).hasSize(1);
	}

	@Test
	void awaitIdleReturnsOnceEveryCallHasSettled() throws Exception {
		this.launcher.launch(this.task, Invocations.of(() -> {
		}));
		this.launcher.launch(this.task, Invocations.of(() -> {
			throw new IllegalStateException("failed");
		}));
		this.launcher.setExceptionHandler((ex, task, arguments) -> {
		});
		AtomicReference<@Nullable Throwable> waitFailure = new AtomicReference<>();
		CountDownLatch idle = new CountDownLatch(1);
		Thread waiter = new Thread(() -> {
			try {
				this.calls.awaitIdle(TIMEOUT);
			}
			catch (Throwable ex) {
				waitFailure.set(ex);
			}
			idle.countDown();
		}, "idle-waiter");
		waiter.start();
		await().until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
		this.backend.held(0).run();
		assertThat(idle.getCount()).isOne();
		this.backend.held(1).run();
		assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(waitFailure.get()).isNull();
		this.calls.awaitIdle(Duration.ZERO);
	}

	@Test
	void awaitIdleWithNoCallsReturnsAtOnce() throws InterruptedException {
		this.calls.awaitIdle(Duration.ZERO);
	}

	@Test
	void awaitIdleTimingOutNamesTheCallsStillRunning() {
		this.launcher.launch(this.task, Invocations.of(() -> {
		}));
		assertThatIllegalStateException().isThrownBy(() -> this.calls.awaitIdle(Duration.ZERO))
			.withMessageStartingWith("@FireAndForget calls still running after waiting 0ms: ")
			.withMessageContaining("Held.send (not started yet)");
	}

	@Test
	void callRunTwiceRunsItsBodyOnce() {
		AtomicInteger runs = new AtomicInteger();
		this.launcher.launch(this.task, Invocations.of(runs::incrementAndGet));
		FireAndForgetExecution call = this.backend.held(0);
		call.run();
		call.run();
		assertThat(runs).hasValue(1);
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void callWhoseBackendThrowsIsRejectedNamingTheTaskAndTheMode() {
		AtomicInteger runs = new AtomicInteger();
		IllegalStateException failure = new IllegalStateException("queue full");
		this.backend.failWith(failure);
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(runs::incrementAndGet)))
			.withMessage("@FireAndForget call of task 'Held.send' rejected: its backend 'held' could not take it "
					+ "(java.lang.IllegalStateException: queue full)")
			.withCause(failure);
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
		assertThat(this.calls.getRunning()).isEmpty();
		this.backend.held(0).run();
		assertThat(runs).hasValue(0);
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
		assertThat(this.calls.getRunning()).isEmpty();
	}

	@Test
	void backendRejectionIsToldNamingTheTaskAndPassesItsCauseOn() {
		IOException cause = new IOException("broker down");
		this.backend.failWith(new TaskRejectedException("the queue is closed", cause));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(() -> {
			})))
			.withMessage("@FireAndForget call of task 'Held.send' rejected: the queue is closed")
			.withCause(cause);
		assertThat(this.calls.getTotals("Held.send").rejected()).isOne();
	}

	@Test
	void backendRejectionThatCannotDescribeItselfLeavesNothingBehind() throws InterruptedException {
		this.backend.failWith(new TaskRejectedException("unused") {

			@Override
			public String getMessage() {
				throw new IllegalStateException("no message");
			}

		});
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(() -> {
			})))
			.withMessage("@FireAndForget call of task 'Held.send' rejected: (its message could not be read: "
					+ "java.lang.IllegalStateException)");
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
		assertThat(this.calls.getRunning()).isEmpty();
		// Settled as well as gone: waiting for idle does not wait for it
		this.calls.awaitIdle(Duration.ofSeconds(1));
	}

	@Test
	void backendRejectionWithoutACauseBecomesTheCause() {
		TaskRejectedException rejection = new TaskRejectedException("the queue is closed");
		this.backend.failWith(rejection);
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(() -> {
			})))
			.withMessage("@FireAndForget call of task 'Held.send' rejected: the queue is closed")
			.withCause(rejection);
	}

	@Test
	void listenersHearStartedBeforeFinishedAndRejectedOnRejection() {
		List<String> events = new CopyOnWriteArrayList<>();
		this.launcher.addListener(new CallListener() {

			@Override
			public void callStarted(RunningCall call) {
				events.add("started " + call.getTask().getName());
			}

			@Override
			public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
				events.add("finished " + call.getTask().getName() + " "
						+ ((failure != null) ? failure.getMessage() : "ok"));
			}

			@Override
			public void callRejected(FireAndForgetTask task, Rejection reason) {
				events.add("rejected " + task.getName() + " " + reason);
			}

		});
		this.launcher.setExceptionHandler((ex, task, arguments) -> events.add("handled " + ex.getMessage()));
		this.launcher.launch(this.task, Invocations.of(() -> events.add("body ok")));
		this.launcher.launch(this.task, Invocations.of(() -> {
			throw new IOException("disk full");
		}));
		assertThat(events).isEmpty();
		this.backend.held(0).run();
		this.backend.held(1).run();
		this.backend.failWith(new IllegalStateException("queue full"));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.launcher.launch(this.task, Invocations.of(() -> events.add("body rejected"))));
		assertThat(events).containsExactly("started Held.send", "body ok", "finished Held.send ok", "started Held.send",
				"handled disk full", "finished Held.send disk full", "rejected Held.send START");
	}

	@Test
	void handlerThatThrowsLosesNeitherFailure(CapturedOutput output) {
		this.launcher.setExceptionHandler((ex, task, arguments) -> {
			throw new IllegalStateException("handler broke");
		});
		this.launcher.launch(this.task, Invocations.of(() -> {
			throw new IOException("body broke");
		}));
		this.backend.held(0).run();
		assertThat(output).contains("@FireAndForget task 'Held.send' failed")
			.contains("java.io.IOException: body broke")
			.contains("Exception handler failed on the failure of @FireAndForget task 'Held.send'")
			.contains("java.lang.IllegalStateException: handler broke");
		assertThat(this.calls.getTotals("Held.send")).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
		assertThat(this.calls.getRunning()).isEmpty();
	}

	/**
	 * A backend that keeps the calls it is handed, so that the test runs each when it
	 * chooses, and can be told to fail after keeping one.
	 */
	static final class HeldBackend implements FireAndForgetBackend {

		final List<FireAndForgetExecution> held = new CopyOnWriteArrayList<>();

		private volatile @Nullable RuntimeException failure;

		void failWith(RuntimeException failure) {
			this.failure = failure;
		}

		FireAndForgetExecution held(int index) {
			return this.held.get(index);
		}

		@Override
		public String getMode() {
			return "held";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			this.held.add(call);
			RuntimeException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
		}

	}

}

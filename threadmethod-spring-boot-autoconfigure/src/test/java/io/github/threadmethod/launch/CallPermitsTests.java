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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallListener.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CallPermits}.
 *
 * @author threadmethod contributors
 */
class CallPermitsTests {

	// Far longer than any bounded await of the test, so that a caller never woken fails
	// it rather than timing out in time
	private static final Duration LONG_WAIT = Duration.ofMinutes(10);

	private final FireAndForgetTask task = Invocations.task("Mailer.send");

	@Test
	void maximumWaitOfCenturiesIsAsGoodAsForever() {
		Permits taskPermits = new Permits(1);
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, Duration.ofDays(110_000));
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(
				new CallPermits(null, null, ConcurrencyLimitPolicy.WAIT, Duration.ofDays(110_000)).acquire(this.task))
			.isTrue();
		permits.release();
		assertThat(taskPermits.inUse()).isZero();
	}

	@Test
	void callTakesOneSlotOfItsTaskAndOneOfAllTasks() {
		Permits taskPermits = new Permits(2);
		Permits globalPermits = new Permits(3);
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(taskPermits.inUse()).isOne();
		assertThat(globalPermits.inUse()).isOne();
		permits.release();
		assertThat(taskPermits.inUse()).isZero();
		assertThat(globalPermits.inUse()).isZero();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenAllTasksAreAtTheirLimit() {
		Permits taskPermits = new Permits(2);
		Permits globalPermits = new Permits(1);
		globalPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task));
		assertThat(taskPermits.inUse()).isZero();
		assertThat(globalPermits.inUse()).isOne();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenTheCallerRunsOverTheGlobalLimit() {
		Permits taskPermits = new Permits(2);
		Permits globalPermits = new Permits(1);
		globalPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.CALLER_RUNS,
				LONG_WAIT);
		assertThat(permits.acquire(this.task)).isFalse();
		assertThat(taskPermits.inUse()).isZero();
		assertThat(globalPermits.inUse()).isOne();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenWaitingForAGlobalSlotTimesOut() {
		Permits taskPermits = new Permits(2);
		Permits globalPermits = new Permits(1);
		globalPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.WAIT, Duration.ZERO);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessageContaining("the concurrency limit of all tasks (1) is reached and no slot freed within 0ms");
		assertThat(taskPermits.inUse()).isZero();
	}

	@Test
	void rejectPolicyOverTheTaskLimitNamesTheTaskAndItsLimit() {
		Permits taskPermits = new Permits(1);
		taskPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of task "
					+ "'Mailer.send' (1) is reached and policy is to reject")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
		assertThat(taskPermits.inUse()).isOne();
	}

	@Test
	void rejectPolicyOverTheGlobalLimitNamesAllTasksAndTheLimit() {
		Permits globalPermits = new Permits(2);
		globalPermits.tryAcquire();
		globalPermits.tryAcquire();
		CallPermits permits = new CallPermits(null, globalPermits, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of all tasks "
					+ "(2) is reached and policy is to reject")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
	}

	@Test
	void callerRunsPolicyOverTheLimitReturnsFalseHoldingNothing() {
		Permits taskPermits = new Permits(1);
		Permits globalPermits = new Permits(5);
		taskPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.CALLER_RUNS,
				LONG_WAIT);
		assertThat(permits.acquire(this.task)).isFalse();
		assertThat(taskPermits.inUse()).isOne();
		assertThat(globalPermits.inUse()).isZero();
	}

	@Test
	void waitPolicyRejectsOnceNoSlotFreedInTime() {
		Permits taskPermits = new Permits(1);
		taskPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, Duration.ZERO);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of task "
					+ "'Mailer.send' (1) is reached and no slot freed within 0ms")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
	}

	@Test
	void waitPolicyNamesTheMaximumWaitInItsRejection() {
		Permits taskPermits = new Permits(1);
		taskPermits.tryAcquire();
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, Duration.ofMillis(1));
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessageEndingWith("is reached and no slot freed within 1ms");
	}

	@Test
	void waitPolicyTakesASlotThatAnotherThreadFrees() throws Exception {
		Permits taskPermits = new Permits(1);
		Permits globalPermits = new Permits(1);
		CallPermits permits = new CallPermits(taskPermits, globalPermits, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		Caller caller = Caller.start(permits, this.task);
		caller.awaitWaiting();
		permits.release();
		assertThat(caller.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.failure.get()).isNull();
		assertThat(caller.acquired.get()).isTrue();
		assertThat(taskPermits.inUse()).isOne();
		assertThat(globalPermits.inUse()).isOne();
	}

	@Test
	void closeWakesAWaitingCallerAndRejectsItForShutdown() throws Exception {
		Permits taskPermits = new Permits(1);
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		Caller caller = Caller.start(permits, this.task);
		caller.awaitWaiting();
		permits.close();
		assertThat(caller.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.failure.get()).isInstanceOf(CallRejectedException.class)
			.hasMessage("@FireAndForget call of task 'Mailer.send' rejected: the application stopped taking calls "
					+ "while it waited");
		assertThat(((CallRejectedException) caller.failure.get()).getReason()).isEqualTo(Rejection.SHUTDOWN);
		assertThat(taskPermits.inUse()).isOne();
	}

	@Test
	void openAfterCloseTakesCallsAgain() {
		Permits taskPermits = new Permits(1);
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		permits.close();
		permits.open();
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(taskPermits.inUse()).isOne();
	}

	@Test
	void interruptedWaitingCallerIsRejectedAndKeepsItsInterrupt() throws Exception {
		Permits taskPermits = new Permits(1);
		CallPermits permits = new CallPermits(taskPermits, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		Caller caller = Caller.start(permits, this.task);
		caller.awaitWaiting();
		caller.thread.interrupt();
		assertThat(caller.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.failure.get()).isInstanceOf(CallRejectedException.class)
			.hasMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of task "
					+ "'Mailer.send' (1) is reached and interrupted while waiting")
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(caller.interruptedAfter.get()).isTrue();
		assertThat(taskPermits.inUse()).isOne();
	}

	@Test
	void unlimitedPermitsAlwaysTakeTheCall() {
		for (ConcurrencyLimitPolicy policy : ConcurrencyLimitPolicy.values()) {
			CallPermits permits = new CallPermits(null, null, policy, Duration.ZERO);
			for (int i = 0; i < 100; i++) {
				assertThat(permits.acquire(this.task)).isTrue();
			}
			permits.close();
			assertThat(permits.acquire(this.task)).isTrue();
			permits.release();
		}
	}

	/**
	 * A thread that takes the slots of one call and keeps what came of it.
	 */
	static final class Caller {

		final AtomicReference<Boolean> acquired = new AtomicReference<>();

		final AtomicReference<Throwable> failure = new AtomicReference<>();

		final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();

		final CountDownLatch finished = new CountDownLatch(1);

		final Thread thread;

		private Caller(CallPermits permits, FireAndForgetTask task) {
			this.thread = new Thread(() -> {
				try {
					this.acquired.set(permits.acquire(task));
				}
				catch (Throwable ex) {
					this.failure.set(ex);
				}
				finally {
					this.interruptedAfter.set(Thread.currentThread().isInterrupted());
					this.finished.countDown();
				}
			}, "call-permits-caller");
			this.thread.setDaemon(true);
		}

		static Caller start(CallPermits permits, FireAndForgetTask task) {
			Caller caller = new Caller(permits, task);
			caller.thread.start();
			return caller;
		}

		void awaitWaiting() {
			await().until(() -> {
				Thread.State state = this.thread.getState();
				return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
			});
		}

	}

}

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
 * Tests for {@link TaskPermits}.
 *
 * @author threadmethod contributors
 */
class TaskPermitsTests {

	// Far longer than any bounded await of the test, so that a caller never woken fails
	// it rather than timing out in time
	private static final Duration LONG_WAIT = Duration.ofMinutes(10);

	private final FireAndForgetTask task = Invocations.task("Mailer.send");

	@Test
	void maximumWaitOfCenturiesIsAsGoodAsForever() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, Duration.ofDays(110_000));
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(
				new TaskPermits(null, null, ConcurrencyLimitPolicy.WAIT, Duration.ofDays(110_000)).acquire(this.task))
			.isTrue();
		permits.release();
		assertThat(taskSlots.inUse()).isZero();
	}

	@Test
	void callTakesOneSlotOfItsTaskAndOneOfAllTasks() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(2);
		ClosableSemaphore globalSlots = new ClosableSemaphore(3);
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(taskSlots.inUse()).isOne();
		assertThat(globalSlots.inUse()).isOne();
		permits.release();
		assertThat(taskSlots.inUse()).isZero();
		assertThat(globalSlots.inUse()).isZero();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenAllTasksAreAtTheirLimit() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(2);
		ClosableSemaphore globalSlots = new ClosableSemaphore(1);
		globalSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task));
		assertThat(taskSlots.inUse()).isZero();
		assertThat(globalSlots.inUse()).isOne();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenTheCallerRunsOverTheGlobalLimit() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(2);
		ClosableSemaphore globalSlots = new ClosableSemaphore(1);
		globalSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.CALLER_RUNS, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isFalse();
		assertThat(taskSlots.inUse()).isZero();
		assertThat(globalSlots.inUse()).isOne();
	}

	@Test
	void taskSlotTakenFirstIsGivenBackWhenWaitingForAGlobalSlotTimesOut() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(2);
		ClosableSemaphore globalSlots = new ClosableSemaphore(1);
		globalSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.WAIT, Duration.ZERO);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessageContaining("the concurrency limit of all tasks (1) is reached and no slot freed within 0ms");
		assertThat(taskSlots.inUse()).isZero();
	}

	@Test
	void rejectPolicyOverTheTaskLimitNamesTheTaskAndItsLimit() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		taskSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of task "
					+ "'Mailer.send' (1) is reached and policy is to reject")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
		assertThat(taskSlots.inUse()).isOne();
	}

	@Test
	void rejectPolicyOverTheGlobalLimitNamesAllTasksAndTheLimit() {
		ClosableSemaphore globalSlots = new ClosableSemaphore(2);
		globalSlots.tryAcquire();
		globalSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(null, globalSlots, ConcurrencyLimitPolicy.REJECT, LONG_WAIT);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of all tasks "
					+ "(2) is reached and policy is to reject")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
	}

	@Test
	void callerRunsPolicyOverTheLimitReturnsFalseHoldingNothing() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		ClosableSemaphore globalSlots = new ClosableSemaphore(5);
		taskSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.CALLER_RUNS, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isFalse();
		assertThat(taskSlots.inUse()).isOne();
		assertThat(globalSlots.inUse()).isZero();
	}

	@Test
	void waitPolicyRejectsOnceNoSlotFreedInTime() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		taskSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, Duration.ZERO);
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the concurrency limit of task "
					+ "'Mailer.send' (1) is reached and no slot freed within 0ms")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Rejection.LIMIT));
	}

	@Test
	void waitPolicyNamesTheMaximumWaitInItsRejection() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		taskSlots.tryAcquire();
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, Duration.ofMillis(1));
		assertThatExceptionOfType(CallRejectedException.class).isThrownBy(() -> permits.acquire(this.task))
			.withMessageEndingWith("is reached and no slot freed within 1ms");
	}

	@Test
	void waitPolicyTakesASlotThatAnotherThreadFrees() throws Exception {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		ClosableSemaphore globalSlots = new ClosableSemaphore(1);
		TaskPermits permits = new TaskPermits(taskSlots, globalSlots, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		Caller caller = Caller.start(permits, this.task);
		caller.awaitWaiting();
		permits.release();
		assertThat(caller.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.failure.get()).isNull();
		assertThat(caller.acquired.get()).isTrue();
		assertThat(taskSlots.inUse()).isOne();
		assertThat(globalSlots.inUse()).isOne();
	}

	@Test
	void closeWakesAWaitingCallerAndRejectsItForShutdown() throws Exception {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		assertThat(permits.acquire(this.task)).isTrue();
		Caller caller = Caller.start(permits, this.task);
		caller.awaitWaiting();
		permits.close();
		assertThat(caller.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.failure.get()).isInstanceOf(CallRejectedException.class)
			.hasMessage("@FireAndForget call of task 'Mailer.send' rejected: the application stopped taking calls "
					+ "while it waited");
		assertThat(((CallRejectedException) caller.failure.get()).getReason()).isEqualTo(Rejection.SHUTDOWN);
		assertThat(taskSlots.inUse()).isOne();
	}

	@Test
	void openAfterCloseTakesCallsAgain() {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
		permits.close();
		permits.open();
		assertThat(permits.acquire(this.task)).isTrue();
		assertThat(taskSlots.inUse()).isOne();
	}

	@Test
	void interruptedWaitingCallerIsRejectedAndKeepsItsInterrupt() throws Exception {
		ClosableSemaphore taskSlots = new ClosableSemaphore(1);
		TaskPermits permits = new TaskPermits(taskSlots, null, ConcurrencyLimitPolicy.WAIT, LONG_WAIT);
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
		assertThat(taskSlots.inUse()).isOne();
	}

	@Test
	void unlimitedPermitsAlwaysTakeTheCall() {
		for (ConcurrencyLimitPolicy policy : ConcurrencyLimitPolicy.values()) {
			TaskPermits permits = new TaskPermits(null, null, policy, Duration.ZERO);
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

		private Caller(TaskPermits permits, FireAndForgetTask task) {
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

		static Caller start(TaskPermits permits, FireAndForgetTask task) {
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

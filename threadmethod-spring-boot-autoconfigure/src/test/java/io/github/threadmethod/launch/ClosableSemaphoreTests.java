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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.launch.ClosableSemaphore.Acquisition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClosableSemaphore}.
 *
 * @author threadmethod contributors
 */
class ClosableSemaphoreTests {

	// Far longer than any bounded await of the test, so that a waiter never woken fails
	// it rather than timing out in time
	private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(10);

	@Test
	void tryAcquireTakesSlotsUpToTheLimitAndThenNoMore() {
		ClosableSemaphore permits = new ClosableSemaphore(2);
		assertThat(permits.limit()).isEqualTo(2);
		assertThat(permits.tryAcquire()).isTrue();
		assertThat(permits.tryAcquire()).isTrue();
		assertThat(permits.tryAcquire()).isFalse();
		assertThat(permits.tryAcquire()).isFalse();
		assertThat(permits.inUse()).isEqualTo(2);
	}

	@Test
	void releaseFreesExactlyOneSlot() {
		ClosableSemaphore permits = new ClosableSemaphore(2);
		permits.tryAcquire();
		permits.tryAcquire();
		permits.release();
		assertThat(permits.inUse()).isOne();
		assertThat(permits.tryAcquire()).isTrue();
		assertThat(permits.tryAcquire()).isFalse();
	}

	@Test
	void inUseCountsTheSlotsTakenAndGivenBack() {
		ClosableSemaphore permits = new ClosableSemaphore(3);
		assertThat(permits.inUse()).isZero();
		permits.tryAcquire();
		assertThat(permits.inUse()).isOne();
		permits.tryAcquire();
		assertThat(permits.inUse()).isEqualTo(2);
		permits.release();
		assertThat(permits.inUse()).isOne();
		permits.release();
		assertThat(permits.inUse()).isZero();
	}

	@Test
	void acquireTakesAFreeSlotAtOnce() throws InterruptedException {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		assertThat(permits.acquire(0)).isEqualTo(Acquisition.TAKEN);
		assertThat(permits.inUse()).isOne();
	}

	@Test
	void acquireWithNoTimeToWaitTimesOutWhenFull() throws InterruptedException {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.tryAcquire();
		assertThat(permits.acquire(0)).isEqualTo(Acquisition.TIMED_OUT);
		assertThat(permits.inUse()).isOne();
	}

	@Test
	void acquireTakesASlotThatAnotherThreadFreesWhileItWaits() throws Exception {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.tryAcquire();
		Waiter waiter = Waiter.start(permits, WAIT_NANOS);
		waiter.awaitWaiting();
		permits.release();
		assertThat(waiter.result()).isEqualTo(Acquisition.TAKEN);
		assertThat(permits.inUse()).isOne();
		assertThat(permits.tryAcquire()).isFalse();
	}

	@Test
	void acquireAfterCloseIsToldClosedAtOnceEvenWithAFreeSlot() throws InterruptedException {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.close();
		assertThat(permits.acquire(WAIT_NANOS)).isEqualTo(Acquisition.CLOSED);
		assertThat(permits.inUse()).isZero();
	}

	@Test
	void closeWakesAThreadAlreadyWaiting() throws Exception {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.tryAcquire();
		Waiter waiter = Waiter.start(permits, WAIT_NANOS);
		waiter.awaitWaiting();
		permits.close();
		assertThat(waiter.result()).isEqualTo(Acquisition.CLOSED);
		assertThat(permits.inUse()).isOne();
	}

	@Test
	void openAfterCloseTakesCallsAgain() throws InterruptedException {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.close();
		permits.open();
		assertThat(permits.acquire(0)).isEqualTo(Acquisition.TAKEN);
		assertThat(permits.acquire(0)).isEqualTo(Acquisition.TIMED_OUT);
	}

	@Test
	void interruptedWaiterGetsInterruptedException() throws Exception {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.tryAcquire();
		Waiter waiter = Waiter.start(permits, WAIT_NANOS);
		waiter.awaitWaiting();
		waiter.thread.interrupt();
		assertThat(waiter.finished.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(waiter.failure.get()).isInstanceOf(InterruptedException.class);
		assertThat(waiter.acquisition.get()).isNull();
		assertThat(permits.inUse()).isOne();
	}

	@Test
	void waiterInterruptedBeforeItWaitsGetsInterruptedException() {
		ClosableSemaphore permits = new ClosableSemaphore(1);
		permits.tryAcquire();
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> permits.acquire(WAIT_NANOS));
		}
		finally {
			Thread.interrupted();
		}
	}

	/**
	 * A thread that waits for a slot and keeps what came of it.
	 */
	static final class Waiter {

		final AtomicReference<Acquisition> acquisition = new AtomicReference<>();

		final AtomicReference<Throwable> failure = new AtomicReference<>();

		final CountDownLatch finished = new CountDownLatch(1);

		final Thread thread;

		private Waiter(ClosableSemaphore permits, long nanos) {
			this.thread = new Thread(() -> {
				try {
					this.acquisition.set(permits.acquire(nanos));
				}
				catch (Throwable ex) {
					this.failure.set(ex);
				}
				finally {
					this.finished.countDown();
				}
			}, "permits-waiter");
			this.thread.setDaemon(true);
		}

		static Waiter start(ClosableSemaphore permits, long nanos) {
			Waiter waiter = new Waiter(permits, nanos);
			waiter.thread.start();
			return waiter;
		}

		void awaitWaiting() {
			await().until(() -> {
				Thread.State state = this.thread.getState();
				return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
			});
		}

		Acquisition result() throws InterruptedException {
			assertThat(this.finished.await(30, TimeUnit.SECONDS)).as("waiter finished").isTrue();
			assertThat(this.failure.get()).isNull();
			return this.acquisition.get();
		}

	}

}

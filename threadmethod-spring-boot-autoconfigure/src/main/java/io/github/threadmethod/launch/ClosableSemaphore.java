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

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The slots of one concurrency limit. Unlike a {@link java.util.concurrent.Semaphore}, it
 * can be closed: callers waiting for a slot are woken at once and told so, which a
 * shutdown needs.
 *
 * @author threadmethod contributors
 */
final class ClosableSemaphore {

	private final int limit;

	private final AtomicInteger available;

	// A lock rather than a monitor, so that a waiting virtual thread is not pinned
	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// Changed under the lock only; read without it by release()
	private volatile int waiters;

	private volatile boolean closed;

	ClosableSemaphore(int limit) {
		this.limit = limit;
		this.available = new AtomicInteger(limit);
	}

	int limit() {
		return this.limit;
	}

	int inUse() {
		return this.limit - this.available.get();
	}

	boolean tryAcquire() {
		for (int available = this.available.get(); available > 0; available = this.available.get()) {
			if (this.available.compareAndSet(available, available - 1)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Take a slot, waiting for one up to the given time.
	 * @param nanos how long to wait at most
	 * @return whether a slot was taken, none freed in time, or the permits were closed
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	Acquisition acquire(long nanos) throws InterruptedException {
		if (!this.closed && tryAcquire()) {
			return Acquisition.TAKEN;
		}
		this.lock.lockInterruptibly();
		try {
			this.waiters++;
			try {
				long remaining = nanos;
				while (!this.closed) {
					// Counted as a waiter before this look, so a release that this look
					// misses signals the condition
					if (tryAcquire()) {
						return Acquisition.TAKEN;
					}
					if (remaining <= 0) {
						return Acquisition.TIMED_OUT;
					}
					remaining = this.changed.awaitNanos(remaining);
				}
				return Acquisition.CLOSED;
			}
			finally {
				this.waiters--;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	void release() {
		this.available.incrementAndGet();
		if (this.waiters > 0) {
			signalAll();
		}
	}

	/**
	 * Turn away every caller waiting for a slot, and every later one, until
	 * {@link #open()}.
	 */
	void close() {
		this.closed = true;
		signalAll();
	}

	void open() {
		this.closed = false;
	}

	private void signalAll() {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * What came of waiting for a slot.
	 */
	enum Acquisition {

		TAKEN, TIMED_OUT, CLOSED

	}

}

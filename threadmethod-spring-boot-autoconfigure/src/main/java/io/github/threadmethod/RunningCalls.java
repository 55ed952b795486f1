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
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls in flight right now, each known by the thread made for it, with a way to wait
 * until there are none.
 *
 * @author threadmethod contributors
 */
final class RunningCalls {

	private final Map<Thread, FireAndForgetTask> calls = new ConcurrentHashMap<>();

	// A lock rather than a monitor, so that a virtual thread signalling it is not pinned
	private final Lock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	void add(Thread thread, FireAndForgetTask task) {
		this.calls.put(thread, task);
	}

	void remove(Thread thread) {
		this.calls.remove(thread);
		if (this.calls.isEmpty()) {
			this.lock.lock();
			try {
				this.idle.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	int size() {
		return this.calls.size();
	}

	/**
	 * Wait until no call is running, or the timeout has passed.
	 * @param timeout how long to wait at most
	 * @return {@code true} if no call is running, {@code false} if some still are
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (!this.calls.isEmpty()) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.idle.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		StringJoiner joiner = new StringJoiner(", ");
		this.calls.forEach((thread, task) -> joiner.add(task.getName() + " on thread '" + thread.getName() + "'"));
		return joiner.toString();
	}

}

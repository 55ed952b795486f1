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
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One call of a {@link FireAndForget @FireAndForget} method whose body is running now.
 *
 * @author threadmethod contributors
 * @see FireAndForgetCalls#getRunning()
 */
public final class RunningCall {

	private final FireAndForgetTask task;

	private final Thread thread;

	private final long startNanos;

	// Cheaper than the identity hash a new object would compute on entering the registry
	private final int hash = ThreadLocalRandom.current().nextInt();

	private volatile boolean reportedSlow;

	RunningCall(FireAndForgetTask task, Thread thread, long startNanos) {
		this.task = task;
		this.thread = thread;
		this.startNanos = startNanos;
	}

	/**
	 * Return the task the call belongs to.
	 * @return the task
	 */
	public FireAndForgetTask getTask() {
		return this.task;
	}

	/**
	 * Return the thread the body runs on.
	 * @return the thread
	 */
	public Thread getThread() {
		return this.thread;
	}

	/**
	 * Return when the call was made, as near as the wall clock tells.
	 * @return the start time
	 */
	public Instant getStartedAt() {
		return Instant.now().minus(getRunningFor());
	}

	/**
	 * Return how long the call has been running.
	 * @return the time since the call was made
	 */
	public Duration getRunningFor() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	long getStartNanos() {
		return this.startNanos;
	}

	/**
	 * Mark the call as reported slow.
	 * @return whether this is the first time
	 */
	boolean markReportedSlow() {
		if (this.reportedSlow) {
			return false;
		}
		this.reportedSlow = true;
		return true;
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return this.task.getName() + " on thread '" + this.thread.getName() + "' for " + getRunningFor().toMillis()
				+ "ms";
	}

}

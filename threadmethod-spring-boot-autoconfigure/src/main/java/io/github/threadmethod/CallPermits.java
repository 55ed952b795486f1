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

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;

/**
 * The permits a call of one task needs before its thread starts: one of the task's own
 * limit and one of the global limit, either of which may be absent.
 *
 * @author threadmethod contributors
 */
final class CallPermits {

	private static final CallPermits UNLIMITED = new CallPermits(null, null, null, null);

	private final @Nullable Semaphore taskPermits;

	private final @Nullable ConcurrencyLimit taskLimit;

	private final @Nullable Semaphore globalPermits;

	private final @Nullable ConcurrencyLimit globalLimit;

	private CallPermits(@Nullable Semaphore taskPermits, @Nullable ConcurrencyLimit taskLimit,
			@Nullable Semaphore globalPermits, @Nullable ConcurrencyLimit globalLimit) {
		this.taskPermits = taskPermits;
		this.taskLimit = taskLimit;
		this.globalPermits = globalPermits;
		this.globalLimit = globalLimit;
	}

	static CallPermits of(@Nullable Semaphore taskPermits, @Nullable ConcurrencyLimit taskLimit,
			@Nullable Semaphore globalPermits, @Nullable ConcurrencyLimit globalLimit) {
		if (taskPermits == null && globalPermits == null) {
			return UNLIMITED;
		}
		return new CallPermits(taskPermits, taskLimit, globalPermits, globalLimit);
	}

	/**
	 * Take the permits for one call of the given task.
	 * @param task the task
	 * @return {@code true} if the permits were taken and the call may start its thread,
	 * {@code false} if a limit was reached and its policy runs the body on the caller
	 * @throws TaskRejectedException if a limit was reached and its policy rejects
	 */
	boolean acquire(FireAndForgetTask task) {
		long start = System.nanoTime();
		if (!acquire(this.taskPermits, this.taskLimit, task, "of task '" + task.getName() + "'", start)) {
			return false;
		}
		try {
			if (!acquire(this.globalPermits, this.globalLimit, task, "of all tasks", start)) {
				release(this.taskPermits);
				return false;
			}
		}
		catch (TaskRejectedException ex) {
			release(this.taskPermits);
			throw ex;
		}
		return true;
	}

	void release() {
		release(this.globalPermits);
		release(this.taskPermits);
	}

	private static boolean acquire(@Nullable Semaphore permits, @Nullable ConcurrencyLimit limit,
			FireAndForgetTask task, String scope, long start) {
		if (permits == null || limit == null || permits.tryAcquire()) {
			return true;
		}
		switch (limit.policy()) {
			case CALLER_RUNS:
				return false;
			case WAIT:
				long remaining = limit.maxWait().toNanos() - (System.nanoTime() - start);
				try {
					if (remaining > 0 && permits.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
						return true;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TaskRejectedException(rejection(task, limit, scope, "interrupted while waiting"), ex);
				}
				throw new TaskRejectedException(
						rejection(task, limit, scope, "no slot freed within " + limit.maxWait().toMillis() + "ms"));
			default:
				throw new TaskRejectedException(rejection(task, limit, scope, "policy is to reject"));
		}
	}

	private static String rejection(FireAndForgetTask task, ConcurrencyLimit limit, String scope, String why) {
		return "@FireAndForget call of task '" + task.getName() + "' rejected: the concurrency limit " + scope + " ("
				+ limit.limit() + ") is reached and " + why;
	}

	private static void release(@Nullable Semaphore permits) {
		if (permits != null) {
			permits.release();
		}
	}

}

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

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.github.threadmethod.launch.Permits.Acquisition;
import org.jspecify.annotations.Nullable;

/**
 * The slots a call of one task needs before it is handed to its backend: one of the
 * task's own limit and one of the global limit, either of which may be absent, taken
 * under the task's policy whichever limit is reached.
 *
 * @author threadmethod contributors
 */
final class CallPermits {

	private final @Nullable Permits taskPermits;

	private final @Nullable Permits globalPermits;

	private final ConcurrencyLimitPolicy policy;

	private final Duration maxWait;

	CallPermits(@Nullable Permits taskPermits, @Nullable Permits globalPermits, ConcurrencyLimitPolicy policy,
			Duration maxWait) {
		this.taskPermits = taskPermits;
		this.globalPermits = globalPermits;
		this.policy = policy;
		this.maxWait = maxWait;
	}

	/**
	 * Take the slots for one call of the given task.
	 * @param task the task
	 * @return {@code true} if the slots were taken and the call may go to its backend,
	 * {@code false} if a limit was reached and the policy runs the body on the caller
	 * @throws CallRejectedException if a limit was reached and the policy rejects the
	 * call, no slot freed in time, or the permits were closed by a shutdown
	 */
	boolean acquire(FireAndForgetTask task) {
		if (this.taskPermits == null && this.globalPermits == null) {
			return true;
		}
		long start = System.nanoTime();
		if (!acquire(this.taskPermits, task, "of task '" + task.getName() + "'", start)) {
			return false;
		}
		try {
			if (!acquire(this.globalPermits, task, "of all tasks", start)) {
				release(this.taskPermits);
				return false;
			}
		}
		catch (CallRejectedException ex) {
			release(this.taskPermits);
			throw ex;
		}
		return true;
	}

	void release() {
		release(this.globalPermits);
		release(this.taskPermits);
	}

	/**
	 * Turn away the callers waiting for a slot of the task's own limit, and later ones,
	 * until {@link #open()}. The global limit, shared by every task, is closed by its
	 * owner.
	 */
	void close() {
		if (this.taskPermits != null) {
			this.taskPermits.close();
		}
	}

	void open() {
		if (this.taskPermits != null) {
			this.taskPermits.open();
		}
	}

	private boolean acquire(@Nullable Permits permits, FireAndForgetTask task, String scope, long start) {
		if (permits == null || permits.tryAcquire()) {
			return true;
		}
		switch (this.policy) {
			case CALLER_RUNS:
				return false;
			case WAIT:
				Acquisition acquisition;
				try {
					acquisition = permits.acquire(maxWaitNanos() - (System.nanoTime() - start));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CallRejectedException(Rejection.LIMIT,
							rejection(task, permits, scope, "interrupted while waiting"), ex);
				}
				if (acquisition == Acquisition.TAKEN) {
					return true;
				}
				if (acquisition == Acquisition.CLOSED) {
					throw new CallRejectedException(Rejection.SHUTDOWN, "@FireAndForget call of task '" + task.getName()
							+ "' rejected: the application stopped taking calls while it waited");
				}
				throw new CallRejectedException(Rejection.LIMIT,
						rejection(task, permits, scope, "no slot freed within " + this.maxWait.toMillis() + "ms"));
			default:
				throw new CallRejectedException(Rejection.LIMIT,
						rejection(task, permits, scope, "policy is to reject"));
		}
	}

	/**
	 * Return the maximum wait in nanoseconds, a wait of centuries being as good as
	 * forever.
	 */
	private long maxWaitNanos() {
		try {
			return this.maxWait.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static String rejection(FireAndForgetTask task, Permits permits, String scope, String why) {
		return "@FireAndForget call of task '" + task.getName() + "' rejected: the concurrency limit " + scope + " ("
				+ permits.limit() + ") is reached and " + why;
	}

	private static void release(@Nullable Permits permits) {
		if (permits != null) {
			permits.release();
		}
	}

}

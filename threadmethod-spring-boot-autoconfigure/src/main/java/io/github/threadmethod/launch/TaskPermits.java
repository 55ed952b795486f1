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
import io.github.threadmethod.launch.ClosableSemaphore.Acquisition;
import org.jspecify.annotations.Nullable;

/**
 * The slots a call of one task needs before it is handed to its backend: one of the
 * task's own limit and one of the global limit, either of which may be absent, taken
 * under the task's policy whichever limit is reached.
 *
 * @author threadmethod contributors
 */
final class TaskPermits {

	private final @Nullable ClosableSemaphore taskSlots;

	private final @Nullable ClosableSemaphore globalSlots;

	private final ConcurrencyLimitPolicy policy;

	private final Duration maxWait;

	TaskPermits(@Nullable ClosableSemaphore taskSlots, @Nullable ClosableSemaphore globalSlots,
			ConcurrencyLimitPolicy policy, Duration maxWait) {
		this.taskSlots = taskSlots;
		this.globalSlots = globalSlots;
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
		if (this.taskSlots == null && this.globalSlots == null) {
			return true;
		}
		long start = System.nanoTime();
		if (!acquire(this.taskSlots, task, false, start)) {
			return false;
		}
		try {
			if (!acquire(this.globalSlots, task, true, start)) {
				release(this.taskSlots);
				return false;
			}
		}
		catch (CallRejectedException ex) {
			release(this.taskSlots);
			throw ex;
		}
		return true;
	}

	void release() {
		release(this.globalSlots);
		release(this.taskSlots);
	}

	/**
	 * Turn away the callers waiting for a slot of the task's own limit, and later ones,
	 * until {@link #open()}. The global limit, shared by every task, is closed by its
	 * owner.
	 */
	void close() {
		if (this.taskSlots != null) {
			this.taskSlots.close();
		}
	}

	void open() {
		if (this.taskSlots != null) {
			this.taskSlots.open();
		}
	}

	private boolean acquire(@Nullable ClosableSemaphore slots, FireAndForgetTask task, boolean global, long start) {
		if (slots == null || slots.tryAcquire()) {
			return true;
		}
		switch (this.policy) {
			case CALLER_RUNS:
				return false;
			case WAIT:
				Acquisition acquisition;
				try {
					acquisition = slots.acquire(maxWaitNanos() - (System.nanoTime() - start));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CallRejectedException(Rejection.LIMIT,
							rejection(task, slots, global, "interrupted while waiting"), ex);
				}
				if (acquisition == Acquisition.TAKEN) {
					return true;
				}
				if (acquisition == Acquisition.CLOSED) {
					throw new CallRejectedException(Rejection.SHUTDOWN, "@FireAndForget call of task '" + task.getName()
							+ "' rejected: the application stopped taking calls while it waited");
				}
				throw new CallRejectedException(Rejection.LIMIT,
						rejection(task, slots, global, "no slot freed within " + this.maxWait.toMillis() + "ms"));
			default:
				throw new CallRejectedException(Rejection.LIMIT, rejection(task, slots, global, "policy is to reject"));
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

	private static String rejection(FireAndForgetTask task, ClosableSemaphore slots, boolean global, String why) {
		// Worked out here, for the calls rejected only: a call that takes its slots pays
		// for no text
		String scope = global ? "of all tasks" : "of task '" + task.getName() + "'";
		return "@FireAndForget call of task '" + task.getName() + "' rejected: the concurrency limit " + scope + " ("
				+ slots.limit() + ") is reached and " + why;
	}

	private static void release(@Nullable ClosableSemaphore slots) {
		if (slots != null) {
			slots.release();
		}
	}

}

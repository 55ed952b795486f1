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

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import org.jspecify.annotations.Nullable;

/**
 * Hears what happens to calls, for the consumers that keep their own account of them
 * (metrics). Every method runs on the thread where the event happens, so it must be
 * quick. Whatever it throws, errors included, is logged and reaches neither the call nor
 * its caller.
 *
 * <p>
 * Public for threadmethod's own meters; not an API, may change in any release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface CallListener {

	/**
	 * A call's body is about to run, on the thread that runs it.
	 * @param call the call
	 */
	default void callStarted(RunningCall call) {
	}

	/**
	 * A call's body has returned or thrown, on the thread that ran it; always after
	 * {@link #callStarted} for the same call.
	 * @param call the call
	 * @param durationNanos how long the body ran
	 * @param failure what the body threw, or {@code null}
	 */
	default void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
	}

	/**
	 * A call was stored by its backend to run elsewhere, and handed over, on the caller's
	 * thread: its body does not run on this call. Whatever runs the stored call later
	 * reports its start and end as for any other call. A call stored with its caller's
	 * transaction is told once that transaction has committed, and never if it rolls
	 * back.
	 * @param task the task
	 */
	default void callHandedOver(FireAndForgetTask task) {
	}

	/**
	 * A call was rejected, on the caller's thread: its body has not run and will not. A
	 * call that waited its turn behind its key and then could not be started is rejected
	 * on the thread that ended the call before it.
	 * @param task the task
	 * @param reason why
	 */
	default void callRejected(FireAndForgetTask task, Rejection reason) {
	}

	/**
	 * A call was not started because a call of its task with the same key was still
	 * waiting or running, under the {@link io.github.threadmethod.KeyPolicy#UNIQUE
	 * unique} key policy, on the caller's thread (for a call made in a transaction, on
	 * the thread that committed it): its body does not run on this call.
	 * @param task the task
	 */
	default void callDeduplicated(FireAndForgetTask task) {
	}

	/**
	 * A call that was to start when the transaction it was made in committed was
	 * discarded, as that transaction rolled back (or its outcome is unknown), on the
	 * thread that completed it: its body has not run and will not.
	 * @param task the task
	 */
	default void callDiscarded(FireAndForgetTask task) {
	}

	/**
	 * Why a call was rejected.
	 */
	enum Rejection {

		/**
		 * A concurrency limit was reached and its policy rejected the call.
		 */
		LIMIT,

		/**
		 * The application is shutting down, or its context is stopped.
		 */
		SHUTDOWN,

		/**
		 * The call could not be started: a task decorator failed on the caller's thread,
		 * or the backend could not take it (for threads: the JVM could not start one).
		 */
		START,

		/**
		 * The call's {@linkplain io.github.threadmethod.FireAndForget#key() key
		 * expression} failed on its arguments, or yielded {@code null}.
		 */
		KEY;

		/**
		 * Return the value of the {@code reason} tag of the rejection meter.
		 * @return the tag value
		 */
		public String tagValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}

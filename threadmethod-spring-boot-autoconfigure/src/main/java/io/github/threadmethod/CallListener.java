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

import org.jspecify.annotations.Nullable;

/**
 * Hears what happens to calls, for the consumers that keep their own account of them
 * (metrics). Every method runs on the thread where the event happens, so it must be quick
 * and must not throw.
 *
 * @author threadmethod contributors
 */
interface CallListener {

	/**
	 * A call's thread has started.
	 * @param call the call
	 */
	default void callStarted(RunningCall call) {
	}

	/**
	 * A call's body has returned or thrown.
	 * @param call the call
	 * @param durationNanos how long the body ran
	 * @param failure what the body threw, or {@code null}
	 */
	default void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
	}

	/**
	 * A call was rejected: its body has not run and will not.
	 * @param task the task
	 * @param reason why
	 */
	default void callRejected(FireAndForgetTask task, Rejection reason) {
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
		 * The application is shutting down.
		 */
		SHUTDOWN,

		/**
		 * The JVM could not start a thread.
		 */
		THREAD_START

	}

}

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

/**
 * Handles what the body of a {@link FireAndForget @FireAndForget} call throws. The caller
 * has already returned when the body fails, so this is the only place the failure goes.
 * So does the {@link org.springframework.core.task.TaskRejectedException} of a call that
 * waited its turn behind its key ({@link KeyPolicy#SERIAL}) and could not be started when
 * it came: its caller has returned too.
 *
 * <p>
 * It also receives the rejection of a call made in a transaction that could not start
 * once the transaction committed (its limit reached, the application shutting down, no
 * thread to be had), as a {@link org.springframework.core.task.TaskRejectedException}
 * naming the task and the reason: its caller has returned by then too, and its
 * transaction has committed.
 *
 * <p>
 * Declare a bean of this type to replace the default, which logs the failure at
 * {@code ERROR} with the task name and the stack trace. The handler runs on the thread of
 * the failed call (for a rejection, the thread that committed, or the thread of the call
 * that ended before it); if it throws in turn, both failures are logged.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForget
 */
@FunctionalInterface
public interface FireAndForgetExceptionHandler {

	/**
	 * Handle the given exception or error thrown by the body of a call, or the rejection
	 * of a call that could not start after its caller returned: after its caller's
	 * transaction committed, or when its turn behind its key came.
	 * @param ex what the body threw, or the rejection
	 * @param task the task whose call failed
	 * @param arguments the arguments the call was made with
	 */
	void handleException(Throwable ex, FireAndForgetTask task, Object[] arguments);

}

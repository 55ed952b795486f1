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

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.core.task.TaskRejectedException;

/**
 * Starts the body of a {@link FireAndForget @FireAndForget} call away from the caller.
 * This is the one place where a call leaves its caller's thread; the interceptor only
 * hands the call over and returns.
 *
 * <p>
 * The default implementation is {@link ThreadPerCallLauncher}. Declaring a bean of this
 * type replaces it.
 *
 * @author threadmethod contributors
 * @see ThreadPerCallLauncher
 */
@FunctionalInterface
public interface FireAndForgetLauncher {

	/**
	 * Start the given call of the given task and return without waiting for it. The
	 * launcher owns what happens next, including passing a failure of the body to a
	 * {@link FireAndForgetExceptionHandler}.
	 * @param task the task being called
	 * @param invocation the call, to be {@linkplain MethodInvocation#proceed() proceeded}
	 * exactly once, on the launched thread
	 * @throws TaskRejectedException if the call cannot be started; the body has then not
	 * run and will not run
	 */
	void launch(FireAndForgetTask task, MethodInvocation invocation) throws TaskRejectedException;

}

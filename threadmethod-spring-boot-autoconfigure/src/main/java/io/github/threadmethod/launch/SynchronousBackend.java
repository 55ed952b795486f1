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

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;

/**
 * A {@link FireAndForgetBackend} that runs each call on its caller's thread, before the
 * call returns: the {@code synchronous} mode, for tests that want the work done when the
 * code under test returns, as a {@code SyncTaskExecutor} does for {@code @Async}.
 *
 * <p>
 * Only where the body runs changes. The call still goes through the proxy and the
 * launcher: the start-up checks, the shutdown gate, the task decorators, the account of
 * calls, metrics and the endpoint all apply, and a failure of the body goes to the
 * exception handler, never to the caller, as it does on a thread of its own. A call made
 * in a transaction runs once it commits, outside it, as on a thread of its own (unless
 * the task's {@link Dispatch dispatch} is {@code IMMEDIATE}: the body then runs inside
 * the caller's transaction). What else the caller's thread holds is visible to the body:
 * a request bound to the thread. Concurrency limits do not apply, as to a call over a
 * limit whose policy is {@code caller-runs}: a limit bounds threads, and these calls
 * start none.
 *
 * <p>
 * Every application has this backend, in mode {@value #MODE}, beside the ones it
 * declares; choose it with {@code threadmethod.mode=synchronous}.
 *
 * <p>
 * Public for threadmethod's own auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class SynchronousBackend implements FireAndForgetBackend {

	/**
	 * The mode of this backend.
	 */
	public static final String MODE = "synchronous";

	@Override
	public String getMode() {
		return MODE;
	}

	@Override
	public void execute(FireAndForgetExecution call) {
		call.run();
	}

	/**
	 * Return {@code false}: a limit bounds threads, and these calls start none.
	 */
	@Override
	public boolean isLimited() {
		return false;
	}

	@Override
	public String toString() {
		return "SynchronousBackend [caller's thread]";
	}

}

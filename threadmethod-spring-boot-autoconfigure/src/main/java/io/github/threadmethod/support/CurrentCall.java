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
package io.github.threadmethod.support;

import io.github.threadmethod.RunningCall;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RunningCall} whose body, or whose exception handler, runs on the current
 * thread: the innermost one, when a body makes a call that runs on the same thread. The
 * launcher makes each call current while it runs it, whatever backend runs it; what must
 * tell the call it runs in from a call its body makes (the durable mode's
 * {@code DurableCall.current()}) reads it here, with no reference to a launcher.
 *
 * <p>
 * Public for the launcher and for backends in modules of their own; an application has no
 * use for it.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class CurrentCall {

	private static final ThreadLocal<RunningCall> CURRENT = new ThreadLocal<>();

	private CurrentCall() {
	}

	/**
	 * Return the call that runs on this thread now.
	 * @return the call, or {@code null} if none runs here
	 */
	public static @Nullable RunningCall get() {
		return CURRENT.get();
	}

	/**
	 * Make the given call the current one on this thread, until the one returned is
	 * {@linkplain #restore restored}.
	 * @param call the call whose body is about to run here
	 * @return the call current until now, or {@code null}
	 */
	public static @Nullable RunningCall enter(RunningCall call) {
		RunningCall outer = CURRENT.get();
		CURRENT.set(call);
		return outer;
	}

	/**
	 * Make the given call, returned by {@link #enter}, the current one again.
	 * @param outer the call current before, or {@code null} for none
	 */
	public static void restore(@Nullable RunningCall outer) {
		if (outer != null) {
			CURRENT.set(outer);
		}
		else {
			CURRENT.remove();
		}
	}

}

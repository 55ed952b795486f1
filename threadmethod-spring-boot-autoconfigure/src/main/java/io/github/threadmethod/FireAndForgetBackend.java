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

import org.springframework.core.task.TaskRejectedException;

/**
 * Decides where and when the body of a {@link FireAndForget @FireAndForget} call runs:
 * the one thing that differs between ways of running calls. The default backend starts a
 * new platform or virtual thread for each call.
 *
 * <p>
 * Everything else a call is promised stays above the backend, whichever runs it: the
 * shutdown gate, the concurrency limits, the policy of its {@linkplain KeyPolicy key},
 * the caller's context captured by the task decorators, the {@link FireAndForgetCalls
 * account of calls}, failures routed to the {@link FireAndForgetExceptionHandler},
 * metrics, and the drain on shutdown. A backend receives a call that already carries all
 * of that and only has to {@linkplain FireAndForgetExecution#run() run} it.
 *
 * <p>
 * Declare a bean of this type to add a backend, and choose it for a task with
 * {@code threadmethod.tasks[<task>].mode} (or for every task with
 * {@code threadmethod.mode}). Declaring one replaces the default thread backend; a single
 * backend is the default mode of every task.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetExecution
 */
public interface FireAndForgetBackend {

	/**
	 * Return the name that {@code threadmethod.mode} and
	 * {@code threadmethod.tasks[<task>].mode} use to choose this backend, such as
	 * {@code "thread"}.
	 * @return the mode, unique among the backends of the application
	 */
	String getMode();

	/**
	 * Run the given call away from the caller, now or later, and return without waiting
	 * for it. The backend must either {@linkplain FireAndForgetExecution#run() run} the
	 * call exactly once, or store it to run elsewhere and
	 * {@linkplain FireAndForgetExecution#handOver() hand it over}, or throw: a backend
	 * that throws has not taken the call, which is then rejected to its caller and never
	 * runs, even if the backend runs it after all.
	 * <p>
	 * A backend that keeps calls for later (a queue, a pool) must run every call it took
	 * until the launcher has drained on shutdown: the launcher waits for them in phase
	 * {@code CallLauncher.DEFAULT_PHASE}, below the web server's.
	 * @param call the call, carrying its task, its arguments and every guarantee
	 * @throws TaskRejectedException if the backend cannot take the call, with a message
	 * that says why ("the queue is full"): the caller is told it, after the task's name;
	 * any other exception or error is turned into such a rejection
	 */
	void execute(FireAndForgetExecution call) throws TaskRejectedException;

	/**
	 * Return whether the concurrency limits ({@code threadmethod.concurrency.*} and the
	 * task's own) bound the calls of this backend's tasks. Limits bound the threads that
	 * run bodies in this JVM: a backend that runs each call on its caller's thread, or
	 * stores it to run elsewhere, starts none, and returns {@code false}; its calls then
	 * take no slot, so no policy (such as {@code caller-runs}) ever applies to them.
	 * @return {@code true} by default
	 */
	default boolean isLimited() {
		return true;
	}

	/**
	 * Return a few words that say how this backend runs calls, for the line start-up logs
	 * about the active tasks, such as {@code "threads: virtual"}.
	 * @return {@code "mode: "} and the {@linkplain #getMode() mode} by default
	 * @since 0.1.0
	 */
	default String describe() {
		return "mode: " + getMode();
	}

}

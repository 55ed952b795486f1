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
import io.micrometer.observation.Observation;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;

/**
 * A call made while its caller's transaction is active, waiting for it to commit. It
 * holds what the launcher takes then, and the caller's context as it was when the call
 * was made, on the caller's thread: the observation current then, which the call's will
 * be a child of, and what the task decorators captured. The body then runs in the context
 * it was called in, not in the one current when the transaction commits (a log context
 * set for one call of a loop, say). Its business key, if its method has a key expression,
 * is worked out then too, from the arguments as passed; what the key holds (a unique key,
 * a serial key's turn) is taken only when the call is, so that a call discarded by a
 * rollback never held it.
 *
 * @author threadmethod contributors
 */
final class DeferredCall implements Runnable {

	private final TaskRuntime runtime;

	private final FireAndForgetTask task;

	private final MethodInvocation invocation;

	private final @Nullable String key;

	private final @Nullable Observation parentObservation;

	private final @Nullable Runnable decorated;

	// Set on the committing thread, before the backend is handed the call
	private volatile @Nullable LaunchedCall call;

	/**
	 * Make a call to be taken later, on its caller's thread.
	 * @throws RuntimeException whatever the decorator throws
	 */
	DeferredCall(CallCompletion completion, TaskRuntime runtime, FireAndForgetTask task, MethodInvocation invocation,
			@Nullable String key, @Nullable TaskDecorator decorator) {
		this.runtime = runtime;
		this.task = task;
		this.invocation = invocation;
		this.key = key;
		this.parentObservation = completion.callerObservation();
		this.decorated = (decorator != null) ? decorator.decorate(this) : null;
	}

	/**
	 * Take the call, once its caller's transaction has committed, as a call that holds
	 * permits or not, and that runs elsewhere (on a thread of its own, or on the thread
	 * of the call of its key before it, in the context captured when it was made) or not
	 * (on the committing thread, undecorated, as a call over a limit whose policy is
	 * {@code caller-runs} does).
	 */
	LaunchedCall take(CallCompletion completion, boolean holdsPermits, boolean runsElsewhere) {
		LaunchedCall call = new LaunchedCall(completion, this.runtime, this.task, this.invocation, holdsPermits,
				this.key, this.parentObservation);
		if (runsElsewhere && this.decorated != null) {
			this.call = call;
			call.decorated(this.decorated);
		}
		return call;
	}

	/**
	 * Run the taken call's body, inside the context the decorators restore.
	 * @throws IllegalStateException if a decorator runs what it decorates before the call
	 * is taken, which would run the body inside its caller's transaction
	 */
	@Override
	public void run() {
		LaunchedCall call = this.call;
		if (call == null) {
			throw new IllegalStateException("A TaskDecorator ran the call of task '" + this.task.getName()
					+ "' before its caller's transaction committed");
		}
		call.runBody();
	}

	TaskRuntime runtime() {
		return this.runtime;
	}

	FireAndForgetTask task() {
		return this.task;
	}

	MethodInvocation invocation() {
		return this.invocation;
	}

	@Nullable String key() {
		return this.key;
	}

	Object[] arguments() {
		return this.invocation.getArguments();
	}

}

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

import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Where a taken call reports what becomes of it, whichever way it ends: run (observed,
 * counted started, its failure handled, finished), handed over to be run elsewhere,
 * deduplicated, withdrawn, or rejected; and where a call discarded before it was taken,
 * by the rollback of its caller's transaction, is counted. Each end reaches the account,
 * and through it the listeners; a call that held permits gives them back after it has
 * left the account, then lets go of its key (so that the next call of the key may start),
 * and settles last. A {@link LaunchedCall} talks to this and to nothing else.
 *
 * @author threadmethod contributors
 */
final class CallCompletion {

	private final CallAccount account;

	private FireAndForgetExceptionHandler exceptionHandler = new LoggingExceptionHandler();

	// Read by every call; replaced when the observation is configured
	private volatile CallObserver observer;

	CallCompletion(CallAccount account, boolean severalModes) {
		this.account = account;
		this.observer = new CallObserver(ObservationRegistry.NOOP, null, null, severalModes);
	}

	void setExceptionHandler(FireAndForgetExceptionHandler exceptionHandler) {
		this.exceptionHandler = exceptionHandler;
	}

	void observeWith(ObservationRegistry registry, @Nullable FireAndForgetObservationConvention convention) {
		this.observer = this.observer.withObservation(registry, convention);
	}

	void meterWith(@Nullable ObservationRegistry metricsRegistry) {
		this.observer = this.observer.withMetricsRegistry(metricsRegistry);
	}

	void timeWith(@Nullable CallMeters meters) {
		this.observer = this.observer.withMeters(meters);
	}

	/**
	 * Return the observation current on this thread, the caller's, which the observation
	 * of a call taken here will be a child of.
	 */
	@Nullable Observation callerObservation() {
		return this.observer.parent();
	}

	/**
	 * Start observing the body of the given call, on the thread that runs it.
	 */
	CallObservation observe(LaunchedCall call) {
		return this.observer.start(call);
	}

	void started(LaunchedCall call) {
		this.account.started(call);
	}

	/**
	 * Give a failure of the body to the exception handler; a handler that fails in turn
	 * loses neither failure.
	 */
	void handleFailure(Throwable ex, LaunchedCall call) {
		handleFailure(ex, call.getTask(), call.getArguments());
	}

	/**
	 * Give what kept a call of the given task from running to the exception handler, when
	 * its caller has returned already and cannot be told: the rejection of a call that
	 * was to start when its caller's transaction committed.
	 */
	void handleFailure(Throwable ex, FireAndForgetTask task, Object[] arguments) {
		try {
			this.exceptionHandler.handleException(ex, task, arguments);
		}
		catch (Throwable handlerEx) {
			Failures.log("@FireAndForget task '" + task.getName() + "' failed", ex);
			Failures.log("Exception handler failed on the failure of @FireAndForget task '" + task.getName() + "'",
					handlerEx);
		}
	}

	/**
	 * End a call whose body has run: it leaves the account before its slots are given
	 * back, so nothing shows more calls running than a limit allows, and settles last, so
	 * that a caller waiting for idle finds every slot free.
	 */
	void finish(LaunchedCall call, @Nullable Throwable failure) {
		try {
			this.account.finished(call, failure);
		}
		finally {
			giveBack(call);
		}
	}

	/**
	 * End a call that its backend has stored to run elsewhere: it leaves the account
	 * without having started, and gives its slots back. It counts as stored now, or,
	 * stored with a transaction still open, once {@linkplain #stored stored for good}.
	 */
	void handedOver(LaunchedCall call, boolean stored) {
		try {
			if (stored) {
				this.account.stored(call);
			}
			this.account.handedOver(call);
		}
		finally {
			giveBack(call);
		}
	}

	/**
	 * Count a call handed over as stored, once its store keeps it for good.
	 */
	void stored(LaunchedCall call) {
		this.account.stored(call);
	}

	/**
	 * End a call whose backend holds a call of the same key already: it counts as
	 * deduplicated, leaves the account without having started, and gives its slots back.
	 */
	void deduplicated(LaunchedCall call) {
		try {
			this.account.deduplicated(call);
			this.observer.deduplicated(call.getTask(), call.runtime().settings().mode(), call.getKey());
			logDeduplicated(call.getTask(), call.getKey());
		}
		finally {
			giveBack(call);
		}
	}

	/**
	 * Count and observe a call of the given task that was not taken, on the caller's
	 * thread, because a call of the same key is still waiting or running.
	 */
	void deduplicated(FireAndForgetTask task, TaskRuntime runtime, String key) {
		this.account.deduplicated(task, runtime.counters());
		this.observer.deduplicated(task, runtime.settings().mode(), key);
		logDeduplicated(task, key);
	}

	private static void logDeduplicated(FireAndForgetTask task, @Nullable String key) {
		if (Failures.logger.isDebugEnabled()) {
			Failures.logger.debug("@FireAndForget call of task '" + task.getName() + "' with key '" + key
					+ "' not started: a call of the task with the same key is still waiting or running");
		}
	}

	/**
	 * Reject a call that waited its turn behind its key and could not be started when its
	 * turn came (its backend refused it), on the thread that handed it on: its caller has
	 * returned, so the rejection goes to the exception handler, and is counted and
	 * observed as any other. The call is withdrawn, and the turn passes on.
	 */
	void notStarted(LaunchedCall call, Throwable failure) {
		if (!call.withdraw()) {
			Failures.log("@FireAndForget call of task '" + call.getTask().getName()
					+ "' ran, or was handed over, although starting it failed; it is not rejected", failure);
			return;
		}
		try {
			withdrawn(call);
		}
		finally {
			CallRejectedException rejection = CallLauncher.backendRejection(call.getTask(), call.runtime(), failure);
			rejected(call.getTask(), call.runtime(), rejection);
			handleFailure(rejection, call);
		}
	}

	/**
	 * End a call taken back before it ran: it leaves the account without having started,
	 * and gives its slots back. Its rejection is told {@linkplain #rejected separately}.
	 */
	void withdrawn(LaunchedCall call) {
		try {
			this.account.withdrawn(call);
		}
		finally {
			giveBack(call);
		}
	}

	/**
	 * Count and observe a call of the given task that was not taken, or was withdrawn, on
	 * the caller's thread.
	 */
	void rejected(FireAndForgetTask task, TaskRuntime runtime, CallRejectedException rejection) {
		this.account.rejected(task, runtime.counters(), rejection.getReason());
		this.observer.rejected(task, runtime.settings().mode(), rejection);
	}

	/**
	 * Count and observe a call of the given task that was to start when the transaction
	 * it was made in committed, and that was discarded as it rolled back.
	 */
	void discarded(FireAndForgetTask task, TaskRuntime runtime) {
		this.account.discarded(task, runtime.counters());
		this.observer.discarded(task, runtime.settings().mode());
	}

	/**
	 * The last steps of every call that has left the account, run or withdrawn: its slots
	 * are given back, then its key (the next call of a serial key is handed on here),
	 * then it settles.
	 */
	private void giveBack(LaunchedCall call) {
		try {
			if (call.holdsPermits()) {
				call.runtime().permits().release();
			}
		}
		finally {
			try {
				call.runtime().leave(call);
			}
			finally {
				this.account.settle();
			}
		}
	}

}

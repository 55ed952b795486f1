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
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The observation of one call, from its start to its end on one thread: its scope, when
 * it has one, is opened on that thread and closed there, and the scope that was current
 * before it is current again afterwards, whatever a handler does; or, for a call that no
 * registry observes, the {@linkplain CallMeters timing} of its meters. Each step is
 * guarded: a failure is logged by the {@link CallObserver} and the next step still runs.
 *
 * @author threadmethod contributors
 */
final class CallObservation {

	/**
	 * A call not observed.
	 */
	static final CallObservation NONE = new CallObservation();

	private final @Nullable CallObserver observer;

	private final @Nullable FireAndForgetTask task;

	private final @Nullable FireAndForgetObservationContext context;

	private final Observation observation;

	private final @Nullable ObservationRegistry scopeRegistry;

	private final Observation.@Nullable Scope previousScope;

	private final CallMeters.@Nullable Timing timing;

	private Observation.Scope scope = Observation.Scope.NOOP;

	private CallObservation() {
		this(null, null, null);
	}

	/**
	 * Take a started timing of a call that no registry observes: its meters only, no
	 * observation and no scope.
	 */
	CallObservation(@Nullable CallObserver observer, @Nullable FireAndForgetTask task,
			CallMeters.@Nullable Timing timing) {
		this.observer = observer;
		this.task = task;
		this.context = null;
		this.observation = Observation.NOOP;
		this.scopeRegistry = null;
		this.previousScope = null;
		this.timing = timing;
	}

	/**
	 * Take a started observation, and open its scope on this thread if a registry is
	 * given for it.
	 */
	CallObservation(CallObserver observer, FireAndForgetTask task, FireAndForgetObservationContext context,
			Observation observation, @Nullable ObservationRegistry scopeRegistry) {
		this.observer = observer;
		this.task = task;
		this.context = context;
		this.observation = observation;
		this.scopeRegistry = scopeRegistry;
		this.timing = null;
		this.previousScope = (scopeRegistry != null) ? scopeRegistry.getCurrentObservationScope() : null;
		if (scopeRegistry != null) {
			try {
				this.scope = observation.openScope();
			}
			catch (Throwable ex) {
				// The scope may be current already: never leave it so
				restoreScope();
				failed(ex);
			}
		}
	}

	/**
	 * End the observation of the call, on the thread that ran it: record what it failed
	 * with, if anything, then close its scope and stop it.
	 * @param failure what the call failed with, or {@code null}
	 */
	void end(@Nullable Throwable failure) {
		if (this.timing != null) {
			try {
				this.timing.stop(failure);
			}
			catch (Throwable ex) {
				failed(ex);
			}
			return;
		}
		if (this.context == null) {
			return;
		}
		if (failure != null) {
			try {
				this.observation.error(failure);
			}
			catch (Throwable ex) {
				failed(ex);
			}
		}
		this.context.setComplete(true);
		try {
			this.scope.close();
		}
		catch (Throwable ex) {
			failed(ex);
		}
		restoreScope();
		try {
			this.observation.stop();
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	private void restoreScope() {
		ObservationRegistry registry = this.scopeRegistry;
		if (registry != null) {
			try {
				if (registry.getCurrentObservationScope() != this.previousScope) {
					registry.setCurrentObservationScope(this.previousScope);
				}
			}
			catch (Throwable ex) {
				failed(ex);
			}
		}
	}

	private void failed(Throwable ex) {
		if (this.observer != null) {
			this.observer.failed(this.task, ex);
		}
	}

}

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
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the calls of one launcher: each body, on its thread, as a child of the
 * observation current on its caller's thread; and each rejection, on the caller's thread.
 * Nothing it does may reach a call or its caller: an observation handler that fails is
 * logged, and the call runs on unobserved.
 *
 * @author threadmethod contributors
 */
final class CallObserver {

	private static final FireAndForgetObservationConvention DEFAULT_CONVENTION = new DefaultFireAndForgetObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable FireAndForgetObservationConvention convention;

	private final boolean severalModes;

	private volatile boolean failedBefore;

	CallObserver(ObservationRegistry registry, @Nullable FireAndForgetObservationConvention convention,
			boolean severalModes) {
		this.registry = registry;
		this.convention = convention;
		this.severalModes = severalModes;
	}

	/**
	 * Return the observation current on this thread, the caller's, which the call's
	 * observation will be a child of.
	 */
	@Nullable Observation parent() {
		return this.registry.isNoop() ? null : this.registry.getCurrentObservation();
	}

	/**
	 * Start observing the body of the given call, on the thread that runs it.
	 * @return the started observation, {@link Observation#NOOP} if none
	 */
	Observation start(LaunchedCall call) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		try {
			Observation observation = FireAndForgetObservationDocumentation.CALL.observation(this.convention,
					DEFAULT_CONVENTION, () -> context(call.getTask(), call.runtime().settings().mode(), false),
					this.registry);
			Observation parent = call.getParentObservation();
			if (parent != null) {
				observation.parentObservation(parent);
			}
			return observation.start();
		}
		catch (Throwable ex) {
			failed(call.getTask(), ex);
			return Observation.NOOP;
		}
	}

	/**
	 * Open the scope of a started observation on this thread, so that what the body
	 * observes, logs or traces is the call's.
	 */
	Observation.Scope openScope(Observation observation, FireAndForgetTask task) {
		try {
			return observation.openScope();
		}
		catch (Throwable ex) {
			failed(task, ex);
			return Observation.Scope.NOOP;
		}
	}

	/**
	 * Record what the body threw.
	 */
	void error(Observation observation, Throwable failure, FireAndForgetTask task) {
		try {
			observation.error(failure);
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
	}

	/**
	 * Close the scope and stop the observation, on the thread that ran the body.
	 */
	void stop(Observation observation, Observation.Scope scope, FireAndForgetTask task) {
		try {
			scope.close();
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
		try {
			observation.stop();
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
	}

	/**
	 * Observe a call rejected before its body could run, on the caller's thread, as a
	 * child of the caller's observation.
	 */
	void rejected(FireAndForgetTask task, String mode, Throwable rejection) {
		if (this.registry.isNoop()) {
			return;
		}
		try {
			FireAndForgetObservationDocumentation.CALL
				.observation(this.convention, DEFAULT_CONVENTION, () -> context(task, mode, true), this.registry)
				.start()
				.error(rejection)
				.stop();
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
	}

	private FireAndForgetObservationContext context(FireAndForgetTask task, String mode, boolean rejected) {
		return new FireAndForgetObservationContext(task, mode, this.severalModes, rejected);
	}

	/**
	 * Log the first failure of an observation with its stack, and later ones at DEBUG, so
	 * that a handler broken for good does not flood the log.
	 */
	private void failed(FireAndForgetTask task, Throwable ex) {
		if (!this.failedBefore) {
			this.failedBefore = true;
			Failures.log("Observation of a @FireAndForget call of task '" + task.getName()
					+ "' failed; the call itself is not affected (later failures are logged at DEBUG)", ex);
		}
		else if (Failures.logger.isDebugEnabled()) {
			Failures.logger.debug("Observation of a @FireAndForget call of task '" + task.getName() + "' failed again: "
					+ Failures.summary(ex));
		}
	}

}

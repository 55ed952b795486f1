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
package io.github.threadmethod.durable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.threadmethod.observation.FireAndForgetObservationDocumentation;
import io.github.threadmethod.observation.FireAndForgetObservationDocumentation.LowCardinalityKeyNames;
import io.github.threadmethod.observation.FireAndForgetObservationDocumentation.StoredCallKeyNames;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Observes the two ends of a durable call, so that its run, later and on any instance,
 * continues the trace of the caller that stored it, with Micrometer Observation's own
 * propagation model and no tracing library: storing is a
 * {@linkplain FireAndForgetObservationDocumentation#STORE sender observation} on the
 * caller's thread, whose carrier the tracing handlers fill and which is stored with the
 * call; each attempt is a {@linkplain FireAndForgetObservationDocumentation#RUN receiver
 * observation} on the engine's thread, made from that carrier, current while the call
 * runs, so that the call's own {@code threadmethod.calls} observation is its child.
 * <p>
 * Nothing observing does reaches the call: a handler that throws is logged, once with its
 * stack, and the call is stored, or run, all the same.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class StoredCallObservations {

	private static final Log logger = LogFactory.getLog(StoredCallObservations.class);

	private final Supplier<ObservationRegistry> registry;

	private volatile boolean failedBefore;

	/**
	 * Create the observations of durable calls in the given registry.
	 * @param registry supplies the registry, once a call is first stored or run; a
	 * {@linkplain ObservationRegistry#isNoop() no-op} one observes nothing
	 */
	public StoredCallObservations(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * Start observing the storing of a call, on the caller's thread, as a child of the
	 * caller's observation.
	 */
	Observed store(String taskName, String id) {
		ObservationRegistry registry = this.registry.get();
		if (registry.isNoop()) {
			return Observed.NONE;
		}
		Map<String, String> carrier = new LinkedHashMap<>();
		SenderContext<Map<String, String>> context = new SenderContext<>((into, key, value) -> into.put(key, value),
				Kind.PRODUCER);
		context.setCarrier(carrier);
		try {
			Observation observation = start(Observation
				.createNotStarted(FireAndForgetObservationDocumentation.STORE.getName(), () -> context, registry)
				.contextualName("store " + taskName), taskName, id, null);
			return new Observed(this, observation, null, carrier);
		}
		catch (Throwable ex) {
			failed(ex);
			return Observed.NONE;
		}
	}

	/**
	 * Start observing an attempt at a stored call, on the engine's thread, from the trace
	 * stored with it, and make it the current observation on this thread.
	 */
	Observed run(String taskName, String id, int attempt, Map<String, String> trace) {
		ObservationRegistry registry = this.registry.get();
		if (registry.isNoop()) {
			return Observed.NONE;
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key),
				Kind.CONSUMER);
		context.setCarrier(trace);
		Observation observation;
		try {
			observation = start(Observation
				.createNotStarted(FireAndForgetObservationDocumentation.RUN.getName(), () -> context, registry)
				.contextualName("run " + taskName), taskName, id, attempt);
		}
		catch (Throwable ex) {
			failed(ex);
			return Observed.NONE;
		}
		Observation.Scope scope = null;
		try {
			scope = observation.openScope();
		}
		catch (Throwable ex) {
			failed(ex);
		}
		return new Observed(this, observation, scope, Map.of());
	}

	private Observation start(Observation observation, String taskName, String id, @Nullable Integer attempt) {
		try {
			observation.lowCardinalityKeyValue(LowCardinalityKeyNames.TASK.asString(), taskName)
				.highCardinalityKeyValue(StoredCallKeyNames.CALL_ID.asString(), id);
			if (attempt != null) {
				observation.highCardinalityKeyValue(StoredCallKeyNames.ATTEMPT.asString(), attempt.toString());
			}
			observation.start();
		}
		catch (Throwable ex) {
			failed(ex);
		}
		return observation;
	}

	private void failed(Throwable ex) {
		if (!this.failedBefore) {
			this.failedBefore = true;
			logger.error("Observation of a durable @FireAndForget call failed; the call itself is not affected "
					+ "(later failures are logged at DEBUG)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Observation of a durable @FireAndForget call failed again: " + ex);
		}
	}

	/**
	 * One observed end of a durable call, to be ended on the thread that started it.
	 */
	static final class Observed {

		static final Observed NONE = new Observed(null, Observation.NOOP, null, Map.of());

		private final @Nullable StoredCallObservations observations;

		private final Observation observation;

		private final Observation.@Nullable Scope scope;

		private final Map<String, String> carrier;

		private Observed(@Nullable StoredCallObservations observations, Observation observation,
				Observation.@Nullable Scope scope, Map<String, String> carrier) {
			this.observations = observations;
			this.observation = observation;
			this.scope = scope;
			this.carrier = carrier;
		}

		/**
		 * Return what the tracing handlers put in the carrier of a sender observation, to
		 * be stored with the call.
		 */
		Map<String, String> carrier() {
			return this.carrier;
		}

		/**
		 * Record what the observed step failed with, if anything, close the scope and
		 * stop the observation.
		 */
		void end(@Nullable Throwable failure) {
			StoredCallObservations observations = this.observations;
			if (observations == null) {
				return;
			}
			try {
				if (failure != null) {
					this.observation.error(failure);
				}
			}
			catch (Throwable ex) {
				observations.failed(ex);
			}
			try {
				if (this.scope != null) {
					this.scope.close();
				}
			}
			catch (Throwable ex) {
				observations.failed(ex);
			}
			try {
				this.observation.stop();
			}
			catch (Throwable ex) {
				observations.failed(ex);
			}
		}

	}

}

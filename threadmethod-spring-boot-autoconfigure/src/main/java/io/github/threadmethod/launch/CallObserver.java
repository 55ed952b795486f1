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
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the calls of one launcher: each body on the thread that runs it, as a child of
 * the observation current on its caller's thread, each rejection and each call
 * deduplicated by its key on the caller's thread (for a call made in a transaction, the
 * thread that committed it), and each call discarded by a rollback on the thread that
 * rolled back.
 * <p>
 * A call that the application's registry does not observe (there is none, or a predicate
 * switched the observation off) is observed on the metrics registry, when there is one,
 * so that the meters derived from the observation are there, with the same tags, in every
 * configuration; it is never observed twice. The body of such a call, under the default
 * convention, is timed by the {@link CallMeters} instead, when there are some: the same
 * meters, without an observation per call. Nothing observing does may reach a call or its
 * caller: a failing handler or convention is logged, once with its stack, and the call
 * runs on.
 *
 * @author threadmethod contributors
 */
final class CallObserver {

	private static final FireAndForgetObservationConvention DEFAULT_CONVENTION = new DefaultFireAndForgetObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ObservationRegistry metricsRegistry;

	// As configured, for a copy to be made with; the one in use is guarded
	private final @Nullable FireAndForgetObservationConvention configuredConvention;

	private final @Nullable FireAndForgetObservationConvention convention;

	private final @Nullable CallMeters meters;

	// Whether the calls that no registry observes can be timed by the meters directly:
	// their keys are then the default convention's, which the meters know
	private final boolean metersTimeCalls;

	private final boolean severalModes;

	private volatile boolean failedBefore;

	CallObserver(ObservationRegistry registry, @Nullable ObservationRegistry metricsRegistry,
			@Nullable FireAndForgetObservationConvention convention, boolean severalModes) {
		this(registry, metricsRegistry, null, convention, severalModes);
	}

	private CallObserver(ObservationRegistry registry, @Nullable ObservationRegistry metricsRegistry,
			@Nullable CallMeters meters, @Nullable FireAndForgetObservationConvention convention,
			boolean severalModes) {
		this.registry = registry;
		this.metricsRegistry = metricsRegistry;
		this.meters = meters;
		this.configuredConvention = convention;
		this.convention = (convention != null) ? new GuardedConvention(convention, this) : null;
		this.metersTimeCalls = meters != null
				&& (convention == null || convention.getClass() == DefaultFireAndForgetObservationConvention.class);
		this.severalModes = severalModes;
	}

	/**
	 * Return an observer like this one that observes calls with the given registry and
	 * convention.
	 */
	CallObserver withObservation(ObservationRegistry registry,
			@Nullable FireAndForgetObservationConvention convention) {
		return new CallObserver(registry, this.metricsRegistry, this.meters, convention, this.severalModes);
	}

	/**
	 * Return an observer like this one that observes the calls its registry does not
	 * observe with the given metrics registry.
	 */
	CallObserver withMetricsRegistry(@Nullable ObservationRegistry metricsRegistry) {
		return new CallObserver(this.registry, metricsRegistry, this.meters, this.configuredConvention,
				this.severalModes);
	}

	/**
	 * Return an observer like this one that times the bodies of the calls its registry
	 * does not observe with the given meters, when their keys are the default
	 * convention's.
	 */
	CallObserver withMeters(@Nullable CallMeters meters) {
		return new CallObserver(this.registry, this.metricsRegistry, meters, this.configuredConvention,
				this.severalModes);
	}

	/**
	 * Return the observation current on this thread, the caller's, which the call's
	 * observation will be a child of.
	 */
	@Nullable Observation parent() {
		return this.registry.isNoop() ? null : this.registry.getCurrentObservation();
	}

	/**
	 * Start observing the body of the given call, on the thread that runs it, and make
	 * its observation the current one on this thread.
	 */
	CallObservation start(LaunchedCall call) {
		if (this.registry.isNoop()) {
			if (this.metersTimeCalls) {
				return time(call);
			}
			if (this.metricsRegistry == null) {
				return CallObservation.NONE;
			}
		}
		FireAndForgetTask task = call.getTask();
		FireAndForgetObservationContext context = new FireAndForgetObservationContext(task,
				call.runtime().settings().mode(), this.severalModes, false);
		context.setKey(call.getKey());
		try {
			// Without an application registry, nothing to make a no-op observation with
			Observation observation = this.registry.isNoop() ? Observation.NOOP : create(context, this.registry);
			if (!observation.isNoop()) {
				Observation parent = call.getParentObservation();
				if (parent != null) {
					observation.parentObservation(parent);
				}
				return new CallObservation(this, task, context, start(observation, task), this.registry);
			}
			if (this.metersTimeCalls) {
				return time(call);
			}
			if (this.metricsRegistry != null) {
				observation = create(context, this.metricsRegistry);
				if (!observation.isNoop()) {
					// For its meters only: no scope, which the thread shares with the
					// application's registry
					return new CallObservation(this, task, context, start(observation, task), null);
				}
			}
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
		return CallObservation.NONE;
	}

	/**
	 * Time the body of a call that no registry observes, for its meters only: they are
	 * what the observation of the call on the metrics registry would give, at a fraction
	 * of its cost (no context, observation or key values per call).
	 */
	private CallObservation time(LaunchedCall call) {
		FireAndForgetTask task = call.getTask();
		CallMeters meters = this.meters;
		if (meters == null) {
			return CallObservation.NONE;
		}
		try {
			return new CallObservation(this, task, meters.start(task, call.runtime().settings().mode()));
		}
		catch (Throwable ex) {
			failed(task, ex);
			return CallObservation.NONE;
		}
	}

	/**
	 * Observe a call rejected before its body could run, on the caller's thread, as a
	 * child of the caller's observation.
	 */
	void rejected(FireAndForgetTask task, String mode, Throwable rejection) {
		if (observes()) {
			observeUnrun(new FireAndForgetObservationContext(task, mode, this.severalModes, true), rejection);
		}
	}

	/**
	 * Observe a call discarded before its body could run, as the transaction it was made
	 * in rolled back, on the thread that rolled it back.
	 */
	void discarded(FireAndForgetTask task, String mode) {
		if (observes()) {
			observeUnrun(new FireAndForgetObservationContext(task, mode, this.severalModes, false, true), null);
		}
	}

	/**
	 * Observe a call not started because a call of the same key is still waiting or
	 * running, on the caller's thread, as a child of the caller's observation.
	 */
	void deduplicated(FireAndForgetTask task, String mode, @Nullable String key) {
		if (observes()) {
			FireAndForgetObservationContext context = new FireAndForgetObservationContext(task, mode, this.severalModes,
					false);
			context.setKey(key);
			context.setDeduplicated(true);
			observeUnrun(context, null);
		}
	}

	private boolean observes() {
		return !this.registry.isNoop() || this.metricsRegistry != null;
	}

	/**
	 * Observe a call whose body never runs: rejected, with the rejection as its error,
	 * discarded, or deduplicated.
	 */
	private void observeUnrun(FireAndForgetObservationContext context, @Nullable Throwable rejection) {
		FireAndForgetTask task = context.getTask();
		try {
			Observation observation = create(context, this.registry);
			if (observation.isNoop() && this.metricsRegistry != null) {
				observation = create(context, this.metricsRegistry);
			}
			if (!observation.isNoop()) {
				new CallObservation(this, task, context, start(observation, task), null).end(rejection);
			}
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
	}

	private Observation create(FireAndForgetObservationContext context, ObservationRegistry registry) {
		return FireAndForgetObservationDocumentation.CALL.observation(this.convention, DEFAULT_CONVENTION,
				() -> context, registry);
	}

	/**
	 * Start an observation. One whose start failed part-way is kept, not dropped: the
	 * handlers that did start are then stopped with the call, so that no long-task timer
	 * or span is left open for good.
	 */
	private Observation start(Observation observation, FireAndForgetTask task) {
		try {
			observation.start();
		}
		catch (Throwable ex) {
			failed(task, ex);
		}
		return observation;
	}

	/**
	 * Log the first failure of an observation with its stack, and later ones at DEBUG, so
	 * that a handler broken for good does not flood the log.
	 */
	void failed(@Nullable FireAndForgetTask task, Throwable ex) {
		String call = "@FireAndForget call" + ((task != null) ? " of task '" + task.getName() + "'" : "");
		if (!this.failedBefore) {
			this.failedBefore = true;
			Failures.log("Observation of a " + call
					+ " failed; the call itself is not affected (later failures are logged at DEBUG)", ex);
		}
		else if (Failures.logger.isDebugEnabled()) {
			Failures.logger.debug("Observation of a " + call + " failed again: " + Failures.summary(ex));
		}
	}

	/**
	 * A user's convention, each of whose answers falls back to the default convention's
	 * if it fails: the handlers then still see the call, named and keyed as by default,
	 * and stop what they started.
	 */
	private static final class GuardedConvention implements FireAndForgetObservationConvention {

		private final FireAndForgetObservationConvention delegate;

		private final CallObserver observer;

		GuardedConvention(FireAndForgetObservationConvention delegate, CallObserver observer) {
			this.delegate = delegate;
			this.observer = observer;
		}

		@Override
		public @Nullable String getName() {
			try {
				return this.delegate.getName();
			}
			catch (Throwable ex) {
				this.observer.failed(null, ex);
				return DEFAULT_CONVENTION.getName();
			}
		}

		@Override
		public @Nullable String getContextualName(FireAndForgetObservationContext context) {
			try {
				return this.delegate.getContextualName(context);
			}
			catch (Throwable ex) {
				this.observer.failed(context.getTask(), ex);
				return DEFAULT_CONVENTION.getContextualName(context);
			}
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(FireAndForgetObservationContext context) {
			try {
				return this.delegate.getLowCardinalityKeyValues(context);
			}
			catch (Throwable ex) {
				this.observer.failed(context.getTask(), ex);
				return DEFAULT_CONVENTION.getLowCardinalityKeyValues(context);
			}
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(FireAndForgetObservationContext context) {
			try {
				return this.delegate.getHighCardinalityKeyValues(context);
			}
			catch (Throwable ex) {
				this.observer.failed(context.getTask(), ex);
				return DEFAULT_CONVENTION.getHighCardinalityKeyValues(context);
			}
		}

	}

}

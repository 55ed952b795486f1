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
package io.github.threadmethod.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.CallListener;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Publishes what happens to {@link FireAndForget @FireAndForget} calls as Micrometer
 * meters, tagged with the task name:
 * <ul>
 * <li>{@code threadmethod.calls.started}: calls whose body started;</li>
 * <li>{@code threadmethod.calls}: a timer of calls, with the keys of their observation
 * ({@code outcome}, {@code exception}, ...) and the {@code error} tag Micrometer adds;
 * and {@code threadmethod.calls.active}, a long-task timer of calls running now;</li>
 * <li>{@code threadmethod.calls.rejected}: calls that never ran, with the {@code reason}
 * ({@code limit}, {@code shutdown}, {@code start} or {@code key});</li>
 * <li>{@code threadmethod.calls.discarded}: calls that never ran because the transaction
 * they were made in rolled back;</li>
 * <li>{@code threadmethod.calls.running}: a gauge of calls taken and not finished;</li>
 * <li>{@code threadmethod.calls.stored}: calls stored by their backend to run elsewhere
 * (the durable mode), for the tasks of a backend that {@linkplain StoredCalls stores
 * calls}, or once a task's call is first handed over;</li>
 * <li>{@code threadmethod.calls.deduplicated}: calls not started because a call of the
 * same key was still waiting or running, for the tasks whose key policy is
 * {@code unique}, or once a task's call is first deduplicated.</li>
 * </ul>
 * When the application's tasks run in more than one mode, every meter of every task is
 * also tagged with its task's {@code mode}, as the observation is: each meter name then
 * has one set of tags, whatever the task. The counters and the gauge read the account of
 * calls, so they include calls made before the meters were bound (during start-up); a
 * task's meters appear when they are bound or with its first call after, the rejection
 * counter with each of its reasons.
 * <p>
 * The two timers are derived from each call's observation by Micrometer's
 * {@link DefaultMeterObservationHandler}: by the application's, when its observation
 * registry observes the call, and otherwise (no registry, or the observation switched
 * off) by the one this binder gives the launcher for that purpose. So they exist, with
 * the same tags, in every configuration, and no call is timed twice. The body of a call
 * that the application's registry does not observe, under the default convention, is
 * timed into the same meters without an observation, at a fraction of its cost.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public class FireAndForgetMetrics implements MeterBinder {

	private final CallLauncher launcher;

	private final ObservationRegistry observationRegistry = ObservationRegistry.create();

	private int boundRegistries;

	/**
	 * Create the meters of the calls that the given launcher takes.
	 * @param launcher the launcher
	 */
	public FireAndForgetMetrics(CallLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		MetricsListener listener = new MetricsListener(registry, this.launcher);
		// Listening first: a task is then either known below or heard of after
		this.launcher.addListener(listener);
		this.launcher.getCalls().getTotals().keySet().forEach(listener::metersOf);
		this.observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
		this.launcher.setMetricsObservationRegistry(this.observationRegistry);
		// Timed directly into one registry; into several, by the handlers, one each
		this.boundRegistries++;
		this.launcher.setCallMeters(
				(this.boundRegistries == 1) ? new CallTimers(registry, this.launcher.hasSeveralModes()) : null);
	}

	private static final class MetricsListener implements CallListener {

		private final MeterRegistry registry;

		private final CallLauncher launcher;

		private final Set<String> tasks = ConcurrentHashMap.newKeySet();

		private final Set<String> storingTasks = ConcurrentHashMap.newKeySet();

		private final Set<String> deduplicatingTasks = ConcurrentHashMap.newKeySet();

		MetricsListener(MeterRegistry registry, CallLauncher launcher) {
			this.registry = registry;
			this.launcher = launcher;
		}

		@Override
		public void callStarted(RunningCall call) {
			metersOf(call.getTask().getName());
		}

		@Override
		public void callRejected(FireAndForgetTask task, Rejection reason) {
			metersOf(task.getName());
		}

		@Override
		public void callDiscarded(FireAndForgetTask task) {
			metersOf(task.getName());
		}

		@Override
		public void callHandedOver(FireAndForgetTask task) {
			metersOf(task.getName());
			storedMeterOf(task.getName());
		}

		@Override
		public void callDeduplicated(FireAndForgetTask task) {
			metersOf(task.getName());
			deduplicatedMeterOf(task.getName());
		}

		void metersOf(String taskName) {
			// Registering a meter twice returns the first, so a race here costs nothing
			if (!this.tasks.contains(taskName) && this.tasks.add(taskName)) {
				register(taskName);
				if (storesCalls(taskName)) {
					storedMeterOf(taskName);
				}
				if (this.launcher.getSettings().forTask(taskName).keyPolicy() == KeyPolicy.UNIQUE) {
					deduplicatedMeterOf(taskName);
				}
			}
		}

		private void deduplicatedMeterOf(String taskName) {
			if (!this.deduplicatingTasks.contains(taskName) && this.deduplicatingTasks.add(taskName)) {
				FunctionCounter
					.builder("threadmethod.calls.deduplicated", this.launcher.getCalls(),
							(c) -> c.getTotals(taskName).deduplicated())
					.description("@FireAndForget calls not started as a call of the same key was waiting or running")
					.tags(tags(taskName))
					.register(this.registry);
			}
		}

		private void storedMeterOf(String taskName) {
			if (!this.storingTasks.contains(taskName) && this.storingTasks.add(taskName)) {
				FunctionCounter
					.builder("threadmethod.calls.stored", this.launcher.getCalls(),
							(c) -> c.getTotals(taskName).stored())
					.description("@FireAndForget calls stored by their backend to run elsewhere")
					.tags(tags(taskName))
					.register(this.registry);
			}
		}

		private boolean storesCalls(String taskName) {
			String mode = this.launcher.getSettings().forTask(taskName).mode();
			return this.launcher.getBackends().get(mode) instanceof StoredCalls;
		}

		/**
		 * The tags of every meter of a task: the mode too when there are several, as the
		 * observation's keys have it.
		 */
		private Tags tags(String taskName) {
			Tags tags = Tags.of("task", taskName);
			return this.launcher.hasSeveralModes()
					? tags.and("mode", this.launcher.getSettings().forTask(taskName).mode()) : tags;
		}

		private void register(String taskName) {
			Tags tags = tags(taskName);
			FireAndForgetCalls calls = this.launcher.getCalls();
			FunctionCounter.builder("threadmethod.calls.started", calls, (c) -> c.getTotals(taskName).started())
				.description("@FireAndForget calls whose body started")
				.tags(tags)
				.register(this.registry);
			Gauge.builder("threadmethod.calls.running", calls, (c) -> c.getTotals(taskName).running())
				.description("@FireAndForget calls taken and not finished")
				.tags(tags)
				.register(this.registry);
			FunctionCounter.builder("threadmethod.calls.discarded", calls, (c) -> c.getTotals(taskName).discarded())
				.description("@FireAndForget calls discarded before their body ran, as the transaction they were "
						+ "made in rolled back")
				.tags(tags)
				.register(this.registry);
			for (Rejection reason : Rejection.values()) {
				FunctionCounter
					.builder("threadmethod.calls.rejected", this.launcher,
							(source) -> source.getRejected(taskName, reason))
					.description("@FireAndForget calls rejected before their body ran")
					.tags(tags)
					.tag("reason", reason.tagValue())
					.register(this.registry);
			}
		}

	}

}

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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.CallListener;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Publishes what happens to {@link FireAndForget @FireAndForget} calls as Micrometer
 * meters, tagged with the task name:
 * <ul>
 * <li>{@code threadmethod.calls.started}: calls whose body started;</li>
 * <li>{@code threadmethod.calls}: a timer of finished calls, with {@code outcome}
 * {@code success} or {@code failure}, and the {@code exception} thrown (also as
 * {@code error}, the tag Micrometer adds to timers derived from observations), if
 * any;</li>
 * <li>{@code threadmethod.calls.rejected}: calls that never ran, with the {@code reason}
 * ({@code limit}, {@code shutdown} or {@code start});</li>
 * <li>{@code threadmethod.calls.running}: a gauge of calls taken and not finished.</li>
 * </ul>
 * The counters and the gauge read the account of calls, so they include calls made before
 * the meters were bound (during start-up); a task's meters appear when they are bound or
 * with its first call after, the rejection counter with each of its reasons.
 * <p>
 * When the launcher {@linkplain CallLauncher#isObserving() observes calls}, the timer is
 * left to the observation: Micrometer's meter handler derives {@code threadmethod.calls}
 * from it, with the same tags and a long-task timer {@code threadmethod.calls.active}
 * besides, so no call is timed twice.
 *
 * @author threadmethod contributors
 */
public class FireAndForgetMetrics implements MeterBinder {

	private final CallLauncher launcher;

	/**
	 * Create the meters of the calls that the given launcher takes.
	 * @param launcher the launcher
	 */
	public FireAndForgetMetrics(CallLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MetricsListener listener = new MetricsListener(registry, this.launcher, !this.launcher.isObserving());
		// Listening first: a task is then either known below or heard of after
		this.launcher.addListener(listener);
		this.launcher.getCalls().getTotals().keySet().forEach(listener::metersOf);
	}

	private static final class MetricsListener implements CallListener {

		private final MeterRegistry registry;

		private final CallLauncher launcher;

		private final boolean timeCalls;

		private final Map<String, TaskMeters> meters = new ConcurrentHashMap<>();

		MetricsListener(MeterRegistry registry, CallLauncher launcher, boolean timeCalls) {
			this.registry = registry;
			this.launcher = launcher;
			this.timeCalls = timeCalls;
		}

		@Override
		public void callStarted(RunningCall call) {
			metersOf(call.getTask().getName());
		}

		@Override
		public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
			metersOf(call.getTask().getName()).record(durationNanos, failure);
		}

		@Override
		public void callRejected(FireAndForgetTask task, Rejection reason) {
			metersOf(task.getName());
		}

		TaskMeters metersOf(String taskName) {
			TaskMeters taskMeters = this.meters.get(taskName);
			return (taskMeters != null) ? taskMeters : this.meters.computeIfAbsent(taskName,
					(name) -> new TaskMeters(this.registry, name, this.launcher, this.timeCalls));
		}

	}

	private static final class TaskMeters {

		private final MeterRegistry registry;

		private final Tags tags;

		// Null when an observation times the calls
		private final @Nullable Timer succeeded;

		private final Map<Class<?>, Timer> failed = new ConcurrentHashMap<>();

		TaskMeters(MeterRegistry registry, String taskName, CallLauncher launcher, boolean timeCalls) {
			this.registry = registry;
			this.tags = Tags.of("task", taskName);
			FireAndForgetCalls calls = launcher.getCalls();
			FunctionCounter.builder("threadmethod.calls.started", calls, (c) -> c.getTotals(taskName).started())
				.description("@FireAndForget calls whose body started")
				.tags(this.tags)
				.register(registry);
			Gauge.builder("threadmethod.calls.running", calls, (c) -> c.getTotals(taskName).running())
				.description("@FireAndForget calls taken and not finished")
				.tags(this.tags)
				.register(registry);
			for (Rejection reason : Rejection.values()) {
				FunctionCounter
					.builder("threadmethod.calls.rejected", launcher, (source) -> source.getRejected(taskName, reason))
					.description("@FireAndForget calls rejected before their body ran")
					.tags(this.tags)
					.tag("reason", reason.tagValue())
					.register(registry);
			}
			this.succeeded = timeCalls ? timer("success", "none") : null;
		}

		void record(long durationNanos, @Nullable Throwable failure) {
			Timer succeeded = this.succeeded;
			if (succeeded != null) {
				Timer timer = (failure != null) ? failed(failure.getClass()) : succeeded;
				timer.record(durationNanos, TimeUnit.NANOSECONDS);
			}
		}

		private Timer failed(Class<?> exceptionType) {
			return this.failed.computeIfAbsent(exceptionType, (type) -> timer("failure",
					StringUtils.hasText(type.getSimpleName()) ? type.getSimpleName() : type.getName()));
		}

		private Timer timer(String outcome, String exception) {
			return Timer.builder("threadmethod.calls")
				.description("Duration of finished @FireAndForget calls")
				.tags(this.tags)
				.tag("outcome", outcome)
				.tag("exception", exception)
				.tag("error", exception)
				.register(this.registry);
		}

	}

}

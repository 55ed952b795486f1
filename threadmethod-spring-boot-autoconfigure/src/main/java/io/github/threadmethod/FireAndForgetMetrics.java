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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
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
 * <li>{@code threadmethod.calls.started}: calls whose thread started;</li>
 * <li>{@code threadmethod.calls}: a timer of finished calls, with {@code outcome}
 * {@code success} or {@code failure} and the {@code exception} thrown, if any;</li>
 * <li>{@code threadmethod.calls.rejected}: calls that never ran, with the {@code reason}
 * ({@code limit}, {@code shutdown} or {@code thread-start});</li>
 * <li>{@code threadmethod.calls.running}: a gauge of calls running now.</li>
 * </ul>
 * A task's meters appear with its first call.
 *
 * @author threadmethod contributors
 */
public class FireAndForgetMetrics implements MeterBinder {

	private final FireAndForgetCalls calls;

	/**
	 * Create the meters of the calls accounted in the given {@link FireAndForgetCalls}.
	 * @param calls the account of calls
	 */
	public FireAndForgetMetrics(FireAndForgetCalls calls) {
		this.calls = calls;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.calls.addListener(new MetricsListener(registry, this.calls));
	}

	private static final class MetricsListener implements CallListener {

		private final MeterRegistry registry;

		private final FireAndForgetCalls calls;

		private final Map<String, TaskMeters> meters = new ConcurrentHashMap<>();

		MetricsListener(MeterRegistry registry, FireAndForgetCalls calls) {
			this.registry = registry;
			this.calls = calls;
		}

		@Override
		public void callStarted(RunningCall call) {
			metersOf(call.getTask()).started.increment();
		}

		@Override
		public void callFinished(RunningCall call, long durationNanos, @Nullable Throwable failure) {
			TaskMeters taskMeters = metersOf(call.getTask());
			Timer timer = (failure != null) ? taskMeters.failed(failure.getClass()) : taskMeters.succeeded;
			timer.record(durationNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void callRejected(FireAndForgetTask task, Rejection reason) {
			metersOf(task).rejected(reason).increment();
		}

		private TaskMeters metersOf(FireAndForgetTask task) {
			TaskMeters taskMeters = this.meters.get(task.getName());
			return (taskMeters != null) ? taskMeters : this.meters.computeIfAbsent(task.getName(),
					(name) -> new TaskMeters(this.registry, name, this.calls.countersFor(task)));
		}

	}

	private static final class TaskMeters {

		private final MeterRegistry registry;

		private final Tags tags;

		private final Counter started;

		private final Timer succeeded;

		private final Map<Class<?>, Timer> failed = new ConcurrentHashMap<>();

		private final Map<CallListener.Rejection, Counter> rejected = new ConcurrentHashMap<>();

		TaskMeters(MeterRegistry registry, String taskName, FireAndForgetCalls.Counters counters) {
			this.registry = registry;
			this.tags = Tags.of("task", taskName);
			this.started = Counter.builder("threadmethod.calls.started")
				.description("@FireAndForget calls whose thread started")
				.tags(this.tags)
				.register(registry);
			this.succeeded = timer("success", "none");
			Gauge.builder("threadmethod.calls.running", counters, (c) -> c.running.sum())
				.description("@FireAndForget calls running now")
				.tags(this.tags)
				.register(registry);
		}

		Timer failed(Class<?> exceptionType) {
			return this.failed.computeIfAbsent(exceptionType, (type) -> timer("failure",
					StringUtils.hasText(type.getSimpleName()) ? type.getSimpleName() : type.getName()));
		}

		Counter rejected(CallListener.Rejection reason) {
			return this.rejected.computeIfAbsent(reason,
					(key) -> Counter.builder("threadmethod.calls.rejected")
						.description("@FireAndForget calls rejected before their body ran")
						.tags(this.tags)
						.tag("reason", key.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
						.register(this.registry));
		}

		private Timer timer(String outcome, String exception) {
			return Timer.builder("threadmethod.calls")
				.description("Duration of finished @FireAndForget calls")
				.tags(this.tags)
				.tag("outcome", outcome)
				.tag("exception", exception)
				.register(this.registry);
		}

	}

}

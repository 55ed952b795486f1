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

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallMeters;
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Times the bodies of calls into the meters that Micrometer's
 * {@link DefaultMeterObservationHandler} derives from their observations under the
 * default convention: the long-task timer {@code threadmethod.calls.active} while a call
 * runs, then the timer {@code threadmethod.calls}, tagged with the convention's keys and
 * the handler's {@code error} tag. The tags are the convention's own answers, asked for
 * once per task (and per failure), and the meters of a task's running and successful
 * calls are kept, so a call costs a sample of each and no observation.
 *
 * @author threadmethod contributors
 */
final class CallTimers implements CallMeters {

	private static final DefaultFireAndForgetObservationConvention CONVENTION = new DefaultFireAndForgetObservationConvention();

	// As DefaultMeterObservationHandler names it, from the observation's name
	private static final String ACTIVE_SUFFIX = ".active";

	private static final String ERROR_TAG = "error";

	private final MeterRegistry registry;

	private final Clock clock;

	private final boolean severalModes;

	private final Map<String, TaskTimers> tasks = new ConcurrentHashMap<>();

	CallTimers(MeterRegistry registry, boolean severalModes) {
		this.registry = registry;
		this.clock = registry.config().clock();
		this.severalModes = severalModes;
	}

	@Override
	public Timing start(FireAndForgetTask task, String mode) {
		TaskTimers timers = this.tasks.get(task.getName());
		if (timers == null || !timers.mode.equals(mode)) {
			timers = new TaskTimers(task, mode);
			this.tasks.put(task.getName(), timers);
		}
		LongTaskTimer.Sample active = timers.active.start();
		return new CallTiming(timers, active, this.clock.monotonicTime());
	}

	private FireAndForgetObservationContext context(FireAndForgetTask task, String mode) {
		return new FireAndForgetObservationContext(task, mode, this.severalModes, false);
	}

	private static Tags tags(KeyValues keyValues) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : keyValues) {
			tags = tags.and(keyValue.getKey(), keyValue.getValue());
		}
		return tags;
	}

	/**
	 * The meters of one task's calls, but for those of its failures. The timer of its
	 * successful calls is registered when the first of them ends, as the handler would.
	 */
	private final class TaskTimers {

		private final FireAndForgetTask task;

		private final String mode;

		private final LongTaskTimer active;

		private volatile @Nullable Timer succeeded;

		TaskTimers(FireAndForgetTask task, String mode) {
			this.task = task;
			this.mode = mode;
			this.active = CallTimers.this.registry.more()
				.longTaskTimer(CONVENTION.getName() + ACTIVE_SUFFIX,
						tags(CONVENTION.getLowCardinalityKeyValues(context(task, mode))));
		}

		Timer succeeded() {
			Timer succeeded = this.succeeded;
			if (succeeded == null) {
				// Registering a meter twice returns the first, so a race here costs
				// nothing
				succeeded = ended(null);
				this.succeeded = succeeded;
			}
			return succeeded;
		}

		Timer failed(Throwable failure) {
			return ended(failure);
		}

		private Timer ended(@Nullable Throwable failure) {
			FireAndForgetObservationContext context = context(this.task, this.mode);
			context.setError(failure);
			context.setComplete(true);
			String error = (failure != null) ? failure.getClass().getSimpleName() : KeyValue.NONE_VALUE;
			return CallTimers.this.registry.timer(CONVENTION.getName(),
					tags(CONVENTION.getLowCardinalityKeyValues(context)).and(ERROR_TAG, error));
		}

	}

	/**
	 * The timing of one call: stopped as the handler stops its observation, the timer
	 * first.
	 */
	private final class CallTiming implements Timing {

		private final TaskTimers timers;

		private final LongTaskTimer.Sample active;

		private final long startedAt;

		CallTiming(TaskTimers timers, LongTaskTimer.Sample active, long startedAt) {
			this.timers = timers;
			this.active = active;
			this.startedAt = startedAt;
		}

		@Override
		public void stop(@Nullable Throwable failure) {
			try {
				Timer timer = (failure != null) ? this.timers.failed(failure) : this.timers.succeeded();
				timer.record(CallTimers.this.clock.monotonicTime() - this.startedAt, TimeUnit.NANOSECONDS);
			}
			finally {
				this.active.stop();
			}
		}

	}

}

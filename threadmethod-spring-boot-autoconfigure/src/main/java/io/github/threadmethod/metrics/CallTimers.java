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
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Times the bodies of calls into the meters that Micrometer's
 * {@link DefaultMeterObservationHandler} derives from their observations under the
 * default convention: the long-task timer {@code threadmethod.calls.active} while a call
 * runs, then the timer {@code threadmethod.calls}, tagged with the convention's keys and
 * the handler's {@code error} tag. The tags are the convention's own answers, asked for
 * once per task (and per failure). As the handler does, the meters are looked up in the
 * registry at each start and stop, never kept: a meter filter added later applies to the
 * next call, and a meter removed from the registry is registered again by the next call.
 * A call costs those two look-ups and a sample of each meter, and no observation.
 *
 * @author threadmethod contributors
 */
final class CallTimers implements CallMeters {

	private static final DefaultFireAndForgetObservationConvention CONVENTION = new DefaultFireAndForgetObservationConvention();

	// As DefaultMeterObservationHandler names it, from the observation's name
	private static final String ACTIVE_NAME = CONVENTION.getName() + ".active";

	private static final String ERROR_TAG = "error";

	private final MeterRegistry registry;

	private final Clock clock;

	private final boolean severalModes;

	private final Map<String, TaskTags> tasks = new ConcurrentHashMap<>();

	CallTimers(MeterRegistry registry, boolean severalModes) {
		this.registry = registry;
		this.clock = registry.config().clock();
		this.severalModes = severalModes;
	}

	@Override
	public Timing start(FireAndForgetTask task, String mode) {
		TaskTags tags = this.tasks.get(task.getName());
		if (tags == null || !tags.mode.equals(mode)) {
			tags = new TaskTags(task, mode);
			this.tasks.put(task.getName(), tags);
		}
		// As an Iterable: More.longTaskTimer(String, Tags) is new in Micrometer 1.16, and
		// Boot 3.5's Micrometer has only the Iterable one
		Iterable<Tag> activeTags = tags.active;
		LongTaskTimer.Sample active = this.registry.more().longTaskTimer(ACTIVE_NAME, activeTags).start();
		return new CallTiming(tags, active, this.clock.monotonicTime());
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
	 * The tags of one task's meters, but for those of its failures, which are worked out
	 * for each failure: a failure's own cost, its exception, dwarfs theirs.
	 */
	private final class TaskTags {

		private final FireAndForgetTask task;

		private final String mode;

		private final Tags active;

		private final Tags succeeded;

		TaskTags(FireAndForgetTask task, String mode) {
			this.task = task;
			this.mode = mode;
			this.active = tags(CONVENTION.getLowCardinalityKeyValues(context(task, mode)));
			this.succeeded = ended(null);
		}

		Tags failed(Throwable failure) {
			return ended(failure);
		}

		private Tags ended(@Nullable Throwable failure) {
			FireAndForgetObservationContext context = context(this.task, this.mode);
			context.setError(failure);
			context.setComplete(true);
			String error = (failure != null) ? failure.getClass().getSimpleName() : KeyValue.NONE_VALUE;
			return tags(CONVENTION.getLowCardinalityKeyValues(context)).and(ERROR_TAG, error);
		}

	}

	/**
	 * The timing of one call: stopped as the handler stops its observation, the timer
	 * first.
	 */
	private final class CallTiming implements Timing {

		private final TaskTags tags;

		private final LongTaskTimer.Sample active;

		private final long startedAt;

		CallTiming(TaskTags tags, LongTaskTimer.Sample active, long startedAt) {
			this.tags = tags;
			this.active = active;
			this.startedAt = startedAt;
		}

		@Override
		public void stop(@Nullable Throwable failure) {
			try {
				// As an Iterable, as at the start: timer(String, Tags) is new in
				// Micrometer 1.16 too
				Iterable<Tag> tags = (failure != null) ? this.tags.failed(failure) : this.tags.succeeded;
				CallTimers.this.registry.timer(CONVENTION.getName(), tags)
					.record(CallTimers.this.clock.monotonicTime() - this.startedAt, TimeUnit.NANOSECONDS);
			}
			finally {
				this.active.stop();
			}
		}

	}

}

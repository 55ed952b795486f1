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

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.unit.DataSize;

/**
 * Publishes the sizes of stored calls as a Micrometer distribution summary,
 * {@value #NAME}, in bytes, tagged with the task name, beside the
 * {@code threadmethod.calls.stored} counter of the same calls; and with
 * {@code mode=durable} when the application's tasks run in more than one mode, as every
 * meter of a task then is. A task's summary appears with its first call stored after the
 * meters are bound.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class StoredCallSizeMetrics implements MeterBinder {

	/**
	 * The name of the distribution summary.
	 */
	static final String NAME = "threadmethod.calls.stored.size";

	private final StoredCallSizes sizes;

	private final BooleanSupplier severalModes;

	private final double maxSize;

	/**
	 * Create the meters of the given sizes.
	 * @param sizes the sizes of stored calls
	 * @param severalModes tells whether the application's tasks run in more than one mode
	 * @param maxCallSize the largest stored form of a call, the largest value the summary
	 * expects
	 */
	public StoredCallSizeMetrics(StoredCallSizes sizes, BooleanSupplier severalModes, DataSize maxCallSize) {
		this.sizes = sizes;
		this.severalModes = severalModes;
		this.maxSize = maxCallSize.toBytes();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.sizes.listen((taskName, size) -> summary(registry, taskName).record(size));
	}

	private DistributionSummary summary(MeterRegistry registry, String taskName) {
		// Registering a meter again returns the one registered first
		Tags tags = Tags.of("task", taskName);
		return DistributionSummary.builder(NAME)
			.description("Sizes of the stored forms of @FireAndForget calls")
			.baseUnit("bytes")
			.tags(this.severalModes.getAsBoolean() ? tags.and("mode", DurableBackend.MODE) : tags)
			.maximumExpectedValue(this.maxSize)
			.register(registry);
	}

}

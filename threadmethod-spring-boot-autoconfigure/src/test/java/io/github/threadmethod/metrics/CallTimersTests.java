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
import java.util.stream.Collectors;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallMeters;
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.github.threadmethod.observation.FireAndForgetObservationDocumentation;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallTimers}: the meters it times calls into are those Micrometer's
 * {@link DefaultMeterObservationHandler} derives from the same calls' observations under
 * the default convention.
 *
 * @author threadmethod contributors
 */
class CallTimersTests {

	private static final FireAndForgetTask TASK = task("Mail.send");

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void timesCallsIntoTheMetersTheirObservationsWouldGive(boolean severalModes) {
		SimpleMeterRegistry timed = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(timed, severalModes);
		SimpleMeterRegistry observed = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed));
		Throwable[] failures = { null, null, new IllegalStateException("failed"), new IllegalArgumentException(),
				new RuntimeException() {
				} };
		for (Throwable failure : failures) {
			timers.start(TASK, "thread").stop(failure);
			observe(observations, severalModes, failure);
		}
		assertThat(ids(timed)).isNotEmpty().isEqualTo(ids(observed));
		for (Meter meter : observed.getMeters()) {
			if (meter instanceof Timer timer) {
				assertThat(timed.get(meter.getId().getName()).tags(meter.getId().getTags()).timer().count())
					.as(meter.getId().toString())
					.isEqualTo(timer.count());
			}
		}
	}

	@Test
	void aCallIsActiveUntilItStops() {
		MeterRegistry registry = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(registry, false);
		CallMeters.Timing timing = timers.start(TASK, "thread");
		LongTaskTimer active = registry.get("threadmethod.calls.active")
			.tags("task", "Mail.send", "outcome", "unknown", "exception", "none")
			.longTaskTimer();
		assertThat(active.activeTasks()).isOne();
		assertThat(registry.find("threadmethod.calls").timer()).isNull();
		timing.stop(null);
		assertThat(active.activeTasks()).isZero();
		assertThat(registry.get("threadmethod.calls")
			.tags("task", "Mail.send", "outcome", "success", "exception", "none", "error", "none")
			.timer()
			.count()).isOne();
	}

	@Test
	void aTaskWhoseModeChangesIsTimedUnderItsNewMode() {
		MeterRegistry registry = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(registry, true);
		timers.start(TASK, "thread").stop(null);
		timers.start(TASK, "synchronous").stop(null);
		assertThat(registry.find("threadmethod.calls").timers()).extracting((timer) -> timer.getId().getTag("mode"))
			.containsExactlyInAnyOrder("thread", "synchronous");
	}

	@Test
	void aMeterFilterAddedAfterTheFirstCallAppliesToTheNextAsTheHandlersWould() {
		SimpleMeterRegistry timed = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(timed, false);
		SimpleMeterRegistry observed = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed));
		timers.start(TASK, "thread").stop(null);
		observe(observations, false, null);
		for (MeterRegistry registry : new MeterRegistry[] { timed, observed }) {
			registry.config().meterFilter(MeterFilter.commonTags(Tags.of("region", "eu")));
		}
		timers.start(TASK, "thread").stop(null);
		observe(observations, false, null);
		assertThat(ids(timed)).isEqualTo(ids(observed));
	}

	@Test
	void aMeterRemovedFromTheRegistryIsRegisteredAgainByTheNextCallAsTheHandlersWould() {
		SimpleMeterRegistry timed = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(timed, false);
		timers.start(TASK, "thread").stop(null);
		timed.clear();
		timers.start(TASK, "thread").stop(null);
		assertThat(timed.find("threadmethod.calls").timer()).as("threadmethod.calls after clear()").isNotNull();
		assertThat(timed.find("threadmethod.calls.active").longTaskTimer()).isNotNull();
	}

	private static void observe(ObservationRegistry registry, boolean severalModes, @Nullable Throwable failure) {
		FireAndForgetObservationContext context = new FireAndForgetObservationContext(TASK, "thread", severalModes,
				false);
		Observation observation = FireAndForgetObservationDocumentation.CALL
			.observation(null, new DefaultFireAndForgetObservationConvention(), () -> context, registry)
			.start();
		if (failure != null) {
			observation.error(failure);
		}
		context.setComplete(true);
		observation.stop();
	}

	private static Set<String> ids(MeterRegistry registry) {
		return registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getType() + " " + meter.getId().getName() + " " + meter.getId().getTags())
			.collect(Collectors.toSet());
	}

	private static FireAndForgetTask task(String name) {
		try {
			return new FireAndForgetTask(name, Object.class.getMethod("toString"), Object.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

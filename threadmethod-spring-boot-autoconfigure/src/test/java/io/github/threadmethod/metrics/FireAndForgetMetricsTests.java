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

import java.time.Duration;

import io.github.threadmethod.BootMetricsAutoConfigurations;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FireAndForgetMetrics}: the calls it times without an observation, and
 * those it leaves to the observation on its own registry.
 *
 * @author threadmethod contributors
 */
class FireAndForgetMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class))
		.withBean(Mailer.class);

	@Test
	void withoutAnObservationRegistryTheApplicationsConventionStillNamesAndTagsTheTimers() {
		this.contextRunner.withBean(FireAndForgetObservationConvention.class, TeamConvention::new).run((context) -> {
			context.getBean(Mailer.class).send();
			context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("threadmethod.calls")
				.tags("task", "Mailer.send", "outcome", "success", "team", "mail", "error", "none")
				.timer()
				.count()).isOne();
			assertThat(registry.get("threadmethod.calls.active").tags("team", "mail").longTaskTimer().activeTasks())
				.isZero();
		});
	}

	@Test
	void boundToSeveralRegistriesTimesEachCallInEach() {
		this.contextRunner.run((context) -> {
			MeterRegistry first = context.getBean(MeterRegistry.class);
			SimpleMeterRegistry second = new SimpleMeterRegistry();
			context.getBean(FireAndForgetMetrics.class).bindTo(second);
			context.getBean(Mailer.class).send();
			context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
			for (MeterRegistry registry : new MeterRegistry[] { first, second }) {
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Mailer.send", "outcome", "success", "exception", "none", "error", "none")
					.timer()
					.count()).isOne();
			}
		});
	}

	static class Mailer {

		@FireAndForget
		public void send() {
		}

	}

	/**
	 * A convention of the application's own: the default keys but the exception, and a
	 * team.
	 */
	static class TeamConvention extends DefaultFireAndForgetObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(FireAndForgetObservationContext context) {
			return KeyValues.of(task(context), outcome(context)).and("team", "mail");
		}

	}

}

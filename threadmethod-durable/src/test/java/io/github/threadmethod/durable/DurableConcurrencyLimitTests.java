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

import java.util.UUID;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a concurrency limit of its own on a task in the durable mode, which would
 * bound nothing, fails start-up naming the property and what bounds durable calls
 * instead.
 *
 * @author threadmethod contributors
 */
class DurableConcurrencyLimitTests {

	@Test
	void aLimitOnADurableTaskFailsStartupNamingThePropertyAndDbSchedulerThreads() {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> start("threadmethod.tasks[Mailer.send].mode=durable",
					"threadmethod.tasks[Mailer.send].concurrency.limit=1", "db-scheduler.threads=4"))
			.extracting(NestedExceptionUtils::getMostSpecificCause)
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo("threadmethod.tasks[Mailer.send].concurrency.limit");
				assertThat(ex.getValue()).isEqualTo(1);
				assertThat(ex.getReason()).contains("durable mode", "db-scheduler.threads");
			});
	}

	@Test
	void aLimitOnATaskInAnotherModeStaysAllowed() {
		try (ConfigurableApplicationContext context = start("threadmethod.tasks[Mailer.send].mode=durable",
				"threadmethod.tasks[Auditor.record].concurrency.limit=1")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void theSynchronousTestModeStartsWithTheLimitOfATaskSetDurableInTheMainConfiguration() {
		try (ConfigurableApplicationContext context = start("threadmethod.mode=synchronous",
				"threadmethod.tasks[Mailer.send].mode=durable",
				"threadmethod.tasks[Mailer.send].concurrency.limit=1")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:limit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	public static class Mailer {

		@FireAndForget
		public void send(String to) {
		}

	}

	public static class Auditor {

		@FireAndForget
		public void record(String event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		@Bean
		Auditor auditor() {
			return new Auditor();
		}

	}

}

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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the line start-up logs about the active methods names the durable mode where
 * its tasks run in it.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableStartupReportTests {

	@Test
	void everyTaskDurableIsSaidToRunOnDbScheduler(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("threadmethod.mode=durable")) {
			assertThat(output).contains("@FireAndForget active: 2 methods in 2 beans (durable: db-scheduler)");
		}
	}

	@Test
	void durableAndThreadTasksAreEachNamedWithTheirCount(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("threadmethod.tasks[Mailer.send].mode=durable")) {
			assertThat(output).contains(
					"@FireAndForget active: 2 methods in 2 beans (durable: db-scheduler for 1, threads: platform for 1)");
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.main.banner-mode=off", "threadmethod.thread.virtual=false")
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

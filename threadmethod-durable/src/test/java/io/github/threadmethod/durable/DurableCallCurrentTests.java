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

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link DurableCall#current()} is the durable call in its body only, not in a
 * call that body makes on the same thread.
 *
 * @author threadmethod contributors
 */
class DurableCallCurrentTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	static final List<String> seen = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		seen.clear();
	}

	@Test
	void synchronousCallMadeByADurableBodyIsNotTheDurableCall() {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:current-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off",
					"threadmethod.tasks[Shipper.ship].mode=durable",
					"threadmethod.tasks[Auditor.audit].mode=synchronous")
			.run();
		this.context.getBean(Shipper.class).ship();
		await().atMost(WAIT).until(() -> seen.size() == 2);
		assertThat(seen.get(0)).startsWith("ship Shipper.ship/");
		assertThat(seen.get(1)).isEqualTo("audit none");
	}

	public static class Auditor {

		@FireAndForget
		public void audit() {
			DurableCall call = DurableCall.current();
			seen.add("audit " + ((call != null) ? call.getId() : "none"));
		}

	}

	public static class Shipper {

		private final Auditor auditor;

		Shipper(Auditor auditor) {
			this.auditor = auditor;
		}

		@FireAndForget
		public void ship() {
			DurableCall call = DurableCall.current();
			seen.add("ship " + ((call != null) ? call.getId() : "none"));
			this.auditor.audit();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		Auditor auditor() {
			return new Auditor();
		}

		@Bean
		Shipper shipper(Auditor auditor) {
			return new Shipper(auditor);
		}

	}

}

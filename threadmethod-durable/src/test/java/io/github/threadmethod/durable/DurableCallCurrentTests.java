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
import io.github.threadmethod.FireAndForgetExceptionHandler;
import org.jspecify.annotations.Nullable;
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
 * call that body makes on the same thread; and that in the other modes, the test mode
 * above all, each call has an id of its own.
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
		start("threadmethod.tasks[Shipper.ship].mode=durable", "threadmethod.tasks[Auditor.audit].mode=synchronous");
		this.context.getBean(Shipper.class).ship();
		await().atMost(WAIT).until(() -> seen.size() == 2);
		assertThat(seen.get(0)).startsWith("ship Shipper.ship/").endsWith(" attempt 1 of 4 stored");
		// A call of its own, as in the synchronous mode, rather than the durable one
		assertThat(seen.get(1)).startsWith("audit Auditor.audit/").endsWith(" attempt 1 of 1");
		assertThat(id(seen.get(1))).isNotEqualTo(id(seen.get(0)));
	}

	@Test
	void inTheSynchronousTestModeEachCallOfADurableTaskHasAnIdOfItsOwnWithoutADatabase() {
		start("threadmethod.mode=synchronous", "threadmethod.tasks[Shipper.ship].mode=durable",
				"db-scheduler.enabled=false");
		Shipper shipper = this.context.getBean(Shipper.class);
		shipper.ship();
		shipper.ship();
		assertThat(seen).hasSize(4);
		assertThat(seen).filteredOn((line) -> line.startsWith("ship "))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).matches("ship Shipper\\.ship/[0-9a-f-]{36} attempt 1 of 1"));
		assertThat(seen).extracting(DurableCallCurrentTests::id).doesNotHaveDuplicates();
		assertThat(DurableCall.current()).isNull();
	}

	@Test
	void inTheThreadModeTheBodyAndTheExceptionHandlerSeeTheSameIdOfTheCall() {
		start("threadmethod.mode=thread", "db-scheduler.enabled=false");
		this.context.getBean(Auditor.class).failOnce();
		await().atMost(WAIT).until(() -> seen.size() == 3);
		assertThat(seen.get(0)).matches("fail Auditor\\.failOnce/[0-9a-f-]{36} attempt 1 of 1");
		assertThat(seen.get(1)).isEqualTo(seen.get(0));
		assertThat(seen.get(2)).isEqualTo("handled " + seen.get(0) + " last");
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:current-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	private static String id(String line) {
		return line.split(" ")[1];
	}

	private static String describe(@Nullable DurableCall call) {
		return (call != null) ? call.getId() + " attempt " + call.getAttempt() + " of " + call.getMaxAttempts()
				+ (call.isStored() ? " stored" : "") : "none";
	}

	public static class Auditor {

		@FireAndForget
		public void audit() {
			seen.add("audit " + describe(DurableCall.current()));
		}

		@FireAndForget
		public void failOnce() {
			seen.add("fail " + describe(DurableCall.current()));
			seen.add("fail " + describe(DurableCall.current()));
			throw new IllegalStateException("failed on purpose");
		}

	}

	public static class Shipper {

		private final Auditor auditor;

		Shipper(Auditor auditor) {
			this.auditor = auditor;
		}

		@FireAndForget
		public void ship() {
			seen.add("ship " + describe(DurableCall.current()));
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

		@Bean
		FireAndForgetExceptionHandler handler() {
			return (ex, task, arguments) -> {
				DurableCall call = DurableCall.current();
				seen.add("handled fail " + describe(call) + ((call != null && call.isLastAttempt()) ? " last" : ""));
			};
		}

	}

}

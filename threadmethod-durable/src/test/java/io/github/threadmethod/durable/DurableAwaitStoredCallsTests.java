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
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a test with the real store on H2 waits for the stored calls of a task with
 * {@link FireAndForgetCalls#awaitStoredCalls}, and asserts at once what they did.
 *
 * @author threadmethod contributors
 */
class DurableAwaitStoredCallsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		Mailer.sent.clear();
	}

	@Test
	void onceTheStoredCallsOfATaskHaveRunTheirWorkIsDoneAndCounted() throws InterruptedException {
		start();
		Mailer mailer = this.context.getBean(Mailer.class);
		mailer.send("ada@example.com");
		mailer.send("grace@example.com");
		FireAndForgetCalls calls = this.context.getBean(FireAndForgetCalls.class);
		calls.awaitStoredCalls("Mailer.send", WAIT);
		assertThat(Mailer.sent).containsExactlyInAnyOrder("ada@example.com", "grace@example.com");
		assertThat(calls.getTotals("Mailer.send")).isEqualTo(new TaskTotals(2, 2, 0, 0, 0, 2));
	}

	@Test
	void aCallRetriedAndThenKeptAsFailedHasRunOnceItIsKept() throws InterruptedException {
		start("threadmethod.tasks[Mailer.send].durable.max-retries=1",
				"threadmethod.tasks[Mailer.send].durable.backoff=50ms");
		this.context.getBean(Mailer.class).send("fail");
		FireAndForgetCalls calls = this.context.getBean(FireAndForgetCalls.class);
		calls.awaitStoredCalls("Mailer.send", WAIT);
		assertThat(calls.getTotals("Mailer.send")).isEqualTo(new TaskTotals(2, 0, 2, 0, 0, 1));
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:await-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"threadmethod.tasks[Mailer.send].mode=durable", "db-scheduler.polling-interval=200ms",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	public static class Mailer {

		static final List<String> sent = new CopyOnWriteArrayList<>();

		@FireAndForget
		public void send(String to) {
			if (to.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
			sent.add(to);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

}

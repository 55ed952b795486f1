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
import java.util.AbstractList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForget;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the storing of durable calls by {@link DurableBackend}, on an embedded H2
 * database through a real context whose scheduler polls only once an hour: a stored call
 * starts at once, because storing it wakes the scheduler, after the commit when it is
 * stored in a transaction; and a call that cannot be stored ends its store observation
 * with why.
 *
 * @author threadmethod contributors
 */
class DurableStoringTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final List<String> runs = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		runs.clear();
	}

	@Test
	void aCallStoredOutsideATransactionStartsAtOnce() {
		this.context = start();
		this.context.getBean(Mailer.class).send("ada@example.com", List.of("Hello"));
		await().atMost(WAIT).until(() -> runs.size() == 1);
		assertThat(runs).containsExactly("ada@example.com");
	}

	@Test
	void aCallStoredInATransactionStartsAtOnceWhenTheTransactionCommits() {
		this.context = start();
		this.context.getBean(TransactionTemplate.class)
			.executeWithoutResult(
					(status) -> this.context.getBean(Mailer.class).send("ada@example.com", List.of("Hello")));
		await().atMost(WAIT).until(() -> runs.size() == 1);
		assertThat(runs).containsExactly("ada@example.com");
	}

	@Test
	void aCallThatCannotBeStoredEndsItsStoreObservationWithWhy() {
		this.context = start();
		Mailer mailer = this.context.getBean(Mailer.class);
		List<String> unreadable = new AbstractList<>() {

			@Override
			public String get(int index) {
				throw new IllegalStateException("cannot read line " + index);
			}

			@Override
			public int size() {
				return 1;
			}

		};
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> mailer.send("ada", unreadable));
		assertThat(this.stopped).singleElement().satisfies((store) -> {
			assertThat(store.getName()).isEqualTo("threadmethod.durable.store");
			assertThat(store.getError()).isInstanceOf(TaskRejectedException.class);
		});
		assertThat(runs).isEmpty();
	}

	private ConfigurableApplicationContext start() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				if (context.getName().startsWith("threadmethod.durable.")) {
					DurableStoringTests.this.stopped.add(context);
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:storing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"threadmethod.tasks[Mailer.send].mode=durable", "db-scheduler.polling-interval=1h",
					"spring.main.banner-mode=off")
			.initializers((context) -> context.getBeanFactory().registerSingleton("observationRegistry", registry))
			.run();
	}

	public static class Mailer {

		@FireAndForget
		public void send(String to, List<String> lines) {
			runs.add(to);
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

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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the body of a stored call runs with its bean's other advice, as a launched
 * call's does, and that its failure reaches the handler as the body threw it.
 *
 * @author threadmethod contributors
 */
class DurableBodyAdviceTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	static final List<Object> seen = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		seen.clear();
	}

	@Test
	void aTransactionalBodyRunsInItsTransaction() {
		this.context = start();
		this.context.getBean(Ledger.class).record("ada");
		await().atMost(WAIT).until(() -> seen.size() == 1);
		assertThat(seen).containsExactly("ada in a transaction");
	}

	@Test
	void aCheckedExceptionTheMethodDoesNotDeclareReachesTheHandlerAsThrown() {
		this.context = start("threadmethod.tasks[Ledger.record].durable.max-retries=0");
		this.context.getBean(Ledger.class).record("fail");
		await().atMost(WAIT).until(() -> seen.size() == 1);
		assertThat(seen).singleElement()
			.isInstanceOf(IOException.class)
			.extracting((failure) -> ((IOException) failure).getMessage())
			.isEqualTo("ledger closed");
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:advice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off",
					"threadmethod.tasks[Ledger.record].mode=durable")
			.properties(properties)
			.run();
	}

	public static class Ledger {

		@FireAndForget
		@Transactional
		public void record(String entry) {
			if (entry.equals("fail")) {
				throwUnchecked(new IOException("ledger closed"));
			}
			seen.add(entry + (TransactionSynchronizationManager.isActualTransactionActive() ? " in a transaction"
					: " outside a transaction"));
		}

		@SuppressWarnings("unchecked")
		private static <E extends Throwable> void throwUnchecked(Throwable ex) throws E {
			throw (E) ex;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

		@Bean
		FireAndForgetExceptionHandler exceptionHandler() {
			return (ex, task, arguments) -> seen.add(ex);
		}

	}

}

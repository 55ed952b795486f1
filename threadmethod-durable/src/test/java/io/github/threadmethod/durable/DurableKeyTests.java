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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the key policies in the durable mode: {@code unique} deduplicates in
 * db-scheduler's table, through the stored call's id; {@code serial} is refused.
 *
 * @author threadmethod contributors
 */
class DurableKeyTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String TASK = "KeyedMailer.send";

	private final String url = "jdbc:h2:mem:durable-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		KeyedMailer.release();
		this.contexts.forEach(ConfigurableApplicationContext::close);
		KeyedMailer.reset();
	}

	@Test
	void aCallWhoseKeyIsInTheTableIsNotStoredAgainAndCountsDeduplicated() {
		ConfigurableApplicationContext context = start("threadmethod.tasks[" + TASK + "].key-policy=unique");
		KeyedMailer mailer = context.getBean(KeyedMailer.class);
		FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
		KeyedMailer.hold();
		mailer.send("order-1", 0);
		await().atMost(WAIT).until(() -> KeyedMailer.runs.size() == 1);
		// Running, so still in the table: the same key is not stored again, another is
		mailer.send("order-1", 1);
		mailer.send("order-2", 2);
		assertThat(ids(context)).containsExactlyInAnyOrder(StoredCallIds.keyedId(TASK, "order-1"),
				StoredCallIds.keyedId(TASK, "order-2"));
		assertThat(calls.getTotals(TASK).stored()).isEqualTo(2);
		assertThat(calls.getTotals(TASK).deduplicated()).isOne();
		KeyedMailer.release();
		await().atMost(WAIT).until(() -> ids(context).isEmpty());
		// Done, and gone from the table: the key is free again
		mailer.send("order-1", 3);
		await().atMost(WAIT).until(() -> KeyedMailer.runs.size() == 3);
		assertThat(KeyedMailer.runs).extracting(Run::seq).containsExactlyInAnyOrder(0, 2, 3);
		assertThat(calls.getTotals(TASK).deduplicated()).isOne();
	}

	@Test
	void aUniqueCallStoredInATransactionThatRollsBackLeavesItsKeyFree() {
		ConfigurableApplicationContext context = start("threadmethod.tasks[" + TASK + "].key-policy=unique");
		KeyedMailer mailer = context.getBean(KeyedMailer.class);
		context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			mailer.send("order-1", 0);
			assertThat(ids(context)).hasSize(1);
			status.setRollbackOnly();
		});
		assertThat(ids(context)).isEmpty();
		mailer.send("order-1", 1);
		await().atMost(WAIT).until(() -> KeyedMailer.runs.size() == 1);
		assertThat(KeyedMailer.runs).extracting(Run::seq).containsExactly(1);
	}

	@Test
	void thousandConcurrentCallsOfTenKeysStartAtMostOneBodyPerKeyAtATime() throws InterruptedException {
		ConfigurableApplicationContext context = start("threadmethod.tasks[" + TASK + "].key-policy=unique");
		KeyedMailer mailer = context.getBean(KeyedMailer.class);
		FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
		callConcurrently(10, 100, (i) -> mailer.send("order-" + (i % 10), i));
		await().atMost(WAIT).until(() -> ids(context).isEmpty());
		TaskTotals totals = calls.getTotals(TASK);
		await().atMost(WAIT).until(() -> KeyedMailer.runs.size() == calls.getTotals(TASK).stored());
		assertThat(totals.stored() + totals.deduplicated()).isEqualTo(1000);
		assertThat(totals.deduplicated()).isPositive();
		assertThat(totals.rejected()).isZero();
		assertThat(KeyedMailer.mostAtOnce.get()).isEqualTo(1);
		assertThat(KeyedMailer.runs).extracting(Run::key).containsAll(List.of("order-0", "order-9"));
	}

	@Test
	void theSerialPolicyInTheDurableModeFailsStartupNamingTheTask() {
		assertThatException().isThrownBy(() -> start("threadmethod.tasks[" + TASK + "].key-policy=serial"))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("threadmethod.tasks[" + TASK + "].key-policy")
			.withMessageContaining("Task '" + TASK + "' runs in mode 'durable', whose backend stores calls");
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KeyedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[" + TASK + "].mode=durable",
					"db-scheduler.polling-interval=200ms", "db-scheduler.threads=4", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static List<String> ids(ConfigurableApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class))
			.queryForList("select task_instance from scheduled_tasks", String.class);
	}

	private static void callConcurrently(int threads, int callsEach, IntConsumer call) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> callers = new ArrayList<>();
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < threads; t++) {
			Thread thread = new Thread(() -> {
				try {
					assertThat(start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
					for (int i = 0; i < callsEach; i++) {
						call.accept(i);
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			callers.add(thread);
		}
		start.countDown();
		for (Thread caller : callers) {
			caller.join(WAIT.toMillis());
			assertThat(caller.isAlive()).isFalse();
		}
		assertThat(failures).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class KeyedApplication {

		@Bean
		KeyedMailer keyedMailer() {
			return new KeyedMailer();
		}

	}

	public static class KeyedMailer {

		static final List<Run> runs = new CopyOnWriteArrayList<>();

		static final AtomicInteger mostAtOnce = new AtomicInteger();

		private static final Map<String, AtomicInteger> inBody = new ConcurrentHashMap<>();

		private static volatile CountDownLatch gate = new CountDownLatch(0);

		static void hold() {
			gate = new CountDownLatch(1);
		}

		static void release() {
			gate.countDown();
		}

		static void reset() {
			runs.clear();
			inBody.clear();
			mostAtOnce.set(0);
			gate = new CountDownLatch(0);
		}

		@FireAndForget(key = "#orderId")
		public void send(String orderId, int seq) {
			AtomicInteger atOnce = inBody.computeIfAbsent(orderId, (key) -> new AtomicInteger());
			mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
			try {
				runs.add(new Run(orderId, seq));
				try {
					assertThat(gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 50; i++) {
					Thread.yield();
				}
			}
			finally {
				atOnce.decrementAndGet();
			}
		}

	}

	record Run(String key, int seq) {

	}

}

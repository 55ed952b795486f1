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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests how the row of a durable call commits, on H2, whatever the caller's transaction
 * and the pool: with the caller's transaction and counted stored only if it commits; made
 * after that commit, at once, and started at once; and committed outside a transaction on
 * a pool whose auto-commit is off. The scheduler polls once an hour here, so that only
 * the wake-up of a stored call's instance can start its body.
 *
 * @author threadmethod contributors
 */
class DurableStoreCommitTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String url = "jdbc:h2:mem:store-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Receipts.sent.clear();
	}

	@Test
	void aCallRolledBackWithItsCallersTransactionIsNeverCountedStored() {
		ConfigurableApplicationContext context = start();
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		transaction.executeWithoutResult((status) -> {
			context.getBean(Receipts.class).send("rolled back");
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult((status) -> context.getBean(Receipts.class).send("committed"));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("committed"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
		assertThat(context.getBean(ThreadMethodEndpoint.class).threadMethod().tasks().get("Receipts.send").stored())
			.isOne();
		assertThat(context.getBean(MeterRegistry.class)
			.get("threadmethod.calls.stored")
			.tag("task", "Receipts.send")
			.functionCounter()
			.count()).isOne();
		assertThat(Receipts.sent).containsExactly("committed");
	}

	@Test
	void aCallMadeInAnAfterCommitCallbackIsStoredAndStartedAtOnce() {
		ConfigurableApplicationContext context = start();
		Receipts receipts = context.getBean(Receipts.class);
		context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						receipts.send("after commit");
					}

				}));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("after commit"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	@Test
	void aCallMadeByAnAfterCommitEventListenerIsStoredAndStartedAtOnce() {
		afterCommitEventListenerMakesACall();
	}

	@Test
	void aCallMadeOutsideATransactionOnAPoolThatDoesNotAutoCommitIsCommitted() {
		ConfigurableApplicationContext context = start("spring.datasource.hikari.auto-commit=false");
		context.getBean(Receipts.class).send("outside");
		await().atMost(WAIT).until(() -> Receipts.sent.contains("outside"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	@Test
	void aCallMadeInsideATransactionOnAPoolThatDoesNotAutoCommitIsCommittedWithIt() {
		ConfigurableApplicationContext context = start("spring.datasource.hikari.auto-commit=false");
		context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> context.getBean(Receipts.class).send("inside"));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("inside"));
	}

	@Test
	void aCallMadeByAnAfterCommitEventListenerOnAPoolThatDoesNotAutoCommitIsStoredAndStartedAtOnce() {
		afterCommitEventListenerMakesACall("spring.datasource.hikari.auto-commit=false");
	}

	@Test
	void aCallWhoseRowCannotBeCommittedIsRejectedNamingItsTaskAndNeverCountedStored() {
		ConfigurableApplicationContext context = start(FailingCommits.class);
		FailingCommits.failing = true;
		try {
			assertThatExceptionOfType(TaskRejectedException.class)
				.isThrownBy(() -> context.getBean(Receipts.class).send("lost"))
				.withMessageContaining("Receipts.send")
				.withMessageContaining("could not be committed")
				.withRootCauseInstanceOf(SQLException.class);
		}
		finally {
			FailingCommits.failing = false;
		}
		context.getBean(Receipts.class).send("kept");
		await().atMost(WAIT).until(() -> Receipts.sent.contains("kept"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
		assertThat(Receipts.sent).containsExactly("kept");
		assertThat(new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""))
			.queryForObject("select count(*) from scheduled_tasks", Integer.class)).isZero();
	}

	private void afterCommitEventListenerMakesACall(String... properties) {
		ConfigurableApplicationContext context = start(properties);
		context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> context.publishEvent(new Shipped("shipped")));
		// Waited for in a later listener of the same commit: the body started before the
		// caller's transaction was done with its connection
		assertThat(context.getBean(ShippingListeners.class).startedBeforeTheCallerWasDone).isTrue();
		assertThat(Receipts.sent).containsExactly("shipped");
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	private ConfigurableApplicationContext start(String... properties) {
		return start(App.class, properties);
	}

	private ConfigurableApplicationContext start(Class<?> source, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, source)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Receipts.send].mode=durable",
					"db-scheduler.polling-interval=1h", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=threadmethod")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	record Shipped(String what) {

	}

	public static class Receipts {

		static final List<String> sent = new CopyOnWriteArrayList<>();

		@FireAndForget
		public void send(String what) {
			sent.add(what);
		}

	}

	/**
	 * Sends a receipt after the shipment commits, as
	 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)} listeners do, and waits,
	 * in a listener of the same commit after it, for the receipt's body to start.
	 */
	public static class ShippingListeners {

		private final Receipts receipts;

		final AtomicBoolean startedBeforeTheCallerWasDone = new AtomicBoolean();

		ShippingListeners(Receipts receipts) {
			this.receipts = receipts;
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		@Order(1)
		public void sendReceipt(Shipped shipped) {
			this.receipts.send(shipped.what());
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		@Order(2)
		public void awaitReceipt(Shipped shipped) {
			try {
				await().atMost(WAIT).until(() -> Receipts.sent.contains(shipped.what()));
				this.startedBeforeTheCallerWasDone.set(true);
			}
			catch (ConditionTimeoutException ex) {
				// Left false
			}
		}

	}

	/**
	 * A pool that does not auto-commit, whose commits fail while the test says so: as a
	 * database that loses its connection, or refuses the transaction, at the commit.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FailingCommits {

		static volatile boolean failing;

		@Bean
		HikariDataSource dataSource(@Value("${spring.datasource.url}") String url) {
			HikariDataSource pool = new HikariDataSource() {

				@Override
				public Connection getConnection() throws SQLException {
					return failingCommits(super.getConnection());
				}

			};
			pool.setJdbcUrl(url);
			pool.setUsername("sa");
			pool.setAutoCommit(false);
			return pool;
		}

		private static Connection failingCommits(Connection connection) {
			return (Connection) Proxy.newProxyInstance(FailingCommits.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
						if (failing && method.getName().equals("commit")) {
							throw new SQLException("the connection was lost at the commit");
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.ObservedSelector.class)
	static class App {

		@Bean
		Receipts receipts() {
			return new Receipts();
		}

		@Bean
		ShippingListeners shippingListeners(Receipts receipts) {
			return new ShippingListeners(receipts);
		}

	}

}

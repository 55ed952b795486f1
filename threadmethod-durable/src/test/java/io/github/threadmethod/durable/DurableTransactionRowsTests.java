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

import javax.sql.DataSource;

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
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests, on H2, that the durable calls one transaction makes are written together, in one
 * batch, as it commits: not before, never if it rolls back, without those of a savepoint
 * rolled back to, with an inner {@code REQUIRES_NEW} transaction's own commit; that a
 * failed write fails the commit; and that calls made once the rows are written, and
 * unique keys, are written at their call. The scheduler polls once an hour here, so that
 * only the wake-up that follows a commit starts a body.
 *
 * @author threadmethod contributors
 */
class DurableTransactionRowsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String url = "jdbc:h2:mem:transaction-rows-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Receipts.sent.clear();
		PaymentListener.heard.clear();
	}

	@Test
	void theCallsOfATransactionAreWrittenInOneBatchAsItCommits() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			for (int i = 0; i < 50; i++) {
				receipts.send("receipt-" + i);
			}
			// Not even on the transaction's own connection
			assertThat(rows(context)).isZero();
			assertThat(writes.roundTrips()).isZero();
		});
		assertThat(writes.batches).hasValue(1);
		assertThat(writes.batchedRows).hasValue(50);
		assertThat(writes.singleInserts).hasValue(0);
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 50);
		assertThat(Receipts.sent).doesNotHaveDuplicates();
		assertThat(totals(context).stored()).isEqualTo(50);
	}

	@Test
	void theCallsOfATransactionThatRollsBackAreNeverWritten() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("rolled back 1");
			receipts.send("rolled back 2");
			status.setRollbackOnly();
		});
		assertThat(writes.roundTrips()).isZero();
		assertThat(rows(context)).isZero();
		transaction(context).executeWithoutResult((status) -> receipts.send("committed"));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("committed"));
		assertThat(Receipts.sent).containsExactly("committed");
		assertThat(totals(context).stored()).isOne();
	}

	@Test
	void theCallsOfASavepointRolledBackToAreDropped() {
		ConfigurableApplicationContext context = start();
		Receipts receipts = context.getBean(Receipts.class);
		TransactionTemplate nested = transaction(context, TransactionDefinition.PROPAGATION_NESTED);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("before");
			nested.executeWithoutResult((inner) -> {
				receipts.send("in the savepoint");
				inner.setRollbackOnly();
			});
			nested.executeWithoutResult((inner) -> receipts.send("in a nested transaction that commits"));
			receipts.send("after");
		});
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 3);
		assertThat(Receipts.sent).containsExactlyInAnyOrder("before", "in a nested transaction that commits", "after");
		assertThat(context.getBean(RowWrites.class).batchedRows).hasValue(3);
		assertThat(totals(context).stored()).isEqualTo(3);
	}

	@Test
	void theCallsOfAnInnerRequiresNewTransactionAreWrittenAsItCommits() {
		ConfigurableApplicationContext context = start();
		Receipts receipts = context.getBean(Receipts.class);
		TransactionTemplate requiresNew = transaction(context, TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("outer");
			requiresNew.executeWithoutResult((inner) -> receipts.send("inner"));
			assertThat(context.getBean(RowWrites.class).batches).hasValue(1);
			status.setRollbackOnly();
		});
		await().atMost(WAIT).until(() -> Receipts.sent.contains("inner"));
		assertThat(Receipts.sent).containsExactly("inner");
		assertThat(totals(context).stored()).isOne();
	}

	@Test
	void aFailedWriteFailsTheCommitNamingTheTaskAndNothingIsStored() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		Receipts receipts = context.getBean(Receipts.class);
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		jdbc.execute("create table orders (id varchar(20))");
		writes.failing = true;
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> transaction(context).executeWithoutResult((status) -> {
				jdbc.update("insert into orders values ('order-1')");
				receipts.send("one");
				receipts.send("two");
			}))
			.withMessageContaining("2 calls of Receipts.send")
			.withMessageContaining("the transaction is rolled back");
		writes.failing = false;
		assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isZero();
		assertThat(rows(context)).isZero();
		assertThat(totals(context).stored()).isZero();
		transaction(context).executeWithoutResult((status) -> receipts.send("later"));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("later"));
		assertThat(Receipts.sent).containsExactly("later");
	}

	@Test
	void uniqueCallsAreWrittenAtTheirCallAndDeduplicatedWithinTheTransaction() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		KeyedReceipts keyed = context.getBean(KeyedReceipts.class);
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			keyed.send("order-1");
			keyed.send("order-1");
			receipts.send("plain");
			// The unique call is written, and its key held, at once
			assertThat(rows(context)).isOne();
			assertThat(writes.singleInserts).hasValue(1);
		});
		assertThat(writes.batchedRows).hasValue(1);
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 2);
		assertThat(Receipts.sent).containsExactlyInAnyOrder("order-1", "plain");
		TaskTotals totals = context.getBean(FireAndForgetCalls.class).getTotals("KeyedReceipts.send");
		assertThat(totals.stored()).isOne();
		assertThat(totals.deduplicated()).isOne();
	}

	@Test
	void aCallMadeOnceTheRowsAreWrittenIsWrittenAtOnceAndCommitsWithTheTransaction() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("held");
			// Registered after the rows, so told beforeCommit after them
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					receipts.send("before commit");
				}

			});
		});
		assertThat(writes.batches).hasValue(1);
		assertThat(writes.singleInserts).hasValue(1);
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 2);
		assertThat(Receipts.sent).containsExactlyInAnyOrder("held", "before commit");
		assertThat(totals(context).stored()).isEqualTo(2);
	}

	@Test
	void aFirstCallMadeByABeforeCommitListenerIsWrittenOnceTheTransactionCommits() {
		ConfigurableApplicationContext context = start();
		transaction(context).executeWithoutResult((status) -> context.publishEvent(new Paid("paid")));
		assertThat(context.getBean(RowWrites.class).batches).hasValue(1);
		await().atMost(WAIT).until(() -> Receipts.sent.contains("paid"));
		assertThat(totals(context).stored()).isOne();
	}

	@Test
	void aFirstCallMadeByABeforeCommitListenerOfACommitThatFailsIsNeverWritten() {
		ConfigurableApplicationContext context = start();
		RowWrites writes = context.getBean(RowWrites.class);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> transaction(context).executeWithoutResult((status) -> {
				context.publishEvent(new Paid("paid"));
				// Told beforeCommit after the listener, and fails the commit
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void beforeCommit(boolean readOnly) {
						assertThat(PaymentListener.heard).containsExactly("paid");
						throw new IllegalStateException("commit refused for the test");
					}

				});
			}));
		assertThat(writes.roundTrips()).isZero();
		assertThat(rows(context)).isZero();
		assertThat(totals(context).stored()).isZero();
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Receipts.send].mode=durable",
					"threadmethod.tasks[KeyedReceipts.send].mode=durable",
					"threadmethod.tasks[KeyedReceipts.send].key-policy=unique", "db-scheduler.polling-interval=1h",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.contexts.add(context);
		context.getBean(RowWrites.class).reset();
		return context;
	}

	private static TransactionTemplate transaction(ConfigurableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	private static TransactionTemplate transaction(ConfigurableApplicationContext context, int propagation) {
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		transaction.setPropagationBehavior(propagation);
		return transaction;
	}

	private static int rows(ConfigurableApplicationContext context) {
		Integer rows = new JdbcTemplate(context.getBean(DataSource.class))
			.queryForObject("select count(*) from scheduled_tasks", Integer.class);
		return (rows != null) ? rows : 0;
	}

	private static TaskTotals totals(ConfigurableApplicationContext context) {
		return context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send");
	}

	record Paid(String what) {

	}

	public static class Receipts {

		static final List<String> sent = new CopyOnWriteArrayList<>();

		@FireAndForget
		public void send(String what) {
			sent.add(what);
		}

	}

	public static class KeyedReceipts {

		@FireAndForget(key = "#orderId")
		public void send(String orderId) {
			Receipts.sent.add(orderId);
		}

	}

	/**
	 * Sends a receipt as the payment commits, as
	 * {@code @TransactionalEventListener(phase = BEFORE_COMMIT)} listeners do.
	 */
	public static class PaymentListener {

		private final Receipts receipts;

		PaymentListener(Receipts receipts) {
			this.receipts = receipts;
		}

		static final List<String> heard = new CopyOnWriteArrayList<>();

		@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
		public void sendReceipt(Paid paid) {
			heard.add(paid.what());
			this.receipts.send(paid.what());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		static RowWrites rowWrites() {
			return new RowWrites();
		}

		@Bean
		Receipts receipts() {
			return new Receipts();
		}

		@Bean
		KeyedReceipts keyedReceipts() {
			return new KeyedReceipts();
		}

		@Bean
		PaymentListener paymentListener(Receipts receipts) {
			return new PaymentListener(receipts);
		}

	}

}

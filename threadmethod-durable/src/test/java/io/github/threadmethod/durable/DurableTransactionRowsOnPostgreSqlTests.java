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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.durable.DurableTransactionRowsTests.App;
import io.github.threadmethod.durable.DurableTransactionRowsTests.KeyedReceipts;
import io.github.threadmethod.durable.DurableTransactionRowsTests.Paid;
import io.github.threadmethod.durable.DurableTransactionRowsTests.PaymentListener;
import io.github.threadmethod.durable.DurableTransactionRowsTests.Receipts;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests on a real PostgreSQL, through a pool whose auto-commit is off, that the durable
 * calls one transaction makes are written in one batch as it commits, and only then;
 * never if it rolls back, nor those of a savepoint rolled back to; that unique keys are
 * deduplicated within the transaction; and that a write the database refuses fails the
 * commit.
 *
 * @author threadmethod contributors
 */
class DurableTransactionRowsOnPostgreSqlTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final AtomicInteger databases = new AtomicInteger();

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

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
			for (int i = 0; i < 500; i++) {
				receipts.send("receipt-" + i);
			}
			assertThat(rows(context)).isZero();
			assertThat(writes.roundTrips()).isZero();
		});
		assertThat(writes.batches).hasValue(1);
		assertThat(writes.batchedRows).hasValue(500);
		assertThat(writes.singleInserts).hasValue(0);
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 500);
		assertThat(Receipts.sent).doesNotHaveDuplicates();
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isEqualTo(500);
	}

	@Test
	void theCallsOfATransactionThatRollsBackOrOfASavepointRolledBackToAreNeverWritten() {
		ConfigurableApplicationContext context = start();
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("rolled back");
			status.setRollbackOnly();
		});
		assertThat(context.getBean(RowWrites.class).roundTrips()).isZero();
		TransactionTemplate nested = transaction(context, TransactionDefinition.PROPAGATION_NESTED);
		transaction(context).executeWithoutResult((status) -> {
			receipts.send("before");
			nested.executeWithoutResult((inner) -> {
				receipts.send("in the savepoint");
				inner.setRollbackOnly();
			});
			receipts.send("after");
		});
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 2);
		assertThat(Receipts.sent).containsExactlyInAnyOrder("before", "after");
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isEqualTo(2);
	}

	@Test
	void uniqueKeysAreDeduplicatedWithinTheTransaction() {
		ConfigurableApplicationContext context = start();
		KeyedReceipts keyed = context.getBean(KeyedReceipts.class);
		Receipts receipts = context.getBean(Receipts.class);
		transaction(context).executeWithoutResult((status) -> {
			keyed.send("order-1");
			keyed.send("order-1");
			keyed.send("order-2");
			receipts.send("plain");
		});
		await().atMost(WAIT).until(() -> Receipts.sent.size() == 3);
		assertThat(Receipts.sent).containsExactlyInAnyOrder("order-1", "order-2", "plain");
		TaskTotals totals = context.getBean(FireAndForgetCalls.class).getTotals("KeyedReceipts.send");
		assertThat(totals.stored()).isEqualTo(2);
		assertThat(totals.deduplicated()).isOne();
	}

	@Test
	void aWriteTheDatabaseRefusesFailsTheCommitNamingTheTask() {
		ConfigurableApplicationContext context = start();
		TransactionTemplate readOnly = transaction(context, TransactionDefinition.PROPAGATION_REQUIRED);
		readOnly.setReadOnly(true);
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> readOnly.executeWithoutResult((status) -> context.getBean(Receipts.class).send("one")))
			.withMessageContaining("1 call of Receipts.send")
			.withMessageContaining("read-only");
		assertThat(rows(context)).isZero();
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isZero();
	}

	@Test
	void aFirstCallMadeByABeforeCommitListenerIsWrittenAndCommittedOnceTheTransactionCommits() {
		ConfigurableApplicationContext context = start();
		transaction(context).executeWithoutResult((status) -> context.publishEvent(new Paid("paid")));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("paid"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	private ConfigurableApplicationContext start() {
		String url = postgres.createDatabase("transaction_rows_" + databases.incrementAndGet());
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + postgres.getUsername(),
					"spring.datasource.hikari.auto-commit=false", "threadmethod.durable.initialize-schema=always",
					"threadmethod.tasks[Receipts.send].mode=durable",
					"threadmethod.tasks[KeyedReceipts.send].mode=durable",
					"threadmethod.tasks[KeyedReceipts.send].key-policy=unique", "db-scheduler.polling-interval=1h",
					"spring.main.banner-mode=off")
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

}

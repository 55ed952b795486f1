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
package io.github.threadmethod;

import javax.sql.DataSource;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.KeyedWork.Run;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for keyed calls made in a transaction, which start once it commits: the key is
 * made when the call is made, and the {@code unique} policy applies when the call starts,
 * so that a call discarded by a rollback never holds its key.
 *
 * @author threadmethod contributors
 */
class KeysAfterCommitTests {

	private static final String TASK = "unique-work";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withUserConfiguration(Transactions.class)
		.withBean(KeyedWork.class)
		.withPropertyValues("threadmethod.tasks[" + TASK + "].key-policy=unique");

	@Test
	void uniqueKeyedCallOfARolledBackTransactionNeverHoldsItsKey() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			transaction(context).executeWithoutResult((status) -> {
				work.unique("key-0", "rolled-back", 0);
				status.setRollbackOnly();
			});
			work.unique("key-0", "main", 1);
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(work.runs().get("key-0")).extracting(Run::seq).containsExactly(1);
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0, 1, 0));
		});
	}

	@Test
	void callWaitingForItsTransactionToCommitHoldsNoKeyYet() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			transaction(context).executeWithoutResult((status) -> {
				work.unique("key-0", "committed", 0);
				// Outside any transaction: starts at once, as the call above has not yet
				Thread other = new Thread(() -> work.unique("key-0", "other", 1));
				other.start();
				try {
					other.join(KeyedWork.TIMEOUT.toMillis());
					calls.awaitIdle(KeyedWork.TIMEOUT);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(work.runs().get("key-0")).extracting(Run::seq).containsExactly(1, 0);
			assertThat(calls.getTotals(TASK).deduplicated()).isZero();
		});
	}

	@Test
	void callsOfOneKeyMadeInATransactionAreDeduplicatedWhenTheyStartAfterItsCommit() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			work.hold();
			transaction(context).executeWithoutResult((status) -> {
				work.unique("key-0", "committed", 0);
				work.unique("key-0", "committed", 1);
				assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0));
			});
			await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 1);
			assertThat(calls.getTotals(TASK).deduplicated()).isOne();
			work.release();
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(work.runs().get("key-0")).extracting(Run::seq).containsExactly(0);
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0, 0, 1));
		});
	}

	@Test
	void keyIsMadeWhenTheCallIsMadeAndRejectsItThere() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			transaction(context).executeWithoutResult((status) -> {
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> work.unique(null, "tx", 0))
					.withMessage("@FireAndForget call of task '" + TASK
							+ "' rejected: its key expression '#key' yielded null");
				assertThat(calls.getTotals(TASK).rejected()).isOne();
			});
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
		});
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class Transactions {

		@Bean(destroyMethod = "shutdown")
		EmbeddedDatabase dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		}

		@Bean
		TransactionTemplate transactionTemplate(DataSource dataSource) {
			return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		}

	}

}

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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.OrdersApplication.Orders;
import io.github.threadmethod.OrdersApplication.Receipts;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.Dispatch;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests where a call made in a transaction starts when transactions nest or follow each
 * other: a call in a nested transaction waits for the outer commit, and is discarded if
 * its savepoint is rolled back to; one in a {@code REQUIRES_NEW} transaction starts when
 * that one commits; one made in a commit callback starts once the commit is done; one
 * made outside an actual transaction starts at once; a body run on the committing thread
 * works outside the finished transaction; and a backend that stores calls is handed them
 * at once.
 *
 * @author threadmethod contributors
 */
class AfterCommitBoundaryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withUserConfiguration(OrdersApplication.class)
		.withBean(CallRecorder.class);

	@Test
	void callInANestedTransactionWaitsForTheOuterCommit() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				transaction(context, TransactionDefinition.PROPAGATION_NESTED)
					.executeWithoutResult((nested) -> context.getBean(Orders.class).place(1));
				assertThat(recorder.calls()).isEmpty();
				assertThat(totals(context)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0, 0, 0));
			});
			assertThat(recorder.awaitCalls(1)).singleElement()
				.satisfies((call) -> assertThat(call.arguments()).startsWith(1, true));
		});
	}

	@Test
	void callsOfANestedTransactionRolledBackToItsSavepointAreDiscardedAndTheOthersStart() {
		this.contextRunner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				// The first call of the transaction in a nested one rolled back: its
				// savepoint came before anything was held
				nested(context, () -> orders.place(1), true);
				orders.place(2);
				nested(context, () -> orders.place(3), true);
				nested(context, () -> orders.place(4), false);
			});
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(context.getBean(CallRecorder.class).calls()).extracting((call) -> call.arguments().get(0))
				.containsExactlyInAnyOrder(2, 4);
			assertThat(totals(context)).isEqualTo(new TaskTotals(2, 2, 0, 0, 0, 0, 2, 0));
		});
	}

	private static void nested(AssertableApplicationContext context, Runnable work, boolean rollBack) {
		transaction(context, TransactionDefinition.PROPAGATION_NESTED).executeWithoutResult((nested) -> {
			work.run();
			if (rollBack) {
				nested.setRollbackOnly();
			}
		});
	}

	@Test
	void callInARequiresNewTransactionStartsWhenItCommitsEvenIfTheOuterRollsBack() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				transaction(context, TransactionDefinition.PROPAGATION_REQUIRES_NEW)
					.executeWithoutResult((inner) -> context.getBean(Orders.class).place(1));
				assertThat(recorder.awaitCalls(1)).singleElement()
					.satisfies((call) -> assertThat(call.arguments()).startsWith(1, true));
				outer.setRollbackOnly();
			});
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(totals(context)).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0, 0, 0));
		});
	}

	@Test
	void callMadeInAnAfterCommitCallbackStartsOnceTheCommitIsDone() {
		this.contextRunner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			Receipts receipts = context.getBean(Receipts.class);
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
				orders.save(1);
				afterCommit(() -> receipts.send(1));
			});
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
				orders.place(2);
				orders.save(3);
				afterCommit(() -> receipts.send(3));
			});
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(context.getBean(CallRecorder.class).calls())
				.extracting((call) -> call.arguments().get(0) + " " + call.arguments().get(1))
				.containsExactlyInAnyOrder("1 true", "2 true", "3 true");
		});
	}

	private static void afterCommit(Runnable callback) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				callback.run();
			}

		});
	}

	@Test
	void callMadeInAnAfterCompletionCallbackStartsAtOnce() {
		this.contextRunner.run((context) -> {
			Receipts receipts = context.getBean(Receipts.class);
			List<TaskTotals> seen = new CopyOnWriteArrayList<>();
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
				context.getBean(Orders.class).save(1);
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCompletion(int status) {
						receipts.send(1);
						seen.add(totals(context));
					}

				});
			});
			assertThat(seen).singleElement()
				.satisfies((totals) -> assertThat(totals.running() + totals.completed()).isOne());
			assertThat(context.getBean(CallRecorder.class).awaitCalls(1)).singleElement()
				.satisfies((call) -> assertThat(call.arguments()).startsWith(1, true));
		});
	}

	@Test
	void callMadeOutsideAnActualTransactionStartsAtOnce() {
		this.contextRunner.run((context) -> {
			Receipts receipts = context.getBean(Receipts.class);
			List<TaskTotals> seen = new CopyOnWriteArrayList<>();
			// A scope that synchronizes, with no transaction to commit
			transaction(context, TransactionDefinition.PROPAGATION_SUPPORTS).executeWithoutResult((status) -> {
				receipts.send(1);
				seen.add(totals(context));
			});
			// A transaction suspended
			transaction(context, TransactionDefinition.PROPAGATION_REQUIRED)
				.executeWithoutResult((status) -> transaction(context, TransactionDefinition.PROPAGATION_NOT_SUPPORTED)
					.executeWithoutResult((suspended) -> {
						receipts.send(2);
						seen.add(totals(context));
					}));
			assertThat(seen).extracting((totals) -> totals.started() + totals.running()).allMatch((taken) -> taken > 0);
			context.getBean(CallRecorder.class).awaitCalls(2);
		});
	}

	@Test
	void bodyRunOnTheCommittingThreadWorksOutsideTheFinishedTransaction() {
		List<Throwable> handled = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("threadmethod.mode=synchronous")
			.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> handled.add(ex))
			.run((context) -> {
				Orders orders = context.getBean(Orders.class);
				Receipts receipts = context.getBean(Receipts.class);
				transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
					orders.save(1);
					receipts.file(1, false);
					receipts.file(2, true);
					assertThat(orders.filedReceipts()).isEmpty();
				});
				// Each body committed, or rolled back, a transaction of its own
				assertThat(orders.filedReceipts()).containsExactly(1);
				assertThat(handled).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("failed on purpose"));
				assertThat(context.getBean(CallRecorder.class).calls()).hasSize(2)
					.allSatisfy((call) -> assertThat(call.thread()).isSameAs(Thread.currentThread()));
				// And the caller's thread is left as Spring leaves it after a transaction
				assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
				assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
				assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
			});
	}

	@Test
	void callOfABackendThatStoresCallsIsHandedOverInTheCallersTransaction() {
		this.contextRunner.withBean(ThreadPerCallBackend.class)
			.withBean(StoringBackend.class)
			.withPropertyValues("threadmethod.tasks[" + OrdersApplication.SEND + "].mode=stored")
			.run((context) -> {
				assertThat(context.getBean(CallLauncher.class).getSettings().forTask(OrdersApplication.SEND).dispatch())
					.isEqualTo(Dispatch.IMMEDIATE);
				transaction(context, TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
					context.getBean(Orders.class).place(1);
					assertThat(totals(context).stored()).isOne();
				});
			});
	}

	@Test
	void afterCommitDispatchOfATaskWhoseBackendStoresCallsFailsStartup() {
		this.contextRunner.withBean(ThreadPerCallBackend.class)
			.withBean(StoringBackend.class)
			.withPropertyValues("threadmethod.tasks[" + OrdersApplication.SEND + "].mode=stored",
					"threadmethod.tasks[" + OrdersApplication.SEND + "].dispatch=after-commit")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Receipts.send].dispatch")
				.hasMessageContaining("The calls of mode 'stored' are stored in the caller's transaction"));
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context, int propagation) {
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		transaction.setPropagationBehavior(propagation);
		return transaction;
	}

	private static TaskTotals totals(AssertableApplicationContext context) {
		return context.getBean(FireAndForgetCalls.class).getTotals(OrdersApplication.SEND);
	}

	/**
	 * A backend that stores each call (and forgets it), as the durable one does in the
	 * caller's transaction.
	 */
	static class StoringBackend implements FireAndForgetBackend, StoredCalls {

		@Override
		public String getMode() {
			return "stored";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			call.handOver();
		}

		@Override
		public boolean isLimited() {
			return false;
		}

		@Override
		public Map<String, Counts> countByTask() {
			return Map.of();
		}

	}

}

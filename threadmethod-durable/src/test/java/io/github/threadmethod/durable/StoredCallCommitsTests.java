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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.github.threadmethod.durable.StoredCallCommits.Commit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link StoredCallCommits} on connections that record what is done with them:
 * where a row is written, when it is committed or rolled back, and when what waits for
 * its commit runs. {@code DurableStoreCommitTests} shows the same on H2, with real
 * transactions and pools.
 *
 * @author threadmethod contributors
 */
class StoredCallCommitsTests {

	private final List<String> done = new CopyOnWriteArrayList<>();

	private final Recording own = new Recording("own", false);

	private final Pool pool = new Pool(this.own);

	private final StoredCallCommits commits = new StoredCallCommits(() -> this.pool);

	@AfterEach
	void clear() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
		TransactionSynchronizationManager.setActualTransactionActive(false);
		new ArrayList<>(TransactionSynchronizationManager.getResourceMap().keySet())
			.forEach(TransactionSynchronizationManager::unbindResource);
	}

	@Test
	void outsideATransactionTheRowIsWrittenOnAConnectionOfItsOwnAndCommittedAtOnce() {
		Commit commit = this.commits.store(() -> this.done.add("write on " + boundConnection(this.pool)));
		assertThat(this.done).containsExactly("write on own");
		assertThat(this.own.calls).containsExactly("commit", "close");
		assertThat(TransactionSynchronizationManager.hasResource(this.pool)).isFalse();
		commit.then(() -> this.done.add("after commit"));
		assertThat(this.done).containsExactly("write on own", "after commit");
	}

	@Test
	void aConnectionThatCommitsByItselfIsNotCommittedAgain() {
		Recording autoCommitting = new Recording("auto", true);
		new StoredCallCommits(() -> new Pool(autoCommitting)).store(() -> this.done.add("write"));
		assertThat(this.done).containsExactly("write");
		assertThat(autoCommitting.calls).containsExactly("close");
	}

	@Test
	void aWriteThatFailsIsRolledBackAndItsFailureThrownAsItIs() {
		IllegalStateException failure = new IllegalStateException("table is locked");
		assertThatIllegalStateException().isThrownBy(() -> this.commits.store(() -> {
			throw failure;
		})).isSameAs(failure);
		assertThat(this.own.calls).containsExactly("rollback", "close");
		assertThat(TransactionSynchronizationManager.hasResource(this.pool)).isFalse();
	}

	@Test
	void aFailedWriteOnAConnectionThatCommitsByItselfIsNotRolledBack() {
		Recording autoCommitting = new Recording("auto", true);
		assertThatIllegalStateException()
			.isThrownBy(() -> new StoredCallCommits(() -> new Pool(autoCommitting)).store(() -> {
				throw new IllegalStateException("table is locked");
			}));
		assertThat(autoCommitting.calls).containsExactly("close");
	}

	@Test
	void aRollbackThatFailsTooIsKeptWithTheWritesFailure() {
		this.own.rollbackFailure = new SQLException("connection lost");
		IllegalStateException failure = new IllegalStateException("table is locked");
		assertThatIllegalStateException().isThrownBy(() -> this.commits.store(() -> {
			throw failure;
		})).isSameAs(failure);
		assertThat(failure.getSuppressed()).containsExactly(this.own.rollbackFailure);
	}

	@Test
	void aCommitThatFailsRejectsTheCallAfterRollingItBack() {
		this.own.commitFailure = new SQLException("connection lost");
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.commits.store(() -> this.done.add("write")))
			.withMessage("it could not be committed in db-scheduler's table (java.sql.SQLException: connection lost); "
					+ "nothing was stored, and nothing runs it on a thread instead")
			.withCause(this.own.commitFailure);
		assertThat(this.own.calls).containsExactly("commit", "rollback", "close");
	}

	@Test
	void aConnectionThatCannotBeHadRejectsTheCallWithoutWriting() {
		SQLException down = new SQLException("database down");
		Pool unreachable = new Pool(null);
		unreachable.failure = down;
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> new StoredCallCommits(() -> unreachable).store(() -> this.done.add("write")))
			.withMessageStartingWith(
					"it could not be committed in db-scheduler's table (java.sql.SQLException: " + "database down)")
			.withCause(down);
		assertThat(this.done).isEmpty();
	}

	@Test
	void theConnectionBoundByTheCallerIsSetAsideWhileTheRowIsWrittenThenBoundAgain() {
		ConnectionHolder callers = new ConnectionHolder(new Recording("caller's", false).connection);
		TransactionSynchronizationManager.bindResource(this.pool, callers);
		this.commits.store(() -> this.done.add("write on " + boundConnection(this.pool)));
		assertThat(this.done).containsExactly("write on own");
		assertThat(TransactionSynchronizationManager.getResource(this.pool)).isSameAs(callers);
	}

	@Test
	void theConnectionIsBoundToTheDataSourceThatATransactionAwareProxyHandsOut() {
		StoredCallCommits proxied = new StoredCallCommits(() -> new TransactionAwareDataSourceProxy(this.pool));
		proxied.store(() -> this.done.add("write on " + boundConnection(this.pool)));
		assertThat(this.done).containsExactly("write on own");
	}

	@Test
	void insideTheCallersTransactionTheRowIsWrittenThereAndWhatWaitsRunsOnlyOnceItCommits() {
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		assertThat(this.done).containsExactly("write");
		assertThat(this.own.calls).isEmpty();
		synchronizations().forEach((synchronization) -> synchronization.beforeCommit(false));
		assertThat(this.done).containsExactly("write");
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(this.done).containsExactly("write", "after commit");
		// Once committed, what waits runs at once
		commit.then(() -> this.done.add("later"));
		assertThat(this.done).containsExactly("write", "after commit", "later");
	}

	@Test
	void aRowWrittenInACallersTransactionThatRollsBackLetsNothingRun() {
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		synchronizations().forEach(
				(synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
		assertThat(this.done).containsExactly("write");
	}

	@Test
	void aRowWrittenAfterTheCallersCommitIsCommittedOnTheConnectionItJoined() {
		Recording callers = new Recording("caller's", false);
		TransactionSynchronizationManager.bindResource(this.pool, new ConnectionHolder(callers.connection));
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		// Registered in an afterCommit callback: never told beforeCommit
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(callers.calls).containsExactly("commit");
		assertThat(this.done).containsExactly("write", "after commit");
	}

	@Test
	void aRowWrittenAfterTheCallersCommitOnAConnectionThatCommitsByItselfIsNotCommittedAgain() {
		Recording callers = new Recording("caller's", true);
		TransactionSynchronizationManager.bindResource(this.pool, new ConnectionHolder(callers.connection));
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(callers.calls).isEmpty();
		assertThat(this.done).containsExactly("write", "after commit");
	}

	@Test
	void aRowWrittenAfterTheCallersCommitWithoutAConnectionBoundLetsWhatWaitsRun() {
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(this.done).containsExactly("write", "after commit");
	}

	@Test
	void aRowWrittenAfterTheCallersCommitThatCannotBeCommittedLetsNothingRun() {
		Recording callers = new Recording("caller's", false);
		callers.commitFailure = new SQLException("connection lost");
		TransactionSynchronizationManager.bindResource(this.pool, new ConnectionHolder(callers.connection));
		inTransaction();
		Commit commit = this.commits.store(() -> this.done.add("write"));
		commit.then(() -> this.done.add("after commit"));
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(this.done).containsExactly("write");
	}

	@Test
	void aRowCommittedOnItsOwnSaysSoAndOneInTheCallersTransactionDoesNot() {
		assertThat(this.commits.store(() -> this.done.add("write")).isOnItsOwn()).isTrue();
		inTransaction();
		assertThat(this.commits.store(() -> this.done.add("write")).isOnItsOwn()).isFalse();
	}

	@Test
	void theRowsATransactionHoldsWakeTheSchedulerOnceForThemAllAsItCommits() {
		Scheduler scheduler = mock(Scheduler.class);
		inTransaction();
		for (int i = 0; i < 5; i++) {
			Commit commit = this.commits.hold(scheduler, "Mailer.send", row(i), null, null);
			assertThat(commit).isNotNull();
			assertThat(commit.isOnItsOwn()).isFalse();
			int call = i;
			commit.then(() -> this.done.add("counted " + call));
		}
		synchronizations().forEach((synchronization) -> synchronization.beforeCommit(false));
		verify(scheduler).scheduleBatch(anyList());
		verify(scheduler, never()).triggerCheckForDueExecutions();
		synchronizations()
			.forEach((synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(this.done).containsExactly("counted 0", "counted 1", "counted 2", "counted 3", "counted 4");
		verify(scheduler, times(1)).triggerCheckForDueExecutions();
	}

	@Test
	void theRowsOfATransactionThatRollsBackWakeNobody() {
		Scheduler scheduler = mock(Scheduler.class);
		inTransaction();
		Commit commit = this.commits.hold(scheduler, "Mailer.send", row(0), null, null);
		assertThat(commit).isNotNull();
		commit.then(() -> this.done.add("counted"));
		synchronizations().forEach(
				(synchronization) -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
		assertThat(this.done).isEmpty();
		verify(scheduler, never()).triggerCheckForDueExecutions();
	}

	private static SchedulableInstance<?> row(int call) {
		return SchedulableInstance.of(new TaskInstance<>("threadmethod-call", "call-" + call), Instant.now());
	}

	private static void inTransaction() {
		TransactionSynchronizationManager.initSynchronization();
		TransactionSynchronizationManager.setActualTransactionActive(true);
	}

	private static List<TransactionSynchronization> synchronizations() {
		return TransactionSynchronizationManager.getSynchronizations();
	}

	private static String boundConnection(Object key) {
		Object holder = TransactionSynchronizationManager.getResource(key);
		return (holder instanceof ConnectionHolder connectionHolder) ? connectionHolder.getConnection().toString()
				: "none";
	}

	/**
	 * A {@code DataSource} that hands out one connection, or fails.
	 */
	private static final class Pool extends AbstractDataSource {

		private final @Nullable Recording connection;

		@Nullable SQLException failure;

		Pool(@Nullable Recording connection) {
			this.connection = connection;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.connection.connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

	/**
	 * A connection that records its commits, rollbacks and closing.
	 */
	private static final class Recording implements InvocationHandler {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final Connection connection;

		private final String name;

		private final boolean autoCommit;

		@Nullable SQLException commitFailure;

		@Nullable SQLException rollbackFailure;

		Recording(String name, boolean autoCommit) {
			this.name = name;
			this.autoCommit = autoCommit;
			this.connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, this);
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] arguments) throws Throwable {
			return switch (method.getName()) {
				case "getAutoCommit" -> this.autoCommit;
				case "commit" -> record("commit", this.commitFailure);
				case "rollback" -> record("rollback", this.rollbackFailure);
				case "close" -> record("close", null);
				case "isClosed" -> false;
				case "toString" -> this.name;
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> proxy == arguments[0];
				default -> throw new UnsupportedOperationException(method.getName());
			};
		}

		private @Nullable Object record(String call, @Nullable SQLException failure) throws SQLException {
			this.calls.add(call);
			if (failure != null) {
				throw failure;
			}
			return null;
		}

	}

}

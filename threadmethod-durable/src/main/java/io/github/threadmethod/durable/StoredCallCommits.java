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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the row of a stored call commit, and tells when it has: with the caller's
 * transaction when the call is made inside one that is still to commit, else on a
 * connection of its own, committed at once. db-scheduler's client writes on the
 * connection that Spring has bound to the scheduler's {@code DataSource} (the starter
 * makes it transaction-aware) and never commits one whose auto-commit is off, so without
 * this a call made outside a transaction on such a pool
 * ({@code spring.datasource.hikari.auto-commit=false}) would be rolled back when its
 * connection went back to the pool, and one made once the caller's transaction is over
 * would join a connection that nothing commits any more.
 *
 * <ul>
 * <li><b>Inside the caller's transaction</b> (synchronization and an actual transaction
 * active): the row is written on the transaction's connection, and is committed when the
 * transaction commits; never if it rolls back. A call {@linkplain #hold held} is written
 * with the transaction's other calls as it commits, by {@link TransactionRows}; one
 * {@linkplain #store stored} is written at once.</li>
 * <li><b>Anywhere else</b>, the caller's {@code afterCompletion} callbacks among them
 * (where {@code @TransactionalEventListener(phase = AFTER_COMMIT)} runs): the connection
 * bound to the {@code DataSource}, if any, is set aside, and the row is written on a
 * connection of its own, committed at once if its auto-commit is off.</li>
 * <li><b>In the caller's {@code afterCommit} callbacks</b>, which look like the inside of
 * the transaction but come after its commit: the row joins the transaction's connection,
 * and is committed there as the transaction completes, if its auto-commit is off (with
 * whatever else was written on it since the commit, which Spring would otherwise leave to
 * the connection's clean-up).</li>
 * </ul>
 *
 * @author threadmethod contributors
 */
final class StoredCallCommits {

	private static final Log logger = LogFactory.getLog(StoredCallCommits.class);

	/**
	 * The commit of a row stored on a connection of its own: committed already.
	 */
	private static final Commit ON_ITS_OWN = new Commit() {

		@Override
		public void then(Runnable action) {
			action.run();
		}

		@Override
		public boolean isOnItsOwn() {
			return true;
		}

	};

	private final Supplier<DataSource> dataSource;

	/**
	 * Create the commits of rows written on the given {@code DataSource}.
	 * @param dataSource supplies the scheduler's {@code DataSource}, as given to its
	 * starter: the key of the connection Spring binds for it
	 */
	StoredCallCommits(Supplier<DataSource> dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Write a call's row with the given write, and commit it as the caller's transaction
	 * does, or at once.
	 * @param write writes the row, on the connection bound to the scheduler's
	 * {@code DataSource} while it runs
	 * @return the commit of the row, which runs what must wait for it
	 * @throws RuntimeException what the write threw, or a {@link TaskRejectedException}
	 * if the row could not be committed: it is not stored
	 */
	Commit store(Runnable write) {
		if (insideTransaction()) {
			write.run();
			CallersCommit commit = new CallersCommit(key());
			TransactionSynchronizationManager.registerSynchronization(commit);
			return commit;
		}
		storeOnItsOwn(write);
		return ON_ITS_OWN;
	}

	/**
	 * Hold a call's row to be written, with the other rows of the caller's transaction,
	 * as that transaction commits (see {@link TransactionRows}).
	 * @param scheduler the scheduler that writes the row
	 * @param taskName the call's task
	 * @param row the row
	 * @param announce run on the rows' connection once they are written, or {@code null}
	 * @param announceCommitted run once rows written after the transaction's commit (with
	 * no synchronization active, where {@code announce} cannot announce them) have
	 * committed, or {@code null}
	 * @return the commit of the row; or {@code null} if the call is not made inside a
	 * transaction whose rows are still to be written, and is to be {@link #store stored}
	 * at once
	 */
	@Nullable Commit hold(Scheduler scheduler, String taskName, SchedulableInstance<?> row, @Nullable Runnable announce,
			@Nullable Runnable announceCommitted) {
		return insideTransaction()
				? TransactionRows.hold(this, scheduler, this::key, taskName, row, announce, announceCommitted) : null;
	}

	/**
	 * Whether a call made now is made inside the caller's transaction, its row to commit
	 * with it, rather than stored on a connection of its own.
	 */
	static boolean insideTransaction() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive();
	}

	private void storeOnItsOwn(Runnable write) {
		DataSource key = key();
		Object outer = TransactionSynchronizationManager.unbindResourceIfPossible(key);
		try (Connection connection = key.getConnection()) {
			TransactionSynchronizationManager.bindResource(key, new ConnectionHolder(connection));
			try {
				write.run();
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
			catch (RuntimeException | SQLException ex) {
				rollBack(connection, ex);
				throw ex;
			}
			finally {
				TransactionSynchronizationManager.unbindResource(key);
			}
		}
		catch (SQLException ex) {
			throw new TaskRejectedException("it could not be committed in db-scheduler's table (" + ex
					+ "); nothing was stored, and nothing runs it on a thread instead", ex);
		}
		finally {
			if (outer != null) {
				TransactionSynchronizationManager.bindResource(key, outer);
			}
		}
	}

	private static void rollBack(Connection connection, Exception failure) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private DataSource key() {
		return key(this.dataSource.get());
	}

	/**
	 * The {@code DataSource} whose connections the scheduler's transaction-aware
	 * {@code DataSource} hands out, which Spring binds connections to.
	 * @param dataSource the scheduler's {@code DataSource}, as given to its starter
	 */
	static DataSource key(DataSource dataSource) {
		if (dataSource instanceof TransactionAwareDataSourceProxy proxy) {
			DataSource target = proxy.getTargetDataSource();
			if (target != null) {
				return target;
			}
		}
		return dataSource;
	}

	/**
	 * The commit of a stored call's row: runs what must wait for the row to be there for
	 * every instance to see.
	 */
	@FunctionalInterface
	interface Commit {

		/**
		 * Run the given action once the row is committed: now if it is, on the caller's
		 * thread once its transaction commits if not, and never if that rolls back.
		 */
		void then(Runnable action);

		/**
		 * Return whether the row was committed on a connection of its own, rather than
		 * with the caller's transaction: it was announced to no other instance with its
		 * row.
		 */
		default boolean isOnItsOwn() {
			return false;
		}

	}

	/**
	 * The commit of a row written inside the caller's transaction. Called on the caller's
	 * thread only.
	 */
	private static final class CallersCommit implements TransactionSynchronization, Commit {

		private final DataSource key;

		// Whether the transaction was still to commit when the row was written: a
		// synchronization registered in the transaction's afterCommit callbacks is never
		// told beforeCommit, but is told afterCompletion
		private boolean beforeCommit;

		private boolean committed;

		private @Nullable Runnable action;

		CallersCommit(DataSource key) {
			this.key = key;
		}

		@Override
		public void then(Runnable action) {
			if (this.committed) {
				action.run();
			}
			else {
				this.action = action;
			}
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			this.beforeCommit = true;
		}

		@Override
		public void afterCompletion(int status) {
			if (status != STATUS_COMMITTED) {
				return;
			}
			if (!this.beforeCommit && !commitLateRow()) {
				return;
			}
			this.committed = true;
			Runnable action = this.action;
			if (action != null) {
				action.run();
			}
		}

		/**
		 * Commit a row written after the transaction's commit, on the connection it left
		 * bound, where nothing else would commit it.
		 * @return whether the row is committed
		 */
		private boolean commitLateRow() {
			// The connection the row was written on, as the write found it bound
			if (!(TransactionSynchronizationManager.getResource(this.key) instanceof ConnectionHolder holder)) {
				return true;
			}
			try {
				Connection connection = holder.getConnection();
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
				return true;
			}
			catch (SQLException ex) {
				logger.error("A durable @FireAndForget call made after its caller's transaction had committed "
						+ "could not be committed on that transaction's connection; it is lost", ex);
				return false;
			}
		}

	}

}

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
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import io.github.threadmethod.durable.StoredCallCommits.Commit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows of the durable calls one transaction makes, held until it commits and then
 * written together, with db-scheduler's {@code scheduleBatch} (one JDBC batch), on the
 * transaction's connection, from this synchronization's {@code beforeCommit}: they commit
 * with the transaction, and never exist if it rolls back. Writing each row at its call
 * costs the caller a round trip to the database per call; a transaction that makes
 * thousands of calls spends seconds on them.
 *
 * <ul>
 * <li>A write that fails fails the commit: Spring rolls the transaction back and its
 * caller gets the {@link TaskRejectedException}, which names the tasks. Nothing was
 * stored, and nothing is counted stored.</li>
 * <li>A nested transaction shares its outer transaction's synchronizations, so its calls
 * are written with the outer commit; those made after a savepoint that is rolled back to
 * are dropped then, as the database drops what was written after it. A
 * {@code REQUIRES_NEW} transaction has synchronizations of its own: its calls are written
 * as it commits.</li>
 * <li>A call made once the rows are written (in a later synchronization's
 * {@code beforeCommit} or {@code beforeCompletion}, or in an {@code afterCommit}
 * callback) is not held: {@link StoredCallCommits} writes it at once, as it does outside
 * a transaction's body.</li>
 * <li>Rows held by an instance registered too late to be told {@code beforeCommit} (its
 * first call made in another synchronization's {@code beforeCommit} or later, which
 * Spring's loop over the synchronizations has passed) are written once the transaction
 * has committed, on its connection, and committed there at once; if it rolled back,
 * never. No synchronization is active by then, so they cannot be announced with their
 * rows: they are announced to the other instances once committed, as the calls stored on
 * a connection of their own are. A failure there can no longer fail the commit: it is
 * logged, naming the tasks, and the calls are neither announced nor counted stored.</li>
 * </ul>
 * What each row's {@link Commit} runs (counting the call stored) runs once the
 * transaction has committed, on the caller's thread; then this instance's scheduler is
 * woken, once for all the rows.
 *
 * @author threadmethod contributors
 */
final class TransactionRows implements TransactionSynchronization {

	private static final Log logger = LogFactory.getLog(TransactionRows.class);

	private final Object owner;

	private final Scheduler scheduler;

	private final Supplier<DataSource> key;

	private final List<Row> rows = new ArrayList<>();

	// How many rows were held when each savepoint seen was made
	private @Nullable Map<Object, Integer> savepoints;

	// Whether the rows are written: from then on, no row is held
	private boolean written;

	// Run on the rows' connection once they are written: the wake-up of the other
	// instances, which commits with them
	private final @Nullable Runnable announce;

	// Run once rows written after the transaction's commit have committed: the
	// wake-up of the other instances, which cannot commit with them
	private final @Nullable Runnable announceCommitted;

	private TransactionRows(Object owner, Scheduler scheduler, Supplier<DataSource> key, @Nullable Runnable announce,
			@Nullable Runnable announceCommitted) {
		this.owner = owner;
		this.scheduler = scheduler;
		this.key = key;
		this.announce = announce;
		this.announceCommitted = announceCommitted;
	}

	/**
	 * Hold a call's row to be written with the other rows of the transaction active on
	 * this thread, which must be one that synchronizes.
	 * @param owner what the rows are held for: one instance of this class per owner and
	 * transaction
	 * @param scheduler the scheduler that writes the rows
	 * @param key supplies the {@code DataSource} Spring binds the transaction's
	 * connection to, if the rows are written after the commit
	 * @param taskName the call's task, to name it if the rows cannot be written
	 * @param row the row
	 * @param announce run on the rows' connection once they are written, or {@code null}
	 * @param announceCommitted run once rows written after the transaction's commit have
	 * committed, or {@code null}
	 * @return the commit of the row; or {@code null} if this transaction's rows are
	 * written already, and the row is not held
	 */
	static @Nullable Commit hold(Object owner, Scheduler scheduler, Supplier<DataSource> key, String taskName,
			SchedulableInstance<?> row, @Nullable Runnable announce, @Nullable Runnable announceCommitted) {
		TransactionRows rows = null;
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof TransactionRows held && held.owner == owner) {
				rows = held;
				break;
			}
		}
		if (rows == null) {
			rows = new TransactionRows(owner, scheduler, key, announce, announceCommitted);
			TransactionSynchronizationManager.registerSynchronization(rows);
		}
		else if (rows.written) {
			return null;
		}
		Row held = new Row(taskName, row);
		rows.rows.add(held);
		return held;
	}

	@Override
	public void savepoint(Object savepoint) {
		if (this.savepoints == null) {
			this.savepoints = new IdentityHashMap<>(4);
		}
		this.savepoints.put(savepoint, this.rows.size());
	}

	@Override
	public void savepointRollback(Object savepoint) {
		// A savepoint not seen was made before this transaction's first call: every row
		// came after it
		Integer made = (this.savepoints != null) ? this.savepoints.remove(savepoint) : null;
		this.rows.subList((made != null) ? made : 0, this.rows.size()).clear();
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		this.written = true;
		if (this.rows.isEmpty()) {
			return;
		}
		try {
			write();
		}
		catch (RuntimeException ex) {
			throw new TaskRejectedException("The durable @FireAndForget calls made in this transaction (" + describe()
					+ ") could not be stored in db-scheduler's table as it committed ("
					+ NestedExceptionUtils.getMostSpecificCause(ex)
					+ "); the transaction is rolled back, none of them was stored, and nothing runs them "
					+ "on a thread instead", ex);
		}
	}

	@Override
	public void afterCompletion(int status) {
		if (status != STATUS_COMMITTED || this.rows.isEmpty()) {
			return;
		}
		if (!this.written) {
			if (!writeLate()) {
				return;
			}
			announceCommitted();
		}
		for (Row row : this.rows) {
			try {
				row.committed();
			}
			catch (RuntimeException ex) {
				// One call's bookkeeping does not keep the others' from being done
				logger.error("Counting a durable @FireAndForget call of " + row.taskName + " as stored failed", ex);
			}
		}
		// Once for the rows: the scheduler's look finds them all
		try {
			this.scheduler.triggerCheckForDueExecutions();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not wake the scheduler for the durable @FireAndForget calls of a transaction; it finds "
					+ "them at its next poll", ex);
		}
	}

	private void write() {
		List<SchedulableInstance<?>> instances = new ArrayList<>(this.rows.size());
		for (Row row : this.rows) {
			instances.add(row.instance);
		}
		this.scheduler.scheduleBatch(instances);
		if (this.announce != null) {
			this.announce.run();
		}
	}

	/**
	 * Write and commit the rows of a transaction that has committed without this
	 * synchronization being told {@code beforeCommit}, on the connection it left bound,
	 * where nothing else would commit them.
	 * @return whether the rows are committed
	 */
	private boolean writeLate() {
		this.written = true;
		// The connection the rows are written on, as the write finds it bound
		Connection connection = (TransactionSynchronizationManager
			.getResource(this.key.get()) instanceof ConnectionHolder holder) ? holder.getConnection() : null;
		try {
			write();
			if (connection != null && !connection.getAutoCommit()) {
				connection.commit();
			}
			return true;
		}
		catch (RuntimeException | SQLException ex) {
			// Not left for the connection's clean-up to commit with its auto-commit
			rollBack(connection, ex);
			logger.error(
					"The durable @FireAndForget calls made after their caller's transaction had started to "
							+ "commit (" + describe() + ") could not be stored in db-scheduler's table; they are lost",
					ex);
			return false;
		}
	}

	/**
	 * Announce rows written late once they have committed: the announcement made as they
	 * were written did nothing, outside a transaction that synchronizes.
	 */
	private void announceCommitted() {
		if (this.announceCommitted == null) {
			return;
		}
		try {
			this.announceCommitted.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell the other instances of the durable @FireAndForget calls made after their "
					+ "caller's transaction had started to commit; they find them at their next poll", ex);
		}
	}

	private static void rollBack(@Nullable Connection connection, Exception failure) {
		try {
			if (connection != null && !connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * Describe the held calls by task, such as {@code 2 calls of Mailer.send}.
	 */
	private String describe() {
		Map<String, Long> byTask = this.rows.stream()
			.collect(Collectors.groupingBy((row) -> row.taskName, TreeMap::new, Collectors.counting()));
		return byTask.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + ((entry.getValue() == 1) ? " call of " : " calls of ") + entry.getKey())
			.collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return "TransactionRows [" + this.rows.size() + " rows" + (this.written ? ", written" : "") + "]";
	}

	/**
	 * One held row, and what must wait for its commit.
	 */
	private static final class Row implements Commit {

		private final String taskName;

		private final SchedulableInstance<?> instance;

		private @Nullable Runnable action;

		private boolean committed;

		Row(String taskName, SchedulableInstance<?> instance) {
			this.taskName = taskName;
			this.instance = instance;
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

		void committed() {
			this.committed = true;
			Runnable action = this.action;
			if (action != null) {
				this.action = null;
				action.run();
			}
		}

	}

}

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

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The wake-ups of the instances that share db-scheduler's table on PostgreSQL: a stored
 * call is announced with {@code NOTIFY}, delivered only once its row has committed, so
 * that every instance's {@link WakeUpListener} wakes its scheduler at once instead of
 * waiting for its next poll. A call stored in the caller's transaction is announced on
 * the transaction's connection, as the transaction commits, once however many calls it
 * stores; one stored outside a transaction, on a connection of its own (or written only
 * after its transaction has committed), is announced after its commit by
 * {@link WakeUpSender}, off the caller's thread, once for the calls committed close
 * together.
 *
 * <p>
 * The channel is named after the table, so that applications sharing a database with
 * tables of their own do not wake each other. Nothing is sent until a listener has found
 * that the database takes {@code LISTEN} (PostgreSQL; not another database that speaks
 * its protocol, nor any other database, which keep polling).
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class PostgresWakeUps {

	private static final Log logger = LogFactory.getLog(PostgresWakeUps.class);

	// PostgreSQL's longest identifier, in bytes
	private static final int MAX_CHANNEL_BYTES = 63;

	private final Supplier<DataSource> dataSource;

	private final String channel;

	private final String notify;

	private final String listen;

	private volatile boolean supported;

	/**
	 * Create the wake-ups of the instances that share the given table.
	 * @param dataSource supplies the {@code DataSource} of db-scheduler's table, as its
	 * starter is given it
	 * @param tableName the name of db-scheduler's table
	 */
	public PostgresWakeUps(Supplier<DataSource> dataSource, String tableName) {
		this.dataSource = dataSource;
		this.channel = channel(tableName);
		String quoted = "\"" + this.channel.replace("\"", "\"\"") + "\"";
		this.notify = "NOTIFY " + quoted;
		this.listen = "LISTEN " + quoted;
	}

	/**
	 * The channel of the given table: unquoted names are folded to lower case in
	 * PostgreSQL, so {@code SCHEDULED_TASKS} and {@code scheduled_tasks} are one table
	 * and one channel; a name too long for an identifier is shortened, with a checksum of
	 * the whole name to keep tables apart.
	 */
	static String channel(String tableName) {
		String channel = "threadmethod " + tableName.toLowerCase(Locale.ROOT);
		if (channel.getBytes(StandardCharsets.UTF_8).length <= MAX_CHANNEL_BYTES) {
			return channel;
		}
		CRC32 checksum = new CRC32();
		checksum.update(channel.getBytes(StandardCharsets.UTF_8));
		String suffix = " " + HexFormat.of().toHexDigits((int) checksum.getValue());
		StringBuilder shortened = new StringBuilder();
		for (int at = 0; at < channel.length();) {
			int codePoint = channel.codePointAt(at);
			String next = new StringBuilder(shortened).appendCodePoint(codePoint).append(suffix).toString();
			if (next.getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL_BYTES) {
				break;
			}
			shortened.appendCodePoint(codePoint);
			at += Character.charCount(codePoint);
		}
		return shortened + suffix;
	}

	/**
	 * Return the channel the instances of this table listen on.
	 */
	String getChannel() {
		return this.channel;
	}

	/**
	 * Announce a call stored in the caller's transaction to every instance, on the
	 * connection its row was just written on: the one bound to the scheduler's
	 * {@code DataSource}, so that the announcement commits with the row, and never
	 * reaches anyone if it rolls back. Does nothing before a listener has found that the
	 * database takes it, nor a second time in one transaction, nor outside a transaction
	 * that synchronizes: a call stored on a connection of its own, or written once its
	 * transaction has committed and Spring has cleared its synchronizations (see
	 * {@link TransactionRows}), is announced after its commit, by {@link WakeUpSender}.
	 * @throws TaskRejectedException if the announcement fails in a transaction still to
	 * commit, which PostgreSQL then rolls back: the call is not stored
	 */
	void send() {
		if (!this.supported || !StoredCallCommits.insideTransaction()) {
			return;
		}
		DataSource key = StoredCallCommits.key(this.dataSource.get());
		Connection connection = DataSourceUtils.getConnection(key);
		try {
			if (sentInThisTransaction(connection)) {
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.notify);
			}
		}
		catch (SQLException ex) {
			failed(connection, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, key);
		}
	}

	/**
	 * Announce the calls committed so far to every instance, on a connection of its own
	 * borrowed from the pool, committed at once: for {@link WakeUpSender}, off the
	 * callers' threads. Does nothing before a listener has found that the database takes
	 * it.
	 * @throws SQLException if no connection could be had or the announcement failed: the
	 * calls are stored all the same, and found at the other instances' next poll
	 */
	void sendOnItsOwn() throws SQLException {
		if (!this.supported) {
			return;
		}
		try (Connection connection = StoredCallCommits.key(this.dataSource.get()).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(this.notify);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
	}

	/**
	 * Return whether a listener has found that the database takes announcements.
	 */
	boolean isSupported() {
		return this.supported;
	}

	/**
	 * Whether this transaction has announced a call already: PostgreSQL would fold a
	 * second announcement into the first anyway, this spares its round trip. Keyed by the
	 * transaction's connection, so that a transaction that suspends this one announces
	 * its own calls, and forgotten before the commit, so that a row written on the
	 * connection after it (in the transaction's {@code afterCommit} callbacks) is
	 * announced too.
	 */
	private static boolean sentInThisTransaction(Connection connection) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		Sent sent = new Sent(connection);
		if (TransactionSynchronizationManager.hasResource(sent)) {
			return true;
		}
		TransactionSynchronizationManager.bindResource(sent, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCompletion() {
				TransactionSynchronizationManager.unbindResourceIfPossible(sent);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(sent);
			}

		});
		return false;
	}

	private static void failed(Connection connection, SQLException ex) {
		boolean committed;
		try {
			committed = connection.getAutoCommit();
		}
		catch (SQLException notKnown) {
			committed = false;
		}
		if (committed) {
			// The row is in the table already: the other instances find it at their
			// next poll
			logger.warn("A durable @FireAndForget call is stored, but the other instances could not be told of it ("
					+ ex + "); they find it at their next poll");
			return;
		}
		throw new TaskRejectedException("the other instances could not be told of it (" + ex
				+ "), and PostgreSQL rolls back the transaction it was written in; nothing was stored, and nothing "
				+ "runs it on a thread instead", ex);
	}

	/**
	 * Open a connection that listens on the channel, if the database takes it: from the
	 * scheduler's {@code DataSource}, in auto-commit, since {@code LISTEN} takes effect
	 * when its transaction commits and notifications arrive only between transactions.
	 * From the first such connection on, calls are announced.
	 * @return the listening connection, or {@code null} if the database is not PostgreSQL
	 * or refuses {@code LISTEN}
	 * @throws SQLException if the database cannot be reached, or the connection fails
	 */
	@Nullable Connection listen() throws SQLException {
		Connection connection = StoredCallCommits.key(this.dataSource.get()).getConnection();
		try {
			if (!connection.isWrapperFor(PGConnection.class)) {
				connection.close();
				logger.debug("db-scheduler's database is not PostgreSQL: other instances find durable calls at "
						+ "their next poll");
				return null;
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.listen);
			}
			catch (SQLException ex) {
				if (!isRefused(ex)) {
					throw ex;
				}
				connection.close();
				logger.info("db-scheduler's database does not take LISTEN (" + ex.getMessage()
						+ "): other instances find durable calls at their next poll");
				return null;
			}
			this.supported = true;
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			close(connection, ex);
			throw ex;
		}
	}

	/**
	 * Whether the database refused the statement itself (a feature it lacks, as databases
	 * that speak PostgreSQL's protocol do), rather than failed to run it.
	 */
	private static boolean isRefused(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("0A") || state.startsWith("42"));
	}

	private static void close(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public String toString() {
		return "PostgresWakeUps [" + this.channel + "]";
	}

	/**
	 * The mark of a transaction that has announced its calls, by its connection.
	 */
	private record Sent(Connection connection) {

	}

}

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
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens for the {@link PostgresWakeUps} of the instances that share db-scheduler's
 * table, and wakes this instance's scheduler on each, so that an idle instance starts a
 * call stored elsewhere at once rather than at its next poll. It holds one connection of
 * the scheduler's pool, in {@code LISTEN}, and waits for notifications on a daemon thread
 * of its own.
 *
 * <p>
 * A listener that loses its connection says so once, at {@code WARN}, and connects again,
 * waiting longer after each failure, up to {@link #MAX_BACKOFF}; meanwhile the scheduler
 * polls as it always does. Once listening again it says so, at {@code INFO}, and wakes
 * the scheduler once, for the calls announced while it was not listening. Where the
 * database is not PostgreSQL, or refuses {@code LISTEN}, it does nothing.
 *
 * <p>
 * Started last with the context (db-scheduler's starter starts the scheduler once the
 * context is refreshed; a wake-up before that is kept for its first look) and stopped
 * first, before the scheduler is paused; stopping lets the thread give its connection
 * back to the pool, which takes up to {@link #WAIT_FOR_NOTIFICATIONS}, and waits no
 * longer than {@link #STOP_WITHIN}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class WakeUpListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WakeUpListener.class);

	/**
	 * How long the listening thread waits for notifications before it looks whether it is
	 * stopped.
	 */
	static final Duration WAIT_FOR_NOTIFICATIONS = Duration.ofMillis(500);

	/**
	 * The longest a stop waits for the listening thread to give its connection back
	 * before the context goes on: it does within {@link #WAIT_FOR_NOTIFICATIONS} unless
	 * it is connecting again.
	 */
	static final Duration STOP_WITHIN = Duration.ofSeconds(1);

	/**
	 * How long the connection may stay silent before it is checked: a connection whose
	 * network is gone would otherwise wait for notifications that never come.
	 */
	static final Duration CHECK_AFTER = Duration.ofSeconds(30);

	/**
	 * The wait before the first attempt to connect again.
	 */
	static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	/**
	 * The longest wait between two attempts to connect again.
	 */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final int VALID_WITHIN_SECONDS = 5;

	private final PostgresWakeUps wakeUps;

	private final Runnable wakeUp;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	// Completed when the listening thread has given its connection back
	private volatile CompletableFuture<Void> givenBack = CompletableFuture.completedFuture(null);

	private volatile int backendPid;

	/**
	 * Create a listener that wakes a scheduler.
	 * @param wakeUps the wake-ups of the instances that share the table
	 * @param wakeUp wakes this instance's scheduler: its
	 * {@code triggerCheckForDueExecutions}
	 */
	public WakeUpListener(PostgresWakeUps wakeUps, Runnable wakeUp) {
		this.wakeUps = wakeUps;
		this.wakeUp = wakeUp;
	}

	/**
	 * Listen, if the database takes it: the connection is opened here, once, so that
	 * calls are announced from the start; a database that cannot be reached is tried
	 * again on the listening thread.
	 */
	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Connection connection = null;
		try {
			connection = this.wakeUps.listen();
			if (connection == null) {
				return;
			}
			listening(connection);
		}
		catch (SQLException ex) {
			lost(ex);
		}
		CompletableFuture<Void> givenBack = new CompletableFuture<>();
		Thread listening = new Thread(listenOn(connection, givenBack), "threadmethod-wake-ups");
		listening.setDaemon(true);
		this.givenBack = givenBack;
		this.thread = listening;
		listening.start();
	}

	private Runnable listenOn(@Nullable Connection first, CompletableFuture<Void> givenBack) {
		return () -> {
			try {
				listen(first);
			}
			finally {
				this.backendPid = 0;
				givenBack.complete(null);
			}
		};
	}

	private void listen(@Nullable Connection first) {
		Connection connection = first;
		Duration backoff = FIRST_BACKOFF;
		while (isCurrent()) {
			if (connection == null) {
				LockSupport.parkNanos(backoff.toNanos());
				if (!isCurrent()) {
					return;
				}
				connection = connect();
				if (connection == null) {
					backoff = (backoff.multipliedBy(2).compareTo(MAX_BACKOFF) < 0) ? backoff.multipliedBy(2)
							: MAX_BACKOFF;
					continue;
				}
				backoff = FIRST_BACKOFF;
				logger.info("Listening again for durable @FireAndForget calls stored by other instances");
				// Calls may have been announced while nobody listened
				wake();
			}
			try {
				waitForNotifications(connection);
			}
			catch (SQLException ex) {
				discard(connection);
				connection = null;
				this.backendPid = 0;
				if (isCurrent()) {
					lost(ex);
				}
			}
		}
		if (connection != null) {
			giveBack(connection);
		}
	}

	private @Nullable Connection connect() {
		try {
			Connection connection = this.wakeUps.listen();
			if (connection == null) {
				// Not the database it was: nothing to listen to any more
				this.thread = null;
				return null;
			}
			listening(connection);
			return connection;
		}
		catch (SQLException ex) {
			logger.debug("Could not listen again for durable @FireAndForget calls stored by other instances", ex);
			return null;
		}
	}

	private void listening(Connection connection) {
		try {
			this.backendPid = connection.unwrap(PGConnection.class).getBackendPID();
		}
		catch (SQLException ex) {
			this.backendPid = 0;
		}
	}

	private void waitForNotifications(Connection connection) throws SQLException {
		PGConnection listening = connection.unwrap(PGConnection.class);
		long silentSince = System.nanoTime();
		while (isCurrent()) {
			PGNotification[] notifications = listening.getNotifications((int) WAIT_FOR_NOTIFICATIONS.toMillis());
			if (notifications != null && notifications.length > 0) {
				if (isCurrent()) {
					wake();
				}
				silentSince = System.nanoTime();
			}
			else if (System.nanoTime() - silentSince > CHECK_AFTER.toNanos()) {
				if (!connection.isValid(VALID_WITHIN_SECONDS)) {
					throw new SQLException("The listening connection is no longer valid");
				}
				silentSince = System.nanoTime();
			}
		}
	}

	/**
	 * Whether the calling thread is the one that listens: one left over from before a
	 * stop, within its last wait, is not.
	 */
	private boolean isCurrent() {
		return this.running && this.thread == Thread.currentThread();
	}

	private void wake() {
		try {
			this.wakeUp.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not wake the scheduler for a durable @FireAndForget call stored by another instance; "
					+ "it finds it at its next poll", ex);
		}
	}

	private void lost(SQLException ex) {
		logger.warn("Not listening for durable @FireAndForget calls stored by other instances (" + ex.getMessage()
				+ "); connecting again, meanwhile this instance finds them at its next poll");
	}

	/**
	 * Give the listening connection back to the pool, listening no more: a pooled
	 * connection left listening would gather the notifications of every call for whatever
	 * borrows it next.
	 */
	private static void giveBack(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("UNLISTEN *");
		}
		catch (SQLException ex) {
			discard(connection);
			return;
		}
		close(connection);
	}

	/**
	 * Give a lost connection back so that the pool drops it: a statement through the
	 * pool's connection fails with a connection error, which pools (HikariCP among them)
	 * take as the sign to close it rather than lend it again. Bounded in time, for a
	 * connection whose network is gone.
	 */
	private static void discard(Connection connection) {
		try {
			connection.setNetworkTimeout(Runnable::run, (int) WAIT_FOR_NOTIFICATIONS.multipliedBy(5).toMillis());
			try (Statement statement = connection.createStatement()) {
				statement.execute("UNLISTEN *");
			}
		}
		catch (SQLException | RuntimeException ex) {
			// Broken, as expected: the pool drops it
		}
		close(connection);
	}

	private static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// Lost already: nothing to give back
		}
	}

	/**
	 * Stop waking the scheduler, at once, and tell the context once the listening thread
	 * has given its connection back (before the pool closes, which would otherwise log
	 * the connection as broken), or after {@link #STOP_WITHIN} at most.
	 */
	@Override
	public void stop(Runnable callback) {
		CompletableFuture<Void> givenBack = this.givenBack;
		stop();
		givenBack.completeOnTimeout(null, STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> callback.run());
	}

	/**
	 * Stop waking the scheduler, at once; the listening thread gives its connection back
	 * within {@link #WAIT_FOR_NOTIFICATIONS}.
	 */
	@Override
	public void stop() {
		this.running = false;
		Thread listening = this.thread;
		if (listening != null) {
			// Out of a wait before connecting again
			LockSupport.unpark(listening);
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return whether a connection listens now.
	 */
	boolean isListening() {
		return this.backendPid != 0;
	}

	/**
	 * Return the process id of the listening connection's backend, or {@code 0} when none
	 * listens.
	 */
	int getBackendPid() {
		return this.backendPid;
	}

	@Override
	public String toString() {
		return "WakeUpListener [" + this.wakeUps.getChannel() + "]";
	}

}

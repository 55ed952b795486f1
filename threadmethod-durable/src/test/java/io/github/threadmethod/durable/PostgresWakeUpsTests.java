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

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PostgresWakeUps} against databases that answer what a real PostgreSQL
 * does not: a database of another kind, one that speaks PostgreSQL's protocol but refuses
 * {@code LISTEN}, and statements that fail. The wake-ups on a real PostgreSQL are tested
 * by {@link DurableWakeUpOnPostgreSqlTests}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresWakeUpsTests {

	private static final String LISTEN = "LISTEN \"threadmethod scheduled_tasks\"";

	private static final String NOTIFY = "NOTIFY \"threadmethod scheduled_tasks\"";

	@Test
	void aDatabaseOfAnotherKindIsNotListenedToAndItsConnectionIsGivenBack() throws SQLException {
		Database database = new Database(false, (sql) -> null);
		PostgresWakeUps wakeUps = new PostgresWakeUps(() -> database, "scheduled_tasks");
		assertThat(wakeUps.listen()).isNull();
		assertThat(wakeUps.isSupported()).isFalse();
		assertThat(database.statements).isEmpty();
		assertThat(database.closed).isOne();
	}

	@Test
	void aDatabaseThatSpeaksPostgreSqlButRefusesListenIsPolledSayingSo(CapturedOutput output) throws SQLException {
		Database database = new Database(true, (sql) -> new SQLException("LISTEN is not supported", "0A000"));
		PostgresWakeUps wakeUps = new PostgresWakeUps(() -> database, "scheduled_tasks");
		assertThat(wakeUps.listen()).isNull();
		assertThat(wakeUps.isSupported()).isFalse();
		assertThat(database.statements).containsExactly(LISTEN);
		assertThat(database.closed).isOne();
		assertThat(output).contains("db-scheduler's database does not take LISTEN (LISTEN is not supported)");
	}

	@Test
	void aListenThatFailsOtherwiseIsThrownAndItsConnectionIsGivenBack() {
		Database database = new Database(true, (sql) -> new SQLException("connection reset", "08006"));
		PostgresWakeUps wakeUps = new PostgresWakeUps(() -> database, "scheduled_tasks");
		assertThatExceptionOfType(SQLException.class).isThrownBy(wakeUps::listen).withMessage("connection reset");
		assertThat(wakeUps.isSupported()).isFalse();
		assertThat(database.closed).isOne();
	}

	@Test
	void aTransactionAnnouncesItsCallsOnceAndTheNextAnnouncesItsOwn() throws SQLException {
		Database database = new Database(true, (sql) -> null);
		PostgresWakeUps wakeUps = listening(database);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
		transaction.executeWithoutResult((status) -> {
			wakeUps.send();
			wakeUps.send();
		});
		assertThat(database.statements).containsExactly(LISTEN, NOTIFY);
		transaction.executeWithoutResult((status) -> wakeUps.send());
		assertThat(database.statements).containsExactly(LISTEN, NOTIFY, NOTIFY);
	}

	@Test
	void aCallStoredAfterItsTransactionCommittedIsAnnouncedToo() throws SQLException {
		Database database = new Database(true, (sql) -> null);
		PostgresWakeUps wakeUps = listening(database);
		new TransactionTemplate(new DataSourceTransactionManager(database)).executeWithoutResult((status) -> {
			wakeUps.send();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					wakeUps.send();
				}

			});
		});
		assertThat(database.statements).containsExactly(LISTEN, NOTIFY, NOTIFY);
	}

	@Test
	void anAnnouncementThatFailsInATransactionStillToCommitRejectsTheCall() throws SQLException {
		Database database = new Database(true,
				(sql) -> sql.startsWith("NOTIFY") ? new SQLException("too many notifications", "54000") : null);
		PostgresWakeUps wakeUps = listening(database);
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> new TransactionTemplate(new DataSourceTransactionManager(database))
				.executeWithoutResult((status) -> wakeUps.send()))
			.withMessageContaining("PostgreSQL rolls back the transaction it was written in; nothing was stored");
	}

	@Test
	void anAnnouncementThatFailsOnAConnectionThatCommittedItsRowIsOnlyWarnedOf(CapturedOutput output)
			throws SQLException {
		Database database = new Database(true,
				(sql) -> sql.startsWith("NOTIFY") ? new SQLException("too many notifications", "54000") : null);
		PostgresWakeUps wakeUps = listening(database);
		// A transaction that synchronizes without holding the connection in a
		// transaction of its own (JTA, or a transaction manager of another resource)
		TransactionSynchronizationManager.initSynchronization();
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			wakeUps.send();
		}
		finally {
			TransactionSynchronizationManager.clear();
			List.copyOf(TransactionSynchronizationManager.getResourceMap().keySet())
				.forEach(TransactionSynchronizationManager::unbindResource);
		}
		assertThat(output).contains("A durable @FireAndForget call is stored, but the other instances could not be "
				+ "told of it (java.sql.SQLException: too many notifications); they find it at their next poll");
	}

	@Test
	void nothingIsAnnouncedBeforeTheDatabaseIsKnownToTakeIt() {
		Database database = new Database(true, (sql) -> null);
		PostgresWakeUps wakeUps = new PostgresWakeUps(() -> database, "scheduled_tasks");
		new TransactionTemplate(new DataSourceTransactionManager(database))
			.executeWithoutResult((status) -> wakeUps.send());
		assertThat(database.statements).isEmpty();
	}

	private static PostgresWakeUps listening(Database database) throws SQLException {
		PostgresWakeUps wakeUps = new PostgresWakeUps(() -> database, "scheduled_tasks");
		assertThat(wakeUps.listen()).isNotNull();
		assertThat(wakeUps.isSupported()).isTrue();
		return wakeUps;
	}

	/**
	 * A database whose connections record the statements run on them, and fail those the
	 * given function has a failure for.
	 */
	private static final class Database extends AbstractDataSource {

		final List<String> statements = new CopyOnWriteArrayList<>();

		private final boolean postgreSql;

		private final Function<String, @Nullable SQLException> failures;

		int closed;

		Database(boolean postgreSql, Function<String, @Nullable SQLException> failures) {
			this.postgreSql = postgreSql;
			this.failures = failures;
		}

		@Override
		public Connection getConnection() {
			boolean[] autoCommit = { true };
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class, PGConnection.class }, (proxy, method, arguments) -> {
						switch (method.getName()) {
							case "isWrapperFor":
								return this.postgreSql && arguments[0] == PGConnection.class;
							case "createStatement":
								return statement();
							case "getAutoCommit":
								return autoCommit[0];
							case "setAutoCommit":
								autoCommit[0] = (boolean) arguments[0];
								return null;
							case "close":
								this.closed++;
								return null;
							case "equals":
								return proxy == arguments[0];
							case "hashCode":
								return System.identityHashCode(proxy);
							default:
								return defaultValue(method);
						}
					});
		}

		@Override
		public Connection getConnection(String username, String password) {
			return getConnection();
		}

		private Statement statement() {
			return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Statement.class },
					(proxy, method, arguments) -> {
						if (method.getName().equals("execute")) {
							String sql = (String) arguments[0];
							this.statements.add(sql);
							SQLException failure = this.failures.apply(sql);
							if (failure != null) {
								throw failure;
							}
							return false;
						}
						return defaultValue(method);
					});
		}

		private static @Nullable Object defaultValue(Method method) {
			Class<?> type = method.getReturnType();
			if (type == boolean.class) {
				return false;
			}
			if (type == int.class) {
				return 0;
			}
			if (type == long.class) {
				return 0L;
			}
			return null;
		}

	}

}

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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A {@code DataSource} that records, by thread, each statement run on its connections and
 * each commit: what a thread spends in round trips to the database. A statement may be
 * held before it runs, until the test lets it go.
 *
 * @author threadmethod contributors
 */
final class RecordingDataSource extends DelegatingDataSource {

	/**
	 * What a commit is recorded as.
	 */
	static final String COMMIT = "commit";

	private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

	private volatile @Nullable Hold hold;

	RecordingDataSource(DataSource target) {
		super(target);
	}

	/**
	 * Return what the given thread ran, in order: statements as written (in lower case),
	 * and {@link #COMMIT}s.
	 */
	List<String> ranOn(Thread thread) {
		return this.recorded.stream()
			.filter((recorded) -> recorded.thread() == thread)
			.map(Recorded::statement)
			.toList();
	}

	/**
	 * Forget what was recorded so far.
	 */
	void clear() {
		this.recorded.clear();
	}

	/**
	 * Return the names of the threads that ran a statement that matches.
	 */
	List<String> threadsThatRan(Predicate<String> statement) {
		return this.recorded.stream()
			.filter((recorded) -> statement.test(recorded.statement()))
			.map((recorded) -> recorded.thread().getName())
			.toList();
	}

	/**
	 * Hold the statements that match, before they run, until released.
	 */
	Hold hold(Predicate<String> statement) {
		Hold hold = new Hold(statement);
		this.hold = hold;
		return hold;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connection(obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connection(obtainTargetDataSource().getConnection(username, password));
	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (method, arguments) -> {
			if (method.getName().equals("commit")) {
				record(COMMIT);
			}
		}, (method, arguments, result) -> {
			if (result instanceof Statement statement) {
				// The statement a prepared one runs is given as it is prepared
				String prepared = (method.getName().startsWith("prepare") && arguments != null
						&& arguments[0] instanceof String sql) ? sql : null;
				return statement(statement, prepared);
			}
			return result;
		});
	}

	private Object statement(Statement target, @Nullable String prepared) {
		Class<? extends Statement> type = (target instanceof CallableStatement) ? CallableStatement.class
				: (target instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
		return proxy(type, target, (method, arguments) -> {
			if (!method.getName().startsWith("execute")) {
				return;
			}
			if (arguments != null && arguments.length > 0 && arguments[0] instanceof String sql) {
				run(sql);
			}
			else {
				run(String.valueOf(prepared));
			}
		}, (method, arguments, result) -> result);
	}

	private void run(String sql) throws InterruptedException {
		String statement = sql.strip().toLowerCase(Locale.ROOT);
		Hold hold = this.hold;
		if (hold != null && hold.statement.test(statement)) {
			hold.reached.countDown();
			hold.released.await();
		}
		record(statement);
	}

	private void record(String statement) {
		this.recorded.add(new Recorded(Thread.currentThread(), statement));
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Object target, Before before, After after) {
		InvocationHandler handler = (proxy, method, arguments) -> {
			// Equal to itself only, as the pool's own connections are
			if (method.getName().equals("equals") && arguments != null && arguments.length == 1) {
				return proxy == arguments[0];
			}
			if (method.getName().equals("hashCode") && arguments == null) {
				return System.identityHashCode(proxy);
			}
			before.run(method, arguments);
			try {
				return after.apply(method, arguments, method.invoke(target, arguments));
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	@FunctionalInterface
	private interface Before {

		void run(Method method, Object @Nullable [] arguments) throws Exception;

	}

	@FunctionalInterface
	private interface After {

		@Nullable Object apply(Method method, Object @Nullable [] arguments, @Nullable Object result);

	}

	private record Recorded(Thread thread, String statement) {

	}

	/**
	 * Statements held before they run.
	 */
	static final class Hold {

		private final Predicate<String> statement;

		private final CountDownLatch reached = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private Hold(Predicate<String> statement) {
			this.statement = statement;
		}

		/**
		 * Wait until a statement is held.
		 * @return whether one was, within the given seconds
		 */
		boolean reached(long seconds) throws InterruptedException {
			return this.reached.await(seconds, TimeUnit.SECONDS);
		}

		void release() {
			this.released.countDown();
		}

	}

}

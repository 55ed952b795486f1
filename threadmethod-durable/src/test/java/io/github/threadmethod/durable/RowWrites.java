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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the statements that insert rows into db-scheduler's table, through a
 * {@code DataSource} that wraps the application's: each a round trip to the database,
 * with a JDBC batch counted once however many rows it holds. It can be told to make the
 * next inserts fail, as a database that refuses them would.
 *
 * @author threadmethod contributors
 */
final class RowWrites implements BeanPostProcessor {

	/**
	 * Batches of inserts executed.
	 */
	final AtomicInteger batches = new AtomicInteger();

	/**
	 * Rows added to those batches.
	 */
	final AtomicInteger batchedRows = new AtomicInteger();

	/**
	 * Inserts executed one by one.
	 */
	final AtomicInteger singleInserts = new AtomicInteger();

	/**
	 * Whether inserts fail.
	 */
	volatile boolean failing;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
			return new Counting(dataSource);
		}
		return bean;
	}

	/**
	 * Return the round trips that inserted rows, batches and single inserts alike.
	 */
	int roundTrips() {
		return this.batches.get() + this.singleInserts.get();
	}

	void reset() {
		this.batches.set(0);
		this.batchedRows.set(0);
		this.singleInserts.set(0);
		this.failing = false;
	}

	private final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connection(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return connection(super.getConnection(username, password));
		}

		private Connection connection(Connection connection) {
			return proxy(Connection.class, connection, (method, args) -> {
				Object result = method.invoke(connection, args);
				if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
						&& sql.toLowerCase(Locale.ROOT).startsWith("insert into scheduled_tasks")) {
					return statement((PreparedStatement) result);
				}
				return result;
			});
		}

		private PreparedStatement statement(PreparedStatement statement) {
			return proxy(PreparedStatement.class, statement, (method, args) -> {
				switch (method.getName()) {
					case "addBatch" -> RowWrites.this.batchedRows.incrementAndGet();
					case "executeBatch" -> {
						RowWrites.this.batches.incrementAndGet();
						failIfTold();
					}
					case "executeUpdate", "execute" -> {
						RowWrites.this.singleInserts.incrementAndGet();
						failIfTold();
					}
					default -> {
					}
				}
				return method.invoke(statement, args);
			});
		}

		private void failIfTold() throws SQLException {
			if (RowWrites.this.failing) {
				throw new SQLException("inserts refused for the test");
			}
		}

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Call call) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("unwrap") && args[0] == type) {
				return target;
			}
			try {
				return call.invoke(method, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(RowWrites.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	@FunctionalInterface
	private interface Call {

		Object invoke(Method method, Object[] args) throws Throwable;

	}

}

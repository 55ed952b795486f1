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

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Logs once at start-up, by task, how many of the stored calls waiting to run this
 * version of the application does not know (see {@link UnknownCallException}): during a
 * rolling deploy, the calls that only the other version runs. It reads at most
 * {@value #MAX_ROWS} waiting calls, with a timeout, so that a large table does not slow
 * start-up; a table that cannot be read is no reason to fail start-up here (see
 * {@link DurableTableCheck}), and is logged at {@code DEBUG} only.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class UnknownCallsReport implements SmartInitializingSingleton {

	/**
	 * The most waiting calls read.
	 */
	static final int MAX_ROWS = 1000;

	private static final int TIMEOUT_SECONDS = 5;

	private static final Log logger = LogFactory.getLog(UnknownCallsReport.class);

	private final DurableTasks tasks;

	private final StoredCallFormat format;

	private final DataSource dataSource;

	private final String sql;

	private final Duration grace;

	/**
	 * Create the report of the stored calls that the given tasks do not know.
	 * @param tasks the tasks in the durable mode
	 * @param format the format calls are stored in
	 * @param dataSource the database of db-scheduler's table
	 * @param tableName the name of db-scheduler's table
	 * @param grace how long a call this instance does not know is put back
	 */
	public UnknownCallsReport(DurableTasks tasks, StoredCallFormat format, DataSource dataSource, String tableName,
			Duration grace) {
		this.tasks = tasks;
		this.format = format;
		this.dataSource = dataSource;
		this.sql = "select task_instance, task_data from " + tableName + " where task_name = ? and execution_time < ?";
		this.grace = grace;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!logger.isWarnEnabled()) {
			return;
		}
		Map<String, Unknown> unknown = new TreeMap<>();
		AtomicInteger read = new AtomicInteger();
		try {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			jdbc.setMaxRows(MAX_ROWS);
			jdbc.setFetchSize(100);
			jdbc.setQueryTimeout(TIMEOUT_SECONDS);
			jdbc.query(this.sql, (row) -> {
				read.incrementAndGet();
				count(unknown, row.getString(1), row.getBytes(2));
			}, DurableCallTask.NAME, StoredCallCounter.FAILED_FROM);
		}
		catch (DataAccessException ex) {
			logger.debug("Could not read the stored calls waiting to run: " + ex.getMessage(), ex);
			return;
		}
		if (!unknown.isEmpty()) {
			logger.warn(describe(unknown, read.get()));
		}
	}

	private void count(Map<String, Unknown> unknown, String id, byte[] data) {
		if (data == null) {
			return;
		}
		try {
			this.tasks.resolve(this.format.read(data));
		}
		catch (UnknownCallException ex) {
			String taskName = ex.getTaskName();
			if (taskName == null) {
				// The task as the id names it, the only part of the call this version
				// reads
				int slash = id.indexOf('/');
				taskName = (slash > 0) ? id.substring(0, slash) : id;
			}
			unknown.computeIfAbsent(taskName, (key) -> new Unknown(ex.getMessage())).calls++;
		}
		catch (UnrunnableCallException ex) {
			// No version runs it: kept as failed when it is first picked
		}
	}

	private String describe(Map<String, Unknown> unknown, int read) {
		StringBuilder message = new StringBuilder("Stored durable @FireAndForget calls that this version of the "
				+ "application cannot run, by task"
				+ ((read >= MAX_ROWS) ? " (among the first " + MAX_ROWS + " calls waiting to run, of more)" : "")
				+ ":");
		unknown.forEach((taskName, calls) -> message.append(System.lineSeparator())
			.append("- ")
			.append(taskName)
			.append(": ")
			.append(calls.calls)
			.append((calls.calls == 1) ? " call; " : " calls; ")
			.append(calls.reason));
		return message.append(System.lineSeparator())
			.append("An instance of the version that stored them can run them: each is put back for it, and kept "
					+ "as failed once no instance has run it within threadmethod.durable.unknown-call-grace (")
			.append(this.grace)
			.append(") of the first time an instance could not")
			.toString();
	}

	/**
	 * The calls of one task that this version does not know, and why the first of them is
	 * not known.
	 */
	private static final class Unknown {

		private final String reason;

		private int calls;

		Unknown(String reason) {
			this.reason = reason;
		}

	}

}

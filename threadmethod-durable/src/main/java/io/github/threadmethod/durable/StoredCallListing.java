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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.threadmethod.durable.DurableCalls.Status;
import io.github.threadmethod.durable.DurableCalls.StoredCall;
import io.github.threadmethod.durable.StoredCallFormat.History;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the stored calls of one durable task from db-scheduler's table, by the
 * {@linkplain StoredCallIds ids} of its rows.
 * <p>
 * SQL of its own rather than db-scheduler's {@code SchedulerClient}, whose listing of a
 * task's executions would read every stored call of every durable task, with its data, to
 * keep the calls of one: they all share db-scheduler's task
 * {@value DurableCallTask#NAME}, and only the start of their ids tells their tasks apart.
 * Here each query is a range of the primary key's index, and no more rows than asked for
 * are read. The actions on a call go through the {@code SchedulerClient}, which knows how
 * to change a row that an instance may pick at the same moment.
 *
 * @author threadmethod contributors
 */
final class StoredCallListing {

	// As StoredCallCounter: well below DurableRetryPolicy.FAILED_AT, far beyond any time
	// a
	// call is scheduled for
	private static final Timestamp FAILED_FROM = Timestamp.from(Instant.parse("9000-01-01T00:00:00Z"));

	private static final String COLUMNS = "task_instance, task_data, execution_time, picked, consecutive_failures";

	private final JdbcTemplate jdbc;

	private final StoredCallFormat format;

	private final String failedSql;

	private final String otherSql;

	private final String failedIdsSql;

	private final String anySql;

	StoredCallListing(DataSource dataSource, String tableName, StoredCallFormat format) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.format = format;
		String ofTask = " from " + tableName + " where task_name = ? and task_instance like ? escape '!'";
		this.failedSql = "select " + COLUMNS + ofTask
				+ " and execution_time >= ? order by last_failure desc, task_instance";
		this.otherSql = "select " + COLUMNS + ofTask + " and execution_time < ? order by execution_time, task_instance";
		this.failedIdsSql = "select task_instance" + ofTask + " and execution_time >= ? order by task_instance";
		this.anySql = "select count(*)" + ofTask;
	}

	/**
	 * Tell whether any call of the given task is stored, in one statement: a call that
	 * changes between the two queries of {@link #list(String, int)} is seen here.
	 */
	boolean anyStored(String taskName) {
		Integer count = this.jdbc.queryForObject(this.anySql, Integer.class, DurableCallTask.NAME,
				StoredCallIds.likePattern(taskName));
		return count != null && count > 0;
	}

	/**
	 * List the given task's calls, at most the given number: the failed ones first, most
	 * recently failed first, then the others by when they are due. A call that changes
	 * between the two queries may be listed twice, or not at all.
	 */
	List<StoredCall> list(String taskName, int limit) {
		RowMapper<StoredCall> rows = (result, row) -> storedCall(result, taskName);
		List<StoredCall> calls = new ArrayList<>(query(this.failedSql, taskName, limit, rows));
		if (calls.size() < limit) {
			calls.addAll(query(this.otherSql, taskName, limit - calls.size(), rows));
		}
		return calls;
	}

	/**
	 * Return the ids of the given task's failed calls.
	 */
	List<String> failedIds(String taskName) {
		return this.jdbc.queryForList(this.failedIdsSql, String.class, DurableCallTask.NAME,
				StoredCallIds.likePattern(taskName), FAILED_FROM);
	}

	private <T> List<T> query(String sql, String taskName, int maxRows, RowMapper<T> rows) {
		PreparedStatementCreator statement = (connection) -> {
			PreparedStatement prepared = connection.prepareStatement(sql);
			// The driver's bound rather than SQL's, whose syntax differs by database
			prepared.setMaxRows(maxRows);
			prepared.setString(1, DurableCallTask.NAME);
			prepared.setString(2, StoredCallIds.likePattern(taskName));
			prepared.setTimestamp(3, FAILED_FROM);
			return prepared;
		};
		return this.jdbc.query(statement, rows);
	}

	private StoredCall storedCall(ResultSet result, String taskName) throws SQLException {
		byte[] data = result.getBytes("task_data");
		History history = (data != null) ? this.format.history(data) : new History(null, null);
		Instant executionTime = result.getTimestamp("execution_time").toInstant();
		boolean picked = result.getBoolean("picked");
		Status status = picked ? Status.RUNNING
				: (!executionTime.isBefore(FAILED_FROM.toInstant())) ? Status.FAILED : Status.WAITING;
		int attempts = result.getInt("consecutive_failures") + (picked ? 1 : 0);
		return new StoredCall(result.getString("task_instance"), taskName, status, attempts, history.stored(),
				(status == Status.WAITING) ? executionTime : null, history.lastFailure());
	}

}

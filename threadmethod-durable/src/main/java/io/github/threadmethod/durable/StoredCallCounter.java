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

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.threadmethod.StoredCalls.Counts;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts the stored calls of each durable task in db-scheduler's table, from the
 * {@linkplain StoredCallIds ids} of its rows (the table's primary key), never reading
 * their data: one query per task, each a range of the primary key's index. A row is
 * failed when its next execution is set to {@link DurableRetryPolicy#FAILED_AT}, pending
 * otherwise (due, running, or waiting for its retry). Rows of tasks that the application
 * no longer has, or stored by hand under other ids, are not counted.
 *
 * @author threadmethod contributors
 */
final class StoredCallCounter {

	// Well below FAILED_AT, so that no time zone conversion of the driver can move a
	// failed row under it, and far beyond any time a call is scheduled for
	static final Timestamp FAILED_FROM = Timestamp.from(Instant.parse("9000-01-01T00:00:00Z"));

	private final JdbcTemplate jdbc;

	private final Supplier<? extends Iterable<String>> taskNames;

	private final String sql;

	StoredCallCounter(DataSource dataSource, String tableName, Supplier<? extends Iterable<String>> taskNames) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.taskNames = taskNames;
		this.sql = "select count(*), coalesce(sum(case when execution_time >= ? then 1 else 0 end), 0) from "
				+ tableName + " where task_name = ? and task_instance like ? escape '!'";
	}

	Map<String, Counts> countByTask() {
		Map<String, Counts> counts = new TreeMap<>();
		for (String taskName : this.taskNames.get()) {
			Counts task = this.jdbc.queryForObject(this.sql, (result, row) -> {
				long failed = result.getLong(2);
				return new Counts(result.getLong(1) - failed, failed);
			}, FAILED_FROM, DurableCallTask.NAME, StoredCallIds.likePattern(taskName));
			counts.put(taskName, task);
		}
		return counts;
	}

}

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The marks that stored calls are done, in {@value #TABLE}, beside db-scheduler's table:
 * one per call, by its id and the time it was stored, so that a later call with the same
 * id (a unique key's, once the earlier call is gone) is never taken for done. A mark is
 * written on the connection of the transaction active on the thread, so that it commits
 * with the body's writes, or not at all.
 *
 * @author threadmethod contributors
 */
final class DoneMarks {

	/**
	 * The table of the marks.
	 */
	static final String TABLE = "threadmethod_done_calls";

	/**
	 * What a mark holds for a call that does not say when it was stored.
	 */
	private static final String NOT_STORED = "";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	/**
	 * Create the marks in the given database.
	 * @param dataSource the database, as its transaction manager binds its connections
	 * @param clock the clock of the time a mark is written
	 */
	DoneMarks(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	/**
	 * Tell whether the given call is marked done.
	 * @param id the call's id
	 * @param stored when it was stored, as its data says
	 */
	boolean isDone(String id, @Nullable String stored) {
		List<Integer> found = this.jdbc.queryForList(
				"select 1 from " + TABLE + " where task_instance = ? and call_stored = ?", Integer.class, id,
				key(stored));
		return !found.isEmpty();
	}

	/**
	 * Mark the given call done, in the transaction active on this thread. A second mark
	 * of the same call fails: on a database with row locks it waits for a concurrent
	 * transaction that marks it to end first.
	 * @throws org.springframework.dao.DuplicateKeyException if the call is marked done
	 * already
	 */
	void mark(String id, @Nullable String stored) {
		this.jdbc.update("insert into " + TABLE + " (task_instance, call_stored, done_at) values (?, ?, ?)", id,
				key(stored), Timestamp.from(this.clock.instant()));
	}

	/**
	 * Remove at most the given number of marks written before the given retention whose
	 * calls are no longer in db-scheduler's table.
	 * @param tableName the name of db-scheduler's table
	 * @param taskName the name of the one db-scheduler task that runs the stored calls
	 * @param retention how long a mark is kept at least
	 * @param limit the most marks removed
	 * @return how many were removed
	 */
	int removeGone(String tableName, String taskName, Duration retention, int limit) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(retention));
		// Max rows rather than a limit clause, which databases spell differently
		JdbcTemplate bounded = new JdbcTemplate(this.dataSource);
		bounded.setMaxRows(limit);
		List<Object[]> gone = bounded.query(
				"select m.task_instance, m.call_stored from " + TABLE
						+ " m where m.done_at < ? and not exists (select 1 from " + tableName
						+ " t where t.task_name = ? and t.task_instance = m.task_instance)",
				(row, rowNumber) -> new Object[] { row.getString(1), row.getString(2) }, before, taskName);
		if (gone.isEmpty()) {
			return 0;
		}
		this.jdbc.batchUpdate("delete from " + TABLE + " where task_instance = ? and call_stored = ?", gone);
		return gone.size();
	}

	/**
	 * Return the database of the marks.
	 */
	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Check that the table of the marks can be read.
	 * @throws org.springframework.dao.DataAccessException if it cannot
	 */
	void check() {
		this.jdbc.execute("select task_instance from " + TABLE + " where 1 = 0");
	}

	private static String key(@Nullable String stored) {
		return (stored != null) ? stored : NOT_STORED;
	}

}

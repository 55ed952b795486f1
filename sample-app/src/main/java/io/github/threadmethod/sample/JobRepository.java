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
package io.github.threadmethod.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs, kept in the {@code job} table (see {@code schema-h2.sql} and
 * {@code schema-postgresql.sql}). A job's work may run more than once in the durable
 * mode, so it is recorded idempotently: it starts only while the job is unfinished, and
 * ends only while it is running, so a job is finished once.
 *
 * @author threadmethod contributors
 */
@Repository
public class JobRepository {

	private static final String COLUMNS = "id, state, mode, attempts, submitted_at, started_at, finished_at, words, "
			+ "distinct_words, top_words, sha256, error";

	private final JdbcClient jdbc;

	public JobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record a new job as accepted.
	 * @param mode the mode its work runs in (see {@link JobMode})
	 * @return the job
	 */
	public Job create(String mode) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("insert into job (id, state, mode, submitted_at) values (?, ?, ?, ?)")
			.params(id, JobState.ACCEPTED.name(), mode, now())
			.update();
		return find(id).orElseThrow();
	}

	public Optional<Job> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from job where id = ?").param(id).query(this::job).optional();
	}

	/**
	 * Return the most recently submitted jobs, newest first.
	 * @param limit how many at most
	 * @return the jobs
	 */
	public List<Job> findRecent(int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from job order by submitted_at desc, id limit ?")
			.param(limit)
			.query(this::job)
			.list();
	}

	/**
	 * Record that the job's work starts, once more: counts the attempt, and keeps when
	 * the first one started.
	 * @param id the job
	 * @return whether the job is unfinished, so its work should run; {@code false} for a
	 * job already finished, by an earlier attempt, or abandoned
	 */
	public boolean markRunning(UUID id) {
		return this.jdbc
			.sql("update job set state = ?, attempts = attempts + 1, started_at = coalesce(started_at, ?) "
					+ "where id = ? and state in (?, ?)")
			.params(JobState.RUNNING.name(), now(), id, JobState.ACCEPTED.name(), JobState.RUNNING.name())
			.update() == 1;
	}

	/**
	 * Record the job's result, if it is still running.
	 * @param id the job
	 * @param result what its work found
	 * @return whether this recorded it, {@code false} if the job had already ended
	 */
	public boolean markDone(UUID id, TextAnalysis result) {
		return this.jdbc
			.sql("update job set state = ?, finished_at = ?, words = ?, distinct_words = ?, top_words = ?, sha256 = ? "
					+ "where id = ? and state = ?")
			.params(JobState.DONE.name(), now(), result.words(), result.distinctWords(),
					String.join(",", result.topWords()), result.sha256(), id, JobState.RUNNING.name())
			.update() == 1;
	}

	/**
	 * Record the job's failure, if it is still running.
	 * @param id the job
	 * @param error why it failed
	 */
	public void markFailed(UUID id, String error) {
		this.jdbc.sql("update job set state = ?, finished_at = ?, error = ? where id = ? and state = ?")
			.params(JobState.FAILED.name(), now(), error, id, JobState.RUNNING.name())
			.update();
	}

	/**
	 * Mark every job that is still accepted or running, and whose work ran in a process's
	 * memory (any mode but {@value JobMode#DURABLE}), as abandoned. Durable jobs are left
	 * alone: the engine runs their work again, on a live instance.
	 * @param reason why they were abandoned
	 * @return how many jobs were marked
	 */
	public int markUnfinishedAbandoned(String reason) {
		return this.jdbc.sql("update job set state = ?, finished_at = ?, error = ? where state in (?, ?) and mode <> ?")
			.params(JobState.ABANDONED.name(), now(), reason, JobState.ACCEPTED.name(), JobState.RUNNING.name(),
					JobMode.DURABLE)
			.update();
	}

	private Job job(ResultSet rs, int row) throws SQLException {
		JobState state = JobState.valueOf(rs.getString("state"));
		TextAnalysis result = (state != JobState.DONE) ? null : new TextAnalysis(rs.getInt("words"),
				rs.getInt("distinct_words"), topWords(rs.getString("top_words")), rs.getString("sha256"));
		return new Job(rs.getObject("id", UUID.class), state, rs.getString("mode"), rs.getInt("attempts"),
				Objects.requireNonNull(instant(rs, "submitted_at")), instant(rs, "started_at"),
				instant(rs, "finished_at"), result, rs.getString("error"));
	}

	// OffsetDateTime rather than Instant: the type that both H2's and PostgreSQL's
	// drivers
	// take and give for a timestamp with time zone
	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static List<String> topWords(String joined) {
		return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

}

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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs, kept in the {@code job} table (see {@code schema.sql}).
 *
 * @author threadmethod contributors
 */
@Repository
public class JobRepository {

	private static final String COLUMNS = "id, state, submitted_at, started_at, finished_at, words, distinct_words, "
			+ "top_words, sha256, error";

	private final JdbcClient jdbc;

	public JobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record a new job as accepted.
	 * @return the job
	 */
	public Job create() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("insert into job (id, state, submitted_at) values (?, ?, ?)")
			.params(id, JobState.ACCEPTED.name(), Instant.now())
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

	public void markRunning(UUID id) {
		this.jdbc.sql("update job set state = ?, started_at = ? where id = ? and state = ?")
			.params(JobState.RUNNING.name(), Instant.now(), id, JobState.ACCEPTED.name())
			.update();
	}

	public void markDone(UUID id, TextAnalysis result) {
		this.jdbc
			.sql("update job set state = ?, finished_at = ?, words = ?, distinct_words = ?, top_words = ?, sha256 = ? "
					+ "where id = ?")
			.params(JobState.DONE.name(), Instant.now(), result.words(), result.distinctWords(),
					String.join(",", result.topWords()), result.sha256(), id)
			.update();
	}

	public void markFailed(UUID id, String error) {
		this.jdbc.sql("update job set state = ?, finished_at = ?, error = ? where id = ?")
			.params(JobState.FAILED.name(), Instant.now(), error, id)
			.update();
	}

	/**
	 * Mark every job that is still accepted or running as abandoned.
	 * @param reason why they were abandoned
	 * @return how many jobs were marked
	 */
	public int markUnfinishedAbandoned(String reason) {
		return this.jdbc.sql("update job set state = ?, finished_at = ?, error = ? where state in (?, ?)")
			.params(JobState.ABANDONED.name(), Instant.now(), reason, JobState.ACCEPTED.name(), JobState.RUNNING.name())
			.update();
	}

	private Job job(ResultSet rs, int row) throws SQLException {
		JobState state = JobState.valueOf(rs.getString("state"));
		TextAnalysis result = (state != JobState.DONE) ? null : new TextAnalysis(rs.getInt("words"),
				rs.getInt("distinct_words"), topWords(rs.getString("top_words")), rs.getString("sha256"));
		return new Job(rs.getObject("id", UUID.class), state, rs.getObject("submitted_at", Instant.class),
				rs.getObject("started_at", Instant.class), rs.getObject("finished_at", Instant.class), result,
				rs.getString("error"));
	}

	private static List<String> topWords(String joined) {
		return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

}

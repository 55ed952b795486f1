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

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownCallsReport} on an embedded H2 database: which stored calls it
 * counts as unknown to this version, by the task that each names (or its id, when the
 * call cannot say), and what it leaves out.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownCallsReportTests {

	private static final String HEADER = "Stored durable @FireAndForget calls that this version of the application "
			+ "cannot run, by task";

	private static final String OTHER_TASK = "{\"version\":1,\"task\":\"Gone.send\",\"bean\":\"gone\","
			+ "\"method\":\"send()\",\"arguments\":[]}";

	private static final String KNOWN = "{\"version\":1,\"task\":\"Mailer.send\",\"bean\":\"mailer\","
			+ "\"method\":\"send(java.lang.String)\",\"arguments\":[\"ada@example.com\"]}";

	private static final String NEWER_WITHOUT_TASK = "{\"version\":2}";

	private final DataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:unknown-calls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void close() {
		this.context.close();
		jdbc().execute("shutdown");
	}

	@Test
	void callsOfTasksThisVersionDoesNotRunAreCountedByTaskWithWhy(CapturedOutput output) {
		createTable();
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		insert("Later.send/" + UUID.randomUUID(), NEWER_WITHOUT_TASK);
		insert("odd", NEWER_WITHOUT_TASK);
		insert("Mailer.send/" + UUID.randomUUID(), KNOWN);
		insert("Mailer.send/" + UUID.randomUUID(), "not a stored call");
		insert("Mailer.send/" + UUID.randomUUID(), null);
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK, DurableRetryPolicy.FAILED_AT);
		report().afterSingletonsInstantiated();
		String newer = "it is stored in version 2 of the stored calls' format, newer than this version's, 1";
		String lineSeparator = System.lineSeparator();
		assertThat(output).contains(HEADER + ":" + lineSeparator
				+ "- Gone.send: 2 calls; it is a call of task 'Gone.send', which is not a @FireAndForget task in the "
				+ "durable mode in this application" + lineSeparator + "- Later.send: 1 call; " + newer + lineSeparator
				+ "- odd: 1 call; " + newer + lineSeparator
				+ "An instance of the version that stored them can run them: each is put back for it, and kept as "
				+ "failed once no instance has run it within threadmethod.durable.unknown-call-grace (PT1H) of the "
				+ "first time an instance could not");
	}

	@Test
	void whenEveryStoredCallCanRunNothingIsReported(CapturedOutput output) {
		createTable();
		insert("Mailer.send/" + UUID.randomUUID(), KNOWN);
		report().afterSingletonsInstantiated();
		assertThat(output).doesNotContain(HEADER);
	}

	@Test
	void aTableThatCannotBeReadReportsNothing(CapturedOutput output) {
		report().afterSingletonsInstantiated();
		assertThat(output).doesNotContain(HEADER);
	}

	@Test
	void asManyCallsAsTheReportReadsAreSaidToBeAmongMore(CapturedOutput output) {
		createTable();
		insertOtherTasks(UnknownCallsReport.MAX_ROWS + 1);
		report().afterSingletonsInstantiated();
		assertThat(output)
			.contains(HEADER + " (among the first " + UnknownCallsReport.MAX_ROWS + " calls waiting to run, of more):"
					+ System.lineSeparator() + "- Gone.send: " + UnknownCallsReport.MAX_ROWS + " calls; ");
	}

	@Test
	void fewerCallsThanTheReportReadsAreAll(CapturedOutput output) {
		createTable();
		insertOtherTasks(UnknownCallsReport.MAX_ROWS - 1);
		report().afterSingletonsInstantiated();
		assertThat(output).contains(HEADER + ":" + System.lineSeparator() + "- Gone.send: "
				+ (UnknownCallsReport.MAX_ROWS - 1) + " calls; ");
	}

	private UnknownCallsReport report() {
		this.context.registerBean("mailer", Mailer.class);
		this.context.refresh();
		StoredCallFormat format = StoredCallFormats.jackson2();
		DurableTasks tasks = new DurableTasks(this.context.getBeanFactory(), "Mailer.send"::equals, (advisor) -> false,
				() -> true, format, Set.of());
		return new UnknownCallsReport(tasks, format, this.dataSource, DurableSchemaInitializer.TABLE,
				Duration.ofHours(1));
	}

	private void createTable() {
		new DurableSchemaInitializer(this.dataSource, DatabaseInitializationMode.ALWAYS, DurableSchemaInitializer.TABLE)
			.initializeDatabase();
	}

	private void insertOtherTasks(int count) {
		byte[] data = OTHER_TASK.getBytes(StandardCharsets.UTF_8);
		Timestamp now = Timestamp.from(Instant.now());
		jdbc().batchUpdate(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
						+ "values (?, ?, ?, ?, false, 1)",
				IntStream.range(0, count)
					.mapToObj((i) -> new Object[] { DurableCallTask.NAME, "Gone.send/" + UUID.randomUUID(), data, now })
					.toList());
	}

	private void insert(String id, @Nullable String data) {
		insert(id, data, Instant.now());
	}

	private void insert(String id, @Nullable String data, Instant executionTime) {
		jdbc().update(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, "
						+ "version) values (?, ?, ?, ?, false, 1)",
				DurableCallTask.NAME, id, (data != null) ? data.getBytes(StandardCharsets.UTF_8) : null,
				Timestamp.from(executionTime));
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	public static class Mailer {

		@FireAndForget
		public void send(String to) {
		}

	}

}

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.threadmethod.durable.DurableModeTests.DurableApplication;
import io.github.threadmethod.durable.DurableModeTests.Mailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the stored calls that an instance does not know, as during a rolling deploy,
 * on an embedded H2 database: they are put back, not failed and not counted as an
 * attempt, for their grace period, and counted in a log at start-up.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableRollingDeployTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * A call of a task this application does not have.
	 */
	private static final String OTHER_TASK = "{\"version\":1,\"task\":\"Gone.send\",\"bean\":\"gone\","
			+ "\"method\":\"send()\",\"arguments\":[]}";

	/**
	 * A call of a task this application has, with other parameters.
	 */
	private static final String OTHER_PARAMETERS = "{\"version\":1,\"task\":\"Mailer.send\",\"bean\":\"mailer\","
			+ "\"method\":\"send(java.lang.String)\",\"arguments\":[\"ada@example.com\"]}";

	/**
	 * A call in a newer version of the format.
	 */
	private static final String NEWER_FORMAT = "{\"version\":2,\"task\":\"Mailer.send\",\"call\":{}}";

	private final String url = "jdbc:h2:mem:rolling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Mailer.reset();
	}

	@Test
	void aCallThisInstanceDoesNotKnowIsPutBackNeitherFailedNorCountedAsAnAttempt() {
		start();
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		insert("Mailer.send/" + UUID.randomUUID(), OTHER_PARAMETERS);
		insert("Mailer.send/" + UUID.randomUUID(), NEWER_FORMAT);
		await().atMost(WAIT)
			.until(() -> jdbc().queryForObject("select count(*) from scheduled_tasks where last_success is not null",
					Integer.class) == 3);
		assertThat(jdbc().queryForList("select consecutive_failures from scheduled_tasks", Integer.class))
			.containsExactly(0, 0, 0);
		assertThat(failedRows()).isZero();
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void aCallNoInstanceKnowsIsKeptAsFailedOnceItsGracePeriodIsOver() {
		start("threadmethod.durable.unknown-call-grace=1s");
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		await().atMost(WAIT).until(() -> failedRows() == 1);
		jdbc().query("select last_success, last_failure, consecutive_failures from scheduled_tasks", (row) -> {
			// Put back until its grace period ended, then failed once
			assertThat(row.getTimestamp("last_success")).isNotNull();
			assertThat(row.getTimestamp("last_failure").toInstant())
				.isAfterOrEqualTo(row.getTimestamp("last_success").toInstant().plusSeconds(1));
			assertThat(row.getInt("consecutive_failures")).isEqualTo(1);
		});
	}

	@Test
	void startUpLogsHowManyStoredCallsThisVersionCannotRunByTask(CapturedOutput output) {
		DataSource dataSource = new DriverManagerDataSource(this.url, "sa", "");
		new DurableSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, DurableSchemaInitializer.TABLE)
			.initializeDatabase();
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		insert("Gone.send/" + UUID.randomUUID(), OTHER_TASK);
		insert("Mailer.send/" + UUID.randomUUID(), OTHER_PARAMETERS);
		insert("Mailer.send/" + UUID.randomUUID(), "not a stored call");
		start();
		assertThat(output)
			.containsOnlyOnce(
					"Stored durable @FireAndForget calls that this version of the application cannot run, by task:")
			.contains("- Gone.send: 2 calls; it is a call of task 'Gone.send', which is not a @FireAndForget task in "
					+ "the durable mode in this application")
			.contains("- Mailer.send: 1 call; it is a call of task 'Mailer.send' to bean 'mailer', method "
					+ "send(java.lang.String), but in this application that task runs bean 'mailer', method "
					+ "send(java.lang.String," + DurableModeTests.Letter.class.getTypeName() + ")")
			.contains("threadmethod.durable.unknown-call-grace (PT24H)");
	}

	@Test
	void startUpLogsNothingWhenEveryStoredCallCanRun(CapturedOutput output) {
		start();
		assertThat(output).doesNotContain("cannot run");
	}

	private void start(String... properties) {
		this.contexts.add(new SpringApplicationBuilder(DurableApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable",
					"db-scheduler.polling-interval=100ms", "threadmethod.durable.backoff=50ms",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run());
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""));
	}

	private int failedRows() {
		return jdbc().queryForObject("select count(*) from scheduled_tasks where execution_time >= ?", Integer.class,
				Timestamp.from(DurableRetryPolicy.FAILED_AT));
	}

	private void insert(String id, String data) {
		jdbc().update(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, "
						+ "version) values (?, ?, ?, ?, false, 1)",
				DurableCallTask.NAME, id, data.getBytes(StandardCharsets.UTF_8), Timestamp.from(Instant.now()));
	}

}

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.DocumentContext;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the durable mode as the README shows it: two instances of the sample app on one
 * PostgreSQL database, one killed with SIGKILL while it runs jobs, and the other
 * finishing every job, each once.
 *
 * @author threadmethod contributors
 */
class DurableJobsAcrossInstancesTests {

	private static final int JOBS = 6;

	private static final String INSTANCE_A = "instance-a";

	private static final String INSTANCE_B = "instance-b";

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	private final List<SampleAppProcess> instances = new ArrayList<>();

	@AfterEach
	void killInstances() throws InterruptedException {
		for (SampleAppProcess instance : this.instances) {
			instance.kill();
		}
	}

	@Test
	void jobsOfAnInstanceKilledMidJobAreEachFinishedOnceByTheOther() throws Exception {
		String url = postgres.createDatabase("two_instances");
		// Both at once, on an empty database: their schema creation races
		SampleAppProcess a = start(INSTANCE_A, url);
		SampleAppProcess b = start(INSTANCE_B, url);
		a.awaitReady();
		b.awaitReady();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < JOBS; i++) {
			String location = a.client()
				.submit("{\"text\": \"job " + i + " of a cluster\"}")
				.headers()
				.firstValue("Location")
				.orElseThrow();
			ids.add(location.substring(location.lastIndexOf('/') + 1));
		}
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, postgres.getUsername(), ""));
		AtomicReference<List<String>> runningOnA = new AtomicReference<>();
		await("a job running on " + INSTANCE_A).atMost(Duration.ofMinutes(1))
			.until(() -> runningOn(jdbc, INSTANCE_A), (running) -> {
				runningOnA.set(running);
				return !running.isEmpty();
			});
		a.kill();
		assertThat(a.isAlive()).isFalse();

		JobsClient other = b.client();
		await("every job done on " + INSTANCE_B).atMost(Duration.ofMinutes(2)).until(() -> allDone(other, ids));
		await("every durable call completed").atMost(Duration.ofMinutes(1))
			.until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = 'threadmethod'")
				.query(Long.class)
				.single() == 0);

		Map<String, Integer> attempts = new HashMap<>();
		for (String id : ids) {
			DocumentContext job = other.job("/jobs/" + id);
			assertThat(job.read("$.result.words", Integer.class)).isEqualTo(5);
			attempts.put(id, job.read("$.attempts", Integer.class));
		}
		assertThat(attempts.values()).allSatisfy((count) -> assertThat(count).isGreaterThanOrEqualTo(1));
		assertThat(runningOnA.get()).isNotEmpty()
			.allSatisfy((id) -> assertThat(attempts.get(id)).as("attempts of job %s, killed on %s", id, INSTANCE_A)
				.isGreaterThan(1));
		List<String> doneLines = new ArrayList<>(a.logLines());
		doneLines.addAll(b.logLines());
		doneLines.removeIf((line) -> !line.contains("Job done"));
		for (String id : ids) {
			assertThat(doneLines.stream().filter((line) -> line.contains(id)))
				.as("'Job done' lines of job %s, in both instances' logs", id)
				.hasSize(1);
		}
		assertThat(b.logLines())
			.anySatisfy((line) -> assertThat(line).contains("Job done").contains(runningOnA.get().get(0)));
	}

	private SampleAppProcess start(String name, String url) throws IOException {
		Path logs = Files.createDirectories(Path.of("target", "durable-instances"));
		SampleAppProcess instance = SampleAppProcess.start(name, logs, "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + postgres.getUsername(),
				"--threadmethod.tasks[analyse-text].mode=durable",
				// Long enough to be killed mid-job; short enough for a quick test
				"--sample.jobs.delay=8s",
				// The name in db-scheduler's picked_by column
				"--db-scheduler.scheduler-name=" + name,
				// An instance whose heartbeats stopped for 4 seconds (db-scheduler's
				// least
				// limit) is dead, and its executions are revived; the other looks for due
				// work every second
				"--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
				"--db-scheduler.polling-interval=1s");
		this.instances.add(instance);
		return instance;
	}

	/**
	 * The jobs that the given instance has started and not finished: their state is
	 * {@code RUNNING}, and their stored call is picked by that instance's scheduler.
	 */
	private static List<String> runningOn(JdbcClient jdbc, String instance) {
		return jdbc
			.sql("select j.id::text from job j join scheduled_tasks t on t.task_name = 'threadmethod' "
					+ "and position(j.id::text in convert_from(t.task_data, 'UTF8')) > 0 "
					+ "where j.state = 'RUNNING' and t.picked and t.picked_by = ?")
			.param(instance)
			.query(String.class)
			.list();
	}

	private static boolean allDone(JobsClient client, List<String> ids) throws IOException, InterruptedException {
		for (String id : ids) {
			if (!"DONE".equals(client.state("/jobs/" + id))) {
				return false;
			}
		}
		return true;
	}

}

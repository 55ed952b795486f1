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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection on a real PostgreSQL, with two instances of an application, each in a
 * JVM of its own (see {@link CrashingInstance}): every call inserts a row, and the JVM
 * that runs some of the calls kills itself with SIGKILL, at chosen points: inside the
 * body, before its commit; and after the body's commit, before db-scheduler records the
 * call's completion. A killed instance is replaced, so that two run at all times. With
 * the effects 'once', every call ends done with exactly one row; with 'at-least-once', a
 * call killed after its commit runs again, and has at least two (more when the instance
 * that runs it again is itself killed for another call before recording it).
 *
 * @author threadmethod contributors
 */
class DurableEffectsOnceOnPostgreSqlTests {

	private static final int CALLS = 24;

	private static final List<Integer> KILLED_IN_BODY = List.of(4, 13);

	private static final List<Integer> KILLED_AFTER_COMMIT = List.of(8, 19);

	private static final Duration WAIT = Duration.ofMinutes(5);

	/**
	 * The exit value of a JVM killed with SIGKILL: 128 + 9.
	 */
	private static final int KILLED = 137;

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	@TempDir
	Path work;

	private final List<Process> instances = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopInstances() throws InterruptedException {
		for (Process instance : this.instances) {
			instance.destroyForcibly();
			instance.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void withEffectsOnceEveryCallIsDoneWithExactlyOneRowWhereverItsInstanceIsKilled() throws Exception {
		Map<Integer, Integer> rows = runKillingInstances("effects_once", "once");
		assertThat(rows).hasSize(CALLS)
			.allSatisfy((call, count) -> assertThat(count).as("rows of call %d", call).isOne());
	}

	@Test
	void withEffectsAtLeastOnceACallKilledAfterItsCommitRunsAgain() throws Exception {
		Map<Integer, Integer> rows = runKillingInstances("effects_at_least_once", "at-least-once");
		assertThat(rows).hasSize(CALLS);
		// Two runs at least; a third when the instance that ran it again was killed for
		// another call, on another of its threads, before it recorded the call as done
		KILLED_AFTER_COMMIT
			.forEach((call) -> assertThat(rows.get(call)).as("rows of call %d", call).isGreaterThanOrEqualTo(2));
	}

	/**
	 * Run the calls on two instances, replacing each killed one, until every call is done
	 * and every kill has happened.
	 * @return how many rows each call has
	 */
	private Map<Integer, Integer> runKillingInstances(String database, String effects) throws Exception {
		String url = postgres.createDatabase(database);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, postgres.getUsername(), ""));
		jdbc.execute("create table effects (call_no int not null, pid bigint not null)");
		Path kills = Files.createDirectories(this.work.resolve("kills"));
		for (int call : KILLED_IN_BODY) {
			Files.createFile(kills.resolve(call + ".body"));
		}
		for (int call : KILLED_AFTER_COMMIT) {
			Files.createFile(kills.resolve(call + ".committed"));
		}
		List<String> arguments = List.of("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + postgres.getUsername(), "--kills=" + kills,
				"--threadmethod.tasks[Rows.insert].mode=durable",
				"--threadmethod.tasks[Rows.insert].durable.effects=" + effects,
				// A call may be running on several instances that are killed
				"--threadmethod.tasks[Rows.insert].durable.max-retries=20",
				"--threadmethod.tasks[Rows.insert].durable.backoff=100ms",
				"--threadmethod.durable.initialize-schema=always", "--db-scheduler.threads=4",
				// An instance whose heartbeats stopped for 4 seconds is dead, and the
				// other revives its calls
				"--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
				"--db-scheduler.polling-interval=200ms", "--spring.main.banner-mode=off");
		AtomicInteger started = new AtomicInteger();
		List<Integer> exits = new CopyOnWriteArrayList<>();
		List<Process> running = new CopyOnWriteArrayList<>();
		running.add(start(started.incrementAndGet(), arguments, "--calls=" + CALLS));
		running.add(start(started.incrementAndGet(), arguments));
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(500))
			.failFast("an instance exited other than killed; logs in target/effects-once-instances",
					() -> exits.stream().anyMatch((exit) -> exit != KILLED))
			.until(() -> {
				for (Process instance : running) {
					if (!instance.isAlive()) {
						exits.add(instance.exitValue());
						running.remove(instance);
						running.add(start(started.incrementAndGet(), arguments));
					}
				}
				return isEmpty(kills)
						&& jdbc.queryForObject("select count(distinct call_no) from effects", Integer.class) == CALLS
						&& jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'threadmethod'",
								Integer.class) == 0;
			});
		// Every kill file was taken; two threads of one instance may take two at once,
		// before the first kill ends that instance
		assertThat(exits).as("exit values of the instances killed").isNotEmpty().containsOnly(KILLED);
		Map<Integer, Integer> rows = new TreeMap<>();
		jdbc.query("select call_no, count(*) from effects group by call_no",
				(RowCallbackHandler) (row) -> rows.put(row.getInt(1), row.getInt(2)));
		assertThat(rows.keySet()).containsExactlyElementsOf(IntStream.rangeClosed(1, CALLS).boxed().toList());
		return rows;
	}

	private Process start(int number, List<String> arguments, String... more) throws IOException {
		Path logs = Files.createDirectories(Path.of("target", "effects-once-instances"));
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Small and quick to start: two of them share the machine with the build
		command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashingInstance.class.getName()));
		command.addAll(arguments);
		command.add("--db-scheduler.scheduler-name=instance-" + number);
		command.addAll(List.of(more));
		Path log = logs.resolve(this.work.getFileName() + "-instance-" + number + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.instances.add(process);
		return process;
	}

	private static boolean isEmpty(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.findAny().isEmpty();
		}
	}

}

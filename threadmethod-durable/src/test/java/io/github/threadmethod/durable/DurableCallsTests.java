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
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.durable.DurableCalls.LastFailure;
import io.github.threadmethod.durable.DurableCalls.Status;
import io.github.threadmethod.durable.DurableCalls.StoredCall;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DurableCalls}, the stored calls as the application lists and handles
 * them, on an embedded H2 database, through real contexts.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableCallsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ConfigurableApplicationContext context;

	private DurableCalls calls;

	@AfterEach
	void closeContext() {
		Mailer.reset();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aCallThatFailedItsLastAttemptIsListedWithWhatItFailedWithAndOneWaitingForItsRetryAfterIt() {
		start();
		Instant before = Instant.now();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		mailer().remind("bob@example.com");
		StoredCall failed = awaitOne("Mailer.send", Status.FAILED);
		StoredCall waiting = awaitOne("Mailer.remind", Status.WAITING);
		assertThat(failed.id()).startsWith("Mailer.send/");
		assertThat(failed.task()).isEqualTo("Mailer.send");
		assertThat(failed.attempts()).isEqualTo(2);
		assertThat(failed.storedAt()).isBetween(before, Instant.now());
		assertThat(failed.nextRunAt()).isNull();
		LastFailure lastFailure = failed.lastFailure();
		assertThat(lastFailure).isNotNull();
		assertThat(lastFailure.type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(lastFailure.message()).isEqualTo("mail server down for ada@example.com");
		assertThat(lastFailure.at()).isBetween(failed.storedAt(), Instant.now());
		assertThat(waiting.attempts()).isEqualTo(1);
		assertThat(waiting.nextRunAt()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
		assertThat(waiting.lastFailure().message()).isEqualTo("mail server down for bob@example.com");
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void theFailedCallsAreListedFirstAndNoMoreThanAsked() {
		start();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		awaitOne("Mailer.send", Status.FAILED);
		Mailer.blocked.set(new CountDownLatch(1));
		Mailer.failing.set(false);
		mailer().send("bob@example.com");
		await().atMost(WAIT)
			.until(() -> this.calls.list("Mailer.send", 10).size() == 2
					&& this.calls.list("Mailer.send", 10).get(1).status() == Status.RUNNING);
		List<StoredCall> listed = this.calls.list("Mailer.send", 10);
		assertThat(listed).extracting(StoredCall::status).containsExactly(Status.FAILED, Status.RUNNING);
		assertThat(listed.get(1).attempts()).isEqualTo(1);
		assertThat(listed.get(1).lastFailure()).isNull();
		assertThat(this.calls.list("Mailer.send", 1)).extracting(StoredCall::status).containsExactly(Status.FAILED);
		assertThatIllegalArgumentException().isThrownBy(() -> this.calls.list("Mailer.send", 0))
			.withMessageContaining("positive");
		Mailer.blocked.get().countDown();
	}

	@Test
	void aFailedCallRunAgainRunsNowWithItsAttemptsAnewAndIsGone(CapturedOutput output) {
		start();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		StoredCall failed = awaitOne("Mailer.send", Status.FAILED);
		Mailer.failing.set(false);
		this.calls.runAgain(failed.id());
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
		assertThat(Mailer.runs.get(0).getId()).isEqualTo(failed.id());
		assertThat(Mailer.runs.get(0).getAttempt()).isEqualTo(1);
		await().atMost(WAIT).until(() -> this.calls.list("Mailer.send", 10).isEmpty());
		assertThat(output).contains("Durable @FireAndForget call '" + failed.id() + "' runs again now");
	}

	@Test
	void aCallRunAgainThatFailsAgainIsKeptWithItsNewFailure() {
		start();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		StoredCall failed = awaitOne("Mailer.send", Status.FAILED);
		Mailer.failure.set("still down");
		this.calls.runAgain(failed.id());
		await().atMost(WAIT)
			.until(() -> this.calls.list("Mailer.send", 10),
					(listed) -> listed.size() == 1 && listed.get(0).status() == Status.FAILED
							&& "still down".equals(listed.get(0).lastFailure().message()));
		assertThat(this.calls.list("Mailer.send", 10).get(0).attempts()).isEqualTo(2);
	}

	@Test
	void everyFailedCallOfATaskRunsAgainAndNoneThatWaits(CapturedOutput output) {
		start();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		mailer().send("bob@example.com");
		mailer().remind("eve@example.com");
		awaitFailed("Mailer.send", 2);
		StoredCall waiting = awaitOne("Mailer.remind", Status.WAITING);
		Mailer.failing.set(false);
		assertThat(this.calls.runFailedAgain("Mailer.send")).isEqualTo(2);
		assertThat(this.calls.runFailedAgain("Mailer.remind")).isZero();
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 2);
		assertThat(Mailer.runs).extracting(DurableCall::getTaskName).containsOnly("Mailer.send");
		assertThat(this.calls.list("Mailer.remind", 10)).containsExactly(waiting);
		Mailer.runs.forEach((run) -> assertThat(output).contains("Durable @FireAndForget call '" + run.getId()
				+ "', failed, runs again now, with its attempts anew, as asked for every failed call of task "
				+ "'Mailer.send'"));
	}

	@Test
	void failedCallsRunAgainRunAtOnceNotAtTheNextPoll() {
		start("threadmethod.tasks[Mailer.send].durable.max-retries=0", "db-scheduler.polling-interval=1h");
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		mailer().send("bob@example.com");
		awaitFailed("Mailer.send", 2);
		assertThat(this.calls.list("Mailer.send", 1)).hasSize(1);
		Mailer.failing.set(false);
		StoredCall first = this.calls.list("Mailer.send", 1).get(0);
		this.calls.runAgain(first.id());
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
		assertThat(Mailer.runs.get(0).getId()).isEqualTo(first.id());
		assertThat(this.calls.runFailedAgain("Mailer.send")).isOne();
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 2);
		await().atMost(WAIT).until(() -> this.calls.list("Mailer.send", 10).isEmpty());
	}

	@Test
	void aCallGivenUpIsDeletedAndNeverRuns(CapturedOutput output) {
		start();
		Mailer.failing.set(true);
		mailer().send("ada@example.com");
		mailer().remind("bob@example.com");
		StoredCall failed = awaitOne("Mailer.send", Status.FAILED);
		StoredCall waiting = awaitOne("Mailer.remind", Status.WAITING);
		this.calls.giveUp(failed.id());
		this.calls.giveUp(waiting.id());
		assertThat(this.calls.list("Mailer.send", 10)).isEmpty();
		assertThat(this.calls.list("Mailer.remind", 10)).isEmpty();
		assertThat(rows()).isZero();
		assertThat(output).contains("Durable @FireAndForget call '" + failed.id() + "' was given up")
			.contains("Durable @FireAndForget call '" + waiting.id() + "' was given up");
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> this.calls.giveUp(failed.id()))
			.withMessageContaining(failed.id());
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void anUnknownCallOrTaskIsRefusedNamingIt() {
		start();
		String id = "Mailer.send/" + UUID.randomUUID();
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> this.calls.runAgain(id))
			.withMessage("No durable @FireAndForget call '" + id
					+ "' is stored: it has run, was given up, or never existed");
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> this.calls.giveUp(id))
			.withMessageContaining(id);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> this.calls.list("Mailer.sned", 10))
			.withMessageStartingWith(
					"No @FireAndForget task 'Mailer.sned' is in the durable mode here, and no call of it is stored")
			.withMessageContaining("Mailer.send");
		assertThatExceptionOfType(NoSuchElementException.class)
			.isThrownBy(() -> this.calls.runFailedAgain("Mailer.sned"))
			.withMessageContaining("'Mailer.sned'");
		assertThat(this.calls.list("Mailer.send", 10)).isEmpty();
		assertThat(this.calls.runFailedAgain("Mailer.send")).isZero();
	}

	@Test
	void aCallThatRunsNowIsListedAsRunningAndCannotBeChanged() {
		start();
		Mailer.blocked.set(new CountDownLatch(1));
		mailer().send("ada@example.com");
		StoredCall running = awaitOne("Mailer.send", Status.RUNNING);
		assertThat(running.attempts()).isEqualTo(1);
		assertThat(running.nextRunAt()).isNull();
		assertThatIllegalStateException().isThrownBy(() -> this.calls.runAgain(running.id()))
			.withMessageContaining(running.id())
			.withMessageContaining("running now");
		assertThatIllegalStateException().isThrownBy(() -> this.calls.giveUp(running.id()))
			.withMessageContaining("running now");
		Mailer.blocked.get().countDown();
		await().atMost(WAIT).until(() -> this.calls.list("Mailer.send", 10).isEmpty());
		assertThat(Mailer.runs).hasSize(1);
	}

	@Test
	void aStoredCallOfATaskThisVersionDoesNotHaveIsListedByItsTasksNameWithWhyItCannotRun() {
		// No grace period: kept as failed by the first instance that does not know it
		start("threadmethod.durable.unknown-call-grace=0s");
		String id = "Gone.send/" + UUID.randomUUID();
		new JdbcTemplate(this.context.getBean(javax.sql.DataSource.class)).update(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
						+ "values (?, ?, ?, ?, false, 1)",
				DurableCallTask.NAME, id,
				"{\"version\":1,\"task\":\"Gone.send\",\"bean\":\"gone\",\"method\":\"send()\",\"arguments\":[]}"
					.getBytes(StandardCharsets.UTF_8),
				Timestamp.from(Instant.now()));
		StoredCall gone = awaitOne("Gone.send", Status.FAILED);
		assertThat(gone.id()).isEqualTo(id);
		assertThat(gone.storedAt()).isNull();
		assertThat(gone.lastFailure().type()).isEqualTo(UnrunnableCallException.class.getName());
		assertThat(gone.lastFailure().message()).contains("Gone.send");
		this.calls.giveUp(id);
		assertThat(rows()).isZero();
	}

	private void awaitFailed(String taskName, int count) {
		await().atMost(WAIT)
			.until(() -> this.calls.list(taskName, 10)
				.stream()
				.filter((call) -> call.status() == Status.FAILED)
				.count() == count);
	}

	private StoredCall awaitOne(String taskName, Status status) {
		AtomicReference<StoredCall> found = new AtomicReference<>();
		await().atMost(WAIT).until(() -> this.calls.list(taskName, 10), (listed) -> {
			if (listed.size() == 1 && listed.get(0).status() == status) {
				found.set(listed.get(0));
				return true;
			}
			return false;
		});
		return found.get();
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(CallsApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:calls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"threadmethod.tasks[Mailer.send].mode=durable",
					"threadmethod.tasks[Mailer.send].durable.max-retries=1",
					"threadmethod.tasks[Mailer.send].durable.backoff=20ms",
					"threadmethod.tasks[Mailer.remind].mode=durable",
					"threadmethod.tasks[Mailer.remind].durable.backoff=1h", "db-scheduler.polling-interval=200ms",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.calls = this.context.getBean(DurableCalls.class);
	}

	private Mailer mailer() {
		return this.context.getBean(Mailer.class);
	}

	private int rows() {
		return new JdbcTemplate(this.context.getBean(javax.sql.DataSource.class))
			.queryForObject("select count(*) from scheduled_tasks", Integer.class);
	}

	public static class Mailer {

		static final List<DurableCall> runs = new CopyOnWriteArrayList<>();

		static final AtomicBoolean failing = new AtomicBoolean();

		static final AtomicReference<@Nullable String> failure = new AtomicReference<>();

		static final AtomicReference<@Nullable CountDownLatch> blocked = new AtomicReference<>();

		static void reset() {
			CountDownLatch latch = blocked.getAndSet(null);
			if (latch != null) {
				latch.countDown();
			}
			runs.clear();
			failing.set(false);
			failure.set(null);
		}

		@FireAndForget
		public void send(String to) {
			run(to);
		}

		@FireAndForget
		public void remind(String to) {
			run(to);
		}

		private void run(String to) {
			CountDownLatch latch = blocked.get();
			if (latch != null) {
				try {
					assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			String message = failure.get();
			if (message != null) {
				throw new IllegalStateException(message);
			}
			if (failing.get()) {
				throw new IllegalStateException("mail server down for " + to);
			}
			runs.add(DurableCall.current());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class CallsApplication {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

}

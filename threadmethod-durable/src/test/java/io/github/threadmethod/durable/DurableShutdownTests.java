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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for a durable call that is running when its application shuts down: it finishes
 * within the shutdown timeout, or it stays in the table and another instance revives it
 * once this one's heartbeats stop.
 *
 * @author threadmethod contributors
 */
class DurableShutdownTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String url = "jdbc:h2:mem:durable-shutdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		Worker.release.countDown();
		this.contexts.forEach(ConfigurableApplicationContext::close);
		// A first attempt that a closed context left running ends once released: wait
		// for it here, or it could end in the next test and count there
		await().atMost(WAIT).until(() -> Worker.done.containsAll(Worker.running));
		Worker.reset();
	}

	@Test
	void aCallRunningWhenTheContextClosesFinishesWithinTheShutdownTimeoutAndIsDone() throws Exception {
		ConfigurableApplicationContext context = start("threadmethod.shutdown.timeout=30s");
		Scheduler scheduler = context.getBean(Scheduler.class);
		Worker worker = context.getBean(Worker.class);
		worker.work("report");
		assertThat(Worker.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Thread closing = new Thread(context::close, "closing");
		closing.start();
		// The launcher waits for the running call, the scheduler already paused (so that
		// it takes no other execution meanwhile), and takes no new call
		await().atMost(WAIT).until(() -> isDraining(closing));
		assertThat(scheduler.getSchedulerState().isPaused()).isTrue();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("late"));
		assertThat(closing.isAlive()).isTrue();
		assertThat(Worker.done).isEmpty();
		Worker.release.countDown();
		closing.join(WAIT.toMillis());
		assertThat(closing.isAlive()).isFalse();
		assertThat(Worker.done).extracting(DurableCall::getAttempt).containsExactly(1);
		assertThat(Worker.interrupted).isFalse();
		assertThat(rows()).isZero();
	}

	@Test
	void aCallThatCannotFinishStaysInTheTableAndAnotherInstanceRevivesItAsItsNextAttempt() throws Exception {
		ConfigurableApplicationContext first = start("threadmethod.shutdown.timeout=50ms",
				"db-scheduler.shutdown-max-wait=50ms");
		first.getBean(Worker.class).work("report");
		assertThat(Worker.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		DurableCall stuck = Worker.running.get(0);
		// Neither the launcher's wait nor db-scheduler's (which then interrupts) sees it
		// end
		first.close();
		assertThat(rows()).isEqualTo(1);
		assertThat(Worker.done).isEmpty();
		start();
		await().atMost(WAIT).until(() -> Worker.done.size() == 1);
		DurableCall revived = Worker.done.get(0);
		assertThat(revived.getId()).isEqualTo(stuck.getId());
		// db-scheduler records a dead execution as a failure before it revives it
		assertThat(revived.getAttempt()).isEqualTo(2);
		await().atMost(WAIT).until(() -> rows() == 0);
	}

	@Test
	void aCallWhoseLastAttemptDiedWithItsInstanceIsKeptAsFailedNotRevived() throws Exception {
		ConfigurableApplicationContext first = start("threadmethod.shutdown.timeout=50ms",
				"db-scheduler.shutdown-max-wait=50ms", "threadmethod.durable.max-retries=0");
		first.getBean(Worker.class).work("report");
		assertThat(Worker.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		first.close();
		assertThat(rows()).isEqualTo(1);
		start("threadmethod.durable.max-retries=0");
		await().atMost(WAIT).until(() -> failedRows() == 1);
		assertThat(Worker.done).isEmpty();
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void aCallOfATaskNamedByAHashInItsIdWhoseLastAttemptDiedIsKeptAsFailedByTheTasksOwnRetries() throws Exception {
		// Its ids hold a hash in place of the name: a dead run tells nothing else, and
		// the
		// global default (3 retries) would revive it as "attempt 2 of 1"
		String task = "tasks[" + LongNamedWorker.TASK + "]";
		String[] properties = { "threadmethod." + task + ".mode=durable",
				"threadmethod." + task + ".durable.max-retries=0" };
		ConfigurableApplicationContext first = start(
				concat(properties, "threadmethod.shutdown.timeout=50ms", "db-scheduler.shutdown-max-wait=50ms"));
		first.getBean(LongNamedWorker.class).work("report");
		assertThat(Worker.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(Worker.running.get(0).getId()).startsWith("#");
		assertThat(Worker.running.get(0).getMaxAttempts()).isOne();
		first.close();
		assertThat(rows()).isEqualTo(1);
		start(properties);
		await().atMost(WAIT).until(() -> failedRows() == 1);
		assertThat(Worker.done).isEmpty();
		assertThat(rows()).isEqualTo(1);
	}

	private static String[] concat(String[] first, String... second) {
		String[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	private static boolean isDraining(Thread closing) {
		return Arrays.stream(closing.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals("io.github.threadmethod.launch.Drain"));
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Worker.work].mode=durable",
					"db-scheduler.polling-interval=100ms", "db-scheduler.heartbeat-interval=100ms",
					"db-scheduler.missed-heartbeats-limit=4", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Count the rows on a connection of the test's own: the contexts' pools may be
	 * closed.
	 */
	private int rows() {
		return new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""))
			.queryForObject("select count(*) from scheduled_tasks", Integer.class);
	}

	private int failedRows() {
		return new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", "")).queryForObject(
				"select count(*) from scheduled_tasks where execution_time >= ?", Integer.class,
				java.sql.Timestamp.from(DurableRetryPolicy.FAILED_AT));
	}

	public static class Worker {

		static final List<DurableCall> running = new CopyOnWriteArrayList<>();

		static final List<DurableCall> done = new CopyOnWriteArrayList<>();

		static volatile CountDownLatch entered = new CountDownLatch(1);

		static volatile CountDownLatch release = new CountDownLatch(1);

		static volatile boolean interrupted;

		static void reset() {
			running.clear();
			done.clear();
			entered = new CountDownLatch(1);
			release = new CountDownLatch(1);
			interrupted = false;
		}

		/**
		 * Its first attempt holds on until the test releases it, whatever interrupts it;
		 * later attempts run through.
		 */
		@FireAndForget
		public void work(String name) {
			DurableCall call = DurableCall.current();
			if (call.getAttempt() == 1) {
				running.add(call);
				entered.countDown();
				awaitRelease();
			}
			done.add(call);
		}

		private static void awaitRelease() {
			while (true) {
				try {
					if (release.await(1, TimeUnit.MINUTES)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}

	}

	public static class LongNamedWorker {

		static final String TASK = "AVeryLongNameForAServiceThatSendsTheMonthlyStatements.sendTheStatementOfTheMonth";

		/**
		 * The same as {@link Worker#work(String)}, under a task name too long for the ids
		 * of its calls.
		 */
		@FireAndForget(name = TASK)
		public void work(String name) {
			DurableCall call = DurableCall.current();
			if (call.getAttempt() == 1) {
				Worker.running.add(call);
				Worker.entered.countDown();
				Worker.awaitRelease();
			}
			Worker.done.add(call);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class WorkerApplication {

		@Bean
		Worker worker() {
			return new Worker();
		}

		@Bean
		LongNamedWorker longNamedWorker() {
			return new LongNamedWorker();
		}

	}

}

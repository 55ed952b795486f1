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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests on a real PostgreSQL that the instances sharing db-scheduler's table wake each
 * other when a call is stored: two contexts on one database, whose schedulers poll once
 * an hour, so that only a wake-up can start a call on an instance other than the one that
 * stored it. The instance that stores is paused, so that the other runs every call.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableWakeUpOnPostgreSqlTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String CHANNEL = "threadmethod scheduled_tasks";

	private static final AtomicInteger databases = new AtomicInteger();

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	private String url;

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Mailer.runs.clear();
	}

	@Test
	void callsStoredOnOneInstanceRunAtOnceOnAnIdleOther() {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		start("other");
		Mailer mailer = storing.getBean(Mailer.class);
		TransactionTemplate transaction = storing.getBean(TransactionTemplate.class);
		// More than one: the first could be found by the other's first poll, at its
		// start; after it the other polls only in an hour
		for (int i = 0; i < 3; i++) {
			String outside = "outside-" + i;
			mailer.send(outside);
			await().atMost(WAIT).until(() -> Mailer.runs.contains("other " + outside));
			String inside = "inside-" + i;
			transaction.executeWithoutResult((status) -> mailer.send(inside));
			await().atMost(WAIT).until(() -> Mailer.runs.contains("other " + inside));
		}
		assertThat(Mailer.runs).hasSize(6).allMatch((run) -> run.startsWith("other "));
	}

	@Test
	void aCallRolledBackWakesNobodyAndACommittedOneIsAnnouncedOnce() throws Exception {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		Mailer mailer = storing.getBean(Mailer.class);
		TransactionTemplate transaction = storing.getBean(TransactionTemplate.class);
		try (Listening listening = new Listening(this.url)) {
			transaction.executeWithoutResult((status) -> {
				mailer.send("rolled back");
				status.setRollbackOnly();
			});
			assertThat(listening.announcementsUntilMarked()).isZero();
			assertThat(rows(storing)).isZero();
			transaction.executeWithoutResult((status) -> {
				mailer.send("first");
				mailer.send("second");
			});
			assertThat(listening.announcementsUntilMarked()).isOne();
			mailer.send("outside");
			// Announced after its commit, from a thread of its own
			assertThat(listening.announcementsAtLeast(1)).isOne();
			assertThat(listening.announcementsUntilMarked()).isZero();
		}
	}

	@Test
	void aCallMadeInAnAfterCommitCallbackIsAnnounced() throws Exception {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		Mailer mailer = storing.getBean(Mailer.class);
		TransactionTemplate transaction = storing.getBean(TransactionTemplate.class);
		try (Listening listening = new Listening(this.url)) {
			// The transaction's first durable call, made once it has committed: its row
			// is
			// held and written late, from afterCompletion, where no synchronization is
			// active any more
			transaction.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						mailer.send("after commit");
					}

				}));
			assertThat(rows(storing)).isOne();
			assertThat(listening.announcementsAtLeast(1)).isOne();
		}
	}

	@Test
	void aCallMadeInAnotherSynchronizationsBeforeCommitIsAnnouncedOnlyIfTheTransactionCommits() throws Exception {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		Mailer mailer = storing.getBean(Mailer.class);
		TransactionTemplate transaction = storing.getBean(TransactionTemplate.class);
		try (Listening listening = new Listening(this.url)) {
			// The transaction's first durable call, made in a synchronization's
			// beforeCommit that then fails the commit: its row, held too late to be
			// written before the commit, is never written nor announced
			assertThatIllegalStateException()
				.isThrownBy(() -> transaction.executeWithoutResult((status) -> TransactionSynchronizationManager
					.registerSynchronization(new TransactionSynchronization() {

						@Override
						public void beforeCommit(boolean readOnly) {
							mailer.send("rolled back");
							throw new IllegalStateException("commit refused");
						}

					})));
			assertThat(listening.announcementsUntilMarked()).isZero();
			assertThat(rows(storing)).isZero();
			transaction.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void beforeCommit(boolean readOnly) {
						mailer.send("committed");
					}

				}));
			assertThat(rows(storing)).isOne();
			// Announced once, after its commit
			assertThat(listening.announcementsAtLeast(1)).isOne();
			assertThat(listening.announcementsUntilMarked()).isZero();
		}
	}

	@Test
	void aCallStoredOutsideATransactionCostsItsCallerOneInsertAndIsAnnouncedByAnotherThread() {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		start("other");
		RecordingDataSource recording = (RecordingDataSource) storing.getBean(DataSource.class);
		Mailer mailer = storing.getBean(Mailer.class);
		recording.clear();
		for (int i = 0; i < 3; i++) {
			String call = "outside-" + i;
			mailer.send(call);
			await().atMost(WAIT).until(() -> Mailer.runs.contains("other " + call));
		}
		// The pool's connections commit each statement (auto-commit), as Boot's do by
		// default: what db-scheduler's client runs to schedule a call (on 16.x, a look
		// for the same id and the insert), and nothing else
		List<String> ran = recording.ranOn(Thread.currentThread());
		assertThat(ran).filteredOn((statement) -> statement.startsWith("insert into scheduled_tasks")).hasSize(3);
		assertThat(ran).allMatch((statement) -> statement.startsWith("insert into scheduled_tasks")
				|| statement.startsWith("select * from scheduled_tasks"));
		assertThat(recording.threadsThatRan((statement) -> statement.startsWith("notify"))).isNotEmpty()
			.allMatch("threadmethod-wake-up-sender"::equals);
	}

	@Test
	void onAPoolThatDoesNotAutoCommitACallStoredOutsideATransactionCostsItsCallerAnInsertAndACommit() {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance("spring.datasource.hikari.auto-commit=false");
		start("other", "spring.datasource.hikari.auto-commit=false");
		RecordingDataSource recording = (RecordingDataSource) storing.getBean(DataSource.class);
		recording.clear();
		storing.getBean(Mailer.class).send("outside");
		await().atMost(WAIT).until(() -> Mailer.runs.contains("other outside"));
		List<String> ran = recording.ranOn(Thread.currentThread());
		assertThat(ran).filteredOn((statement) -> statement.startsWith("insert into scheduled_tasks")).hasSize(1);
		assertThat(ran).noneMatch((statement) -> statement.startsWith("notify"))
			.last()
			.isEqualTo(RecordingDataSource.COMMIT);
		assertThat(ran).filteredOn(RecordingDataSource.COMMIT::equals).hasSize(1);
		assertThat(recording.threadsThatRan((statement) -> statement.startsWith("notify"))).isNotEmpty()
			.allMatch("threadmethod-wake-up-sender"::equals);
	}

	@Test
	void callsCommittedWhileAnAnnouncementIsOnItsWayAreAnnouncedTogetherByTheNext() throws Exception {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		RecordingDataSource recording = (RecordingDataSource) storing.getBean(DataSource.class);
		Mailer mailer = storing.getBean(Mailer.class);
		int calls = 50;
		try (Listening listening = new Listening(this.url)) {
			RecordingDataSource.Hold hold = recording.hold((statement) -> statement.startsWith("notify")
					&& Thread.currentThread().getName().equals("threadmethod-wake-up-sender"));
			mailer.send("first");
			assertThat(hold.reached(WAIT.toSeconds())).as("the first announcement is on its way").isTrue();
			for (int i = 1; i < calls; i++) {
				mailer.send("call " + i);
			}
			hold.release();
			// The first call's announcement, and one for all the others
			int announced = listening.announcementsAtLeast(2);
			assertThat(listening.announcementsUntilMarked()).isZero();
			assertThat(announced).isEqualTo(2).isLessThan(calls);
		}
		assertThat(rows(storing)).isEqualTo(calls);
	}

	@Test
	void withWakeUpPollNothingIsAnnouncedNorListenedToAndTheOtherFindsTheCallAtItsPoll() throws Exception {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance("threadmethod.durable.wake-up=poll");
		ConfigurableApplicationContext other = start("other", "threadmethod.durable.wake-up=poll");
		assertThat(storing.getBeanProvider(PostgresWakeUps.class).getIfAvailable()).isNull();
		assertThat(other.getBeanProvider(WakeUpListener.class).getIfAvailable()).isNull();
		try (Listening listening = new Listening(this.url)) {
			storing.getBean(Mailer.class).send("polled");
			assertThat(listening.announcementsUntilMarked()).isZero();
		}
		assertThat(rows(storing)).isOne();
		assertThat(Mailer.runs).isEmpty();
		// What its next poll does
		other.getBean(Scheduler.class).triggerCheckForDueExecutions();
		await().atMost(WAIT).until(() -> Mailer.runs.contains("other polled"));
	}

	@Test
	void aListenerThatLosesItsConnectionListensAgainSayingSoOnce(CapturedOutput output) {
		this.url = postgres.createDatabase("wake_up_" + databases.incrementAndGet());
		ConfigurableApplicationContext storing = storingInstance();
		ConfigurableApplicationContext other = start("other");
		WakeUpListener listener = other.getBean(WakeUpListener.class);
		int first = listener.getBackendPid();
		assertThat(first).isNotZero();
		Boolean terminated = new JdbcTemplate(storing.getBean(DataSource.class))
			.queryForObject("select pg_terminate_backend(?)", Boolean.class, first);
		assertThat(terminated).isTrue();
		// Away for a second at least: it connects again after a back-off
		await().atMost(WAIT).until(() -> !listener.isListening());
		Mailer mailer = storing.getBean(Mailer.class);
		// Its announcement heard by nobody: it runs only because the listener, once
		// back, wakes its scheduler for what it may have missed
		mailer.send("while away");
		await().atMost(WAIT).until(() -> Mailer.runs.contains("other while away"));
		await().atMost(WAIT).until(() -> listener.isListening() && listener.getBackendPid() != first);
		mailer.send("back");
		await().atMost(WAIT).until(() -> Mailer.runs.contains("other back"));
		assertThat(output.getOut().split("Not listening for durable @FireAndForget calls", -1)).hasSize(2);
		assertThat(output.getOut().split("Listening again for durable @FireAndForget calls", -1)).hasSize(2);
	}

	/**
	 * The instance that stores the calls: paused, so that it runs none of them.
	 */
	private ConfigurableApplicationContext storingInstance(String... properties) {
		ConfigurableApplicationContext context = start("storing", properties);
		context.getBean(Scheduler.class).pause();
		return context;
	}

	private ConfigurableApplicationContext start(String name, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "spring.datasource.username=" + postgres.getUsername(),
					"threadmethod.durable.initialize-schema=always", "threadmethod.tasks[Mailer.send].mode=durable",
					"db-scheduler.polling-interval=1h", "instance.name=" + name, "spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static int rows(ConfigurableApplicationContext context) {
		Integer rows = new JdbcTemplate(context.getBean(DataSource.class))
			.queryForObject("select count(*) from scheduled_tasks", Integer.class);
		return (rows != null) ? rows : 0;
	}

	/**
	 * A connection of the test's own that listens on the instances' channel. PostgreSQL
	 * delivers notifications in the order their transactions commit, so a mark it sends
	 * itself, once the instance is done, comes after anything the instance announced.
	 */
	private static final class Listening implements AutoCloseable {

		private static final String MARK = "test mark";

		private final Connection connection;

		Listening(String url) throws SQLException {
			this.connection = DriverManager.getConnection(url, postgres.getUsername(), "");
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("LISTEN \"" + CHANNEL + "\"");
				statement.execute("LISTEN \"" + MARK + "\"");
			}
		}

		/**
		 * Count the announcements on the channel, marking again until there are at least
		 * the given number: for announcements sent after the instance is done.
		 */
		int announcementsAtLeast(int expected) {
			AtomicInteger announced = new AtomicInteger();
			await().atMost(WAIT).until(() -> announced.addAndGet(announcementsUntilMarked()) >= expected);
			return announced.get();
		}

		/**
		 * Send the mark, and count the announcements on the channel that come before it.
		 */
		int announcementsUntilMarked() throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("NOTIFY \"" + MARK + "\"");
			}
			List<String> channels = new ArrayList<>();
			PGConnection listening = this.connection.unwrap(PGConnection.class);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!channels.contains(MARK)) {
				assertThat(System.nanoTime()).as("the mark arrives").isLessThan(deadline);
				PGNotification[] notifications = listening.getNotifications(100);
				if (notifications != null) {
					for (PGNotification notification : notifications) {
						channels.add(notification.getName());
					}
				}
			}
			assertThat(channels).isSubsetOf(CHANNEL, MARK);
			return (int) channels.stream().filter(CHANNEL::equals).count();
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		static BeanPostProcessor recordingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof RecordingDataSource))
							? new RecordingDataSource(dataSource) : bean;
				}

			};
		}

		@Bean
		Mailer mailer(@Value("${instance.name}") String name) {
			return new Mailer(name);
		}

	}

	public static class Mailer {

		static final List<String> runs = new CopyOnWriteArrayList<>();

		private final String name;

		public Mailer(String name) {
			this.name = name;
		}

		@FireAndForget
		public void send(String to) {
			runs.add(this.name + " " + to);
		}

	}

}

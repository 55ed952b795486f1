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
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the tasks whose effects are {@code once}: the body's writes and the mark that
 * the call is done commit together or not at all, a call marked done is completed without
 * running its body, start-up refuses the setting where it cannot hold, and the clean-up
 * removes the marks of the calls gone.
 *
 * @author threadmethod contributors
 */
class DurableEffectsOnceTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String url = "jdbc:h2:mem:once-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		Ledger.runs.clear();
		Ledger.failingAttempts.set(0);
		Journal.inTransaction.clear();
		failures.clear();
	}

	static final List<Throwable> failures = new CopyOnWriteArrayList<>();

	@Test
	void aBodyThatThrowsHasItsWritesAndItsMarkRolledBackAndItsLastAttemptsWritesCommitOnce() {
		Ledger.failingAttempts.set(2);
		start("threadmethod.tasks[Ledger.record].durable.effects=once");
		this.context.getBean(Ledger.class).record("ada");
		await().atMost(WAIT).until(() -> rows() == 0 && Ledger.runs.size() == 3);
		assertThat(failures).hasSize(2);
		assertThat(jdbc().queryForList("select entry, attempt from entries"))
			.containsExactly(Map.of("ENTRY", "ada", "ATTEMPT", 3));
		assertThat(marks()).isOne();
	}

	@Test
	void aBodyWithoutTransactionalWritesInTheTransactionThatMarksItsCallDone() {
		start("threadmethod.durable.effects=once");
		this.context.getBean(Journal.class).note("bob");
		await().atMost(WAIT).until(() -> rows() == 0 && Journal.inTransaction.size() == 1);
		assertThat(Journal.inTransaction).containsExactly(true);
		assertThat(jdbc().queryForList("select entry from entries", String.class)).containsExactly("bob");
		assertThat(marks()).isOne();
	}

	@Test
	void aRevivedCallMarkedDoneIsCompletedWithoutRunningItsBody() {
		start("threadmethod.tasks[Ledger.record].durable.effects=once");
		this.context.getBean(Scheduler.class).pause();
		this.context.getBean(Ledger.class).record("done already");
		markDone(jdbc().queryForObject("select task_instance from scheduled_tasks", String.class));
		// As a run whose instance died after the body's commit leaves it
		jdbc().update("update scheduled_tasks set consecutive_failures = 1");
		this.context.getBean(Scheduler.class).resume();
		await().atMost(WAIT).until(() -> rows() == 0);
		assertThat(Ledger.runs).isEmpty();
		assertThat(jdbc().queryForObject("select count(*) from entries", Integer.class)).isZero();
	}

	@Test
	void aFirstRunOfACallMarkedDoneMeetsTheMarkAndDoesNotRunItsBody() {
		start("threadmethod.tasks[Ledger.record].durable.effects=once");
		this.context.getBean(Scheduler.class).pause();
		this.context.getBean(Ledger.class).record("done already");
		markDone(jdbc().queryForObject("select task_instance from scheduled_tasks", String.class));
		this.context.getBean(Scheduler.class).resume();
		await().atMost(WAIT).until(() -> rows() == 0);
		assertThat(Ledger.runs).isEmpty();
		assertThat(jdbc().queryForObject("select count(*) from entries", Integer.class)).isZero();
	}

	@Test
	void atLeastOnceWritesNoMarkAndRunsTheBodyOutsideSuchATransaction() {
		start();
		this.context.getBean(Journal.class).note("carl");
		await().atMost(WAIT).until(() -> rows() == 0 && Journal.inTransaction.size() == 1);
		assertThat(Journal.inTransaction).containsExactly(false);
		assertThat(marks()).isZero();
	}

	@Test
	void theCleanUpRemovesTheMarksOfTheCallsGoneInBatchesAndKeepsTheOthers() {
		start("threadmethod.durable.effects=once", "threadmethod.durable.done-marks.retention=1m",
				"threadmethod.durable.done-marks.cleanup-batch-size=2");
		for (int i = 0; i < 4; i++) {
			this.context.getBean(Ledger.class).record("entry " + i);
		}
		await().atMost(WAIT).until(() -> rows() == 0 && marks() == 4);
		this.context.getBean(Scheduler.class).pause();
		this.context.getBean(Ledger.class).record("waiting");
		markDone(jdbc().queryForObject("select task_instance from scheduled_tasks", String.class));
		jdbc().update("update threadmethod_done_calls set done_at = ?",
				Timestamp.from(Instant.now().minusSeconds(120)));
		DoneMarks marks = this.context.getBean(EffectivelyOnce.class).marks();
		assertThat(marks.removeGone("scheduled_tasks", DurableCallTask.NAME, Duration.ofMinutes(1), 1)).isOne();
		DoneMarkCleanup cleanup = this.context.getBean(DoneMarkCleanup.class);
		assertThat(cleanup.run()).isEqualTo(3);
		assertThat(marks()).isOne();
		assertThat(cleanup.run()).isZero();
	}

	@Test
	void theCleanUpRunsOnADaemonThreadOfItsOwnWhileTheContextRuns() {
		Set<Thread> before = cleanUpThreads();
		start("threadmethod.durable.effects=once");
		DoneMarkCleanup cleanup = this.context.getBean(DoneMarkCleanup.class);
		assertThat(cleanup.isRunning()).isTrue();
		cleanup.start();
		Set<Thread> started = cleanUpThreads();
		started.removeAll(before);
		assertThat(started).singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isTrue());
		this.context.close();
		assertThat(cleanup.isRunning()).isFalse();
		await().atMost(WAIT).until(() -> started.stream().noneMatch(Thread::isAlive));
	}

	@Test
	void noCleanUpRunsWhereNoTaskHasItsEffectsOnce() {
		Set<Thread> before = cleanUpThreads();
		start();
		assertThat(this.context.getBean(DoneMarkCleanup.class).isRunning()).isFalse();
		// Those of contexts closed before may end meanwhile: none is new
		Set<Thread> started = cleanUpThreads();
		started.removeAll(before);
		assertThat(started).isEmpty();
	}

	@Test
	void theCleanUpKeepsTheMarksWithinTheirRetention() {
		start("threadmethod.durable.effects=once");
		this.context.getBean(Ledger.class).record("kept");
		await().atMost(WAIT).until(() -> rows() == 0 && marks() == 1);
		assertThat(this.context.getBean(DoneMarkCleanup.class).run()).isZero();
		assertThat(marks()).isOne();
	}

	@Test
	void aTaskInTheThreadModeIsRefused() {
		runner()
			.withPropertyValues("threadmethod.tasks[Ledger.record].mode=thread",
					"threadmethod.tasks[Ledger.record].durable.effects=once")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Ledger.record].durable.effects")
				.hasMessageContaining(
						"Task 'Ledger.record' cannot have its effects 'once': it runs in the thread " + "mode"));
	}

	@Test
	void aTaskInTheSynchronousModeIsRefused() {
		runner()
			.withPropertyValues("threadmethod.mode=synchronous",
					"threadmethod.tasks[Ledger.record].durable.effects=once")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(
						"Task 'Ledger.record' cannot have its effects 'once': it runs in the " + "synchronous mode"));
	}

	@Test
	void aDurableTaskUnderTheOneLineTestModeIsCheckedAsConfiguredAndRunsOnceOnItsCallersThread() {
		runner()
			.withPropertyValues("threadmethod.mode=synchronous", "threadmethod.tasks[Ledger.record].mode=durable",
					"threadmethod.tasks[Ledger.record].durable.effects=once")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(JdbcTemplate.class).execute("create table entries (entry varchar(100), attempt int)");
				context.getBean(Ledger.class).record("tested");
				assertThat(Ledger.runs).singleElement().satisfies((call) -> assertThat(call.isStored()).isFalse());
				assertThat(context.getBean(JdbcTemplate.class).queryForList("select entry from entries", String.class))
					.containsExactly("tested");
			});
	}

	@Test
	void aBodyWhoseTransactionalSuspendsTheTransactionIsRefused() {
		runner()
			.withPropertyValues("threadmethod.tasks[Isolated.record].mode=durable",
					"threadmethod.tasks[Isolated.record].durable.effects=once")
			.withBean(Isolated.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Task 'Isolated.record' cannot have its effects 'once': the @Transactional of "
						+ "record suspends the transaction")
				.hasMessageContaining("REQUIRES_NEW"));
	}

	@Test
	void aBodyWhoseTransactionalNamesAnotherManagerIsRefused() {
		runner()
			.withPropertyValues("threadmethod.tasks[Elsewhere.record].mode=durable",
					"threadmethod.tasks[Elsewhere.record].durable.effects=once")
			.withBean(Elsewhere.class)
			.withBean("otherTransactionManager", DataSourceTransactionManager.class,
					() -> new DataSourceTransactionManager(
							new DriverManagerDataSource("jdbc:h2:mem:other-" + UUID.randomUUID())))
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("names the transaction manager 'otherTransactionManager', which is not the "
						+ "one of db-scheduler's database"));
	}

	@Test
	void noTransactionManagerOfTheDatabaseIsRefusedNamingTheDefaultProperty() {
		new ApplicationContextRunner()
			.withConfiguration(BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL.stream()
				.filter((name) -> !name.equals(BootDataAutoConfigurations.TRANSACTION_MANAGER))
				.toList()))
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Journal.note].mode=durable",
					"threadmethod.durable.effects=once")
			.withUserConfiguration(Jdbc.class)
			.withBean(Journal.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.durable.effects")
				.hasMessageContaining("Task 'Journal.note' cannot have its effects 'once': no transaction manager "
						+ "bean manages db-scheduler's database"));
	}

	@Test
	void aTransactionManagerThatHoldsTheDatabaseAsABeanPropertyAsJpaOnesDoMarksTheCallsDone() {
		runner()
			.withPropertyValues("threadmethod.tasks[Journal.note].mode=durable", "threadmethod.durable.effects=once")
			.withBean(Journal.class)
			.withUserConfiguration(PropertyHoldingManagerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PlatformTransactionManager.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("create table entries (entry varchar(100), attempt int)");
				context.getBean(Journal.class).note("noted");
				await().atMost(WAIT)
					.until(() -> jdbc.queryForObject("select count(*) from threadmethod_done_calls", Integer.class),
							(marks) -> marks == 1);
				assertThat(jdbc.queryForList("select entry from entries", String.class)).containsExactly("noted");
				assertThat(Journal.inTransaction).containsExactly(true);
			});
	}

	@Test
	void aTransactionManagerThatHoldsAnotherDatabaseAsABeanPropertyIsNotTheOneOfTheMarks() {
		runner()
			.withPropertyValues("threadmethod.tasks[Journal.note].mode=durable", "threadmethod.durable.effects=once",
					"other.url=jdbc:h2:mem:other-" + UUID.randomUUID())
			.withBean(Journal.class)
			.withUserConfiguration(PropertyHoldingManagerConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Task 'Journal.note' cannot have its effects 'once': no transaction manager "
						+ "bean manages db-scheduler's database"));
	}

	@Test
	void aMissingTableOfTheMarksIsRefusedNamingIt() {
		runner().withPropertyValues("threadmethod.tasks[Ledger.record].mode=durable")
			.run((context) -> new JdbcTemplate(context.getBean(DataSource.class))
				.execute("drop table threadmethod_done_calls"));
		runner()
			.withPropertyValues("threadmethod.tasks[Ledger.record].mode=durable",
					"threadmethod.tasks[Ledger.record].durable.effects=once",
					"threadmethod.durable.initialize-schema=never")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("the table of their done marks, 'threadmethod_done_calls', cannot be read"));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL))
			.withPropertyValues("spring.datasource.url=" + this.url)
			.withUserConfiguration(Jdbc.class)
			.withBean(Ledger.class);
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "db-scheduler.polling-interval=100ms",
					"spring.main.banner-mode=off", "threadmethod.tasks[Ledger.record].mode=durable",
					"threadmethod.tasks[Ledger.record].durable.max-retries=3",
					"threadmethod.tasks[Ledger.record].durable.backoff=50ms",
					"threadmethod.tasks[Journal.note].mode=durable")
			.properties(properties)
			.run();
		jdbc().execute("create table entries (entry varchar(100), attempt int)");
	}

	private void markDone(String id) {
		byte[] data = jdbc().queryForObject("select task_data from scheduled_tasks where task_instance = ?",
				byte[].class, id);
		String stored = this.context.getBean(StoredCallFormat.class).read(Objects.requireNonNull(data)).stored();
		jdbc().update("insert into threadmethod_done_calls (task_instance, call_stored, done_at) values (?, ?, ?)", id,
				stored, Timestamp.from(Instant.now().minusSeconds(60)));
	}

	private static Set<Thread> cleanUpThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("threadmethod-done-marks"))
			.collect(Collectors.toCollection(HashSet::new));
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.context.getBean(DataSource.class));
	}

	private int rows() {
		return jdbc().queryForObject("select count(*) from scheduled_tasks", Integer.class);
	}

	private int marks() {
		return jdbc().queryForObject("select count(*) from threadmethod_done_calls", Integer.class);
	}

	/**
	 * Writes an entry in its own {@code @Transactional}, failing after the write on the
	 * attempts before a given one.
	 */
	public static class Ledger {

		static final List<DurableCall> runs = new CopyOnWriteArrayList<>();

		static final AtomicInteger failingAttempts = new AtomicInteger();

		private final JdbcTemplate jdbc;

		public Ledger(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@FireAndForget
		@Transactional
		public void record(String entry) {
			DurableCall call = Objects.requireNonNull(DurableCall.current());
			runs.add(call);
			this.jdbc.update("insert into entries (entry, attempt) values (?, ?)", entry, call.getAttempt());
			if (call.getAttempt() <= failingAttempts.get()) {
				throw new IllegalStateException("attempt " + call.getAttempt() + " fails");
			}
		}

	}

	/**
	 * Writes an entry without a {@code @Transactional} of its own.
	 */
	public static class Journal {

		static final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

		private final JdbcTemplate jdbc;

		public Journal(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@FireAndForget
		public void note(String entry) {
			this.jdbc.update("insert into entries (entry, attempt) values (?, ?)", entry, 1);
			inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		}

	}

	public static class Isolated {

		@FireAndForget
		@Transactional(propagation = Propagation.REQUIRES_NEW)
		public void record(String entry) {
		}

	}

	public static class Elsewhere {

		@FireAndForget
		@Transactional("otherTransactionManager")
		public void record(String entry) {
		}

	}

	/**
	 * A transaction manager that holds its database as a bean property and is no resource
	 * manager of it, as JPA's and Hibernate's are: here one that hands its work to a JDBC
	 * one.
	 */
	public static class PropertyHoldingTransactionManager implements PlatformTransactionManager {

		private final DataSourceTransactionManager jdbc;

		PropertyHoldingTransactionManager(DataSource dataSource) {
			this.jdbc = new DataSourceTransactionManager(dataSource);
		}

		public DataSource getDataSource() {
			return this.jdbc.getDataSource();
		}

		@Override
		public TransactionStatus getTransaction(@Nullable TransactionDefinition definition) {
			return this.jdbc.getTransaction(definition);
		}

		@Override
		public void commit(TransactionStatus status) {
			this.jdbc.commit(status);
		}

		@Override
		public void rollback(TransactionStatus status) {
			this.jdbc.rollback(status);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PropertyHoldingManagerConfiguration {

		@Bean
		PropertyHoldingTransactionManager transactionManager(DataSource dataSource, Environment environment) {
			String other = environment.getProperty("other.url");
			return new PropertyHoldingTransactionManager(
					(other != null) ? new DriverManagerDataSource(other) : dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Jdbc {

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ BootDataAutoConfigurations.Selector.class, Jdbc.class })
	static class App {

		@Bean
		Ledger ledger(JdbcTemplate jdbc) {
			return new Ledger(jdbc);
		}

		@Bean
		Journal journal(JdbcTemplate jdbc) {
			return new Journal(jdbc);
		}

		@Bean
		FireAndForgetExceptionHandler exceptionHandler() {
			return (ex, task, arguments) -> failures.add(ex);
		}

	}

}

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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration;
import io.github.threadmethod.launch.CallLauncher;
import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code durable} mode on an embedded H2 database, through real contexts
 * with db-scheduler's Spring Boot starter.
 *
 * @author threadmethod contributors
 */
class DurableModeTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String url = "jdbc:h2:mem:durable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Mailer.reset();
	}

	@Test
	void aCallIsStoredReturnsAndItsBodyRunsOnceOnTheEnginesThreadThroughTheProxy() {
		ConfigurableApplicationContext context = start();
		context.getBean(Mailer.class).send("ada@example.com", new Letter("Hello", List.of(1, 2)));
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
		Run run = Mailer.runs.get(0);
		assertThat(run.to()).isEqualTo("ada@example.com");
		assertThat(run.letter()).isEqualTo(new Letter("Hello", List.of(1, 2)));
		assertThat(run.thread()).startsWith("db-scheduler");
		assertThat(run.call().getAttempt()).isEqualTo(1);
		await().atMost(WAIT).until(() -> rows(context) == 0);
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Mailer.send"))
			.isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 1));
	}

	@Test
	void twoApplicationsOnOneDatabaseRunEachCallExactlyOnce() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		for (int i = 0; i < 20; i++) {
			first.getBean(Mailer.class).send("first-" + i, new Letter("x", List.of()));
			second.getBean(Mailer.class).send("second-" + i, new Letter("x", List.of()));
		}
		await().atMost(WAIT).until(() -> rows(first) == 0 && Mailer.runs.size() >= 40);
		assertThat(Mailer.runs).hasSize(40);
		assertThat(Mailer.runs.stream().map(Run::to).distinct()).hasSize(40);
		assertThat(Mailer.runs.stream().map((run) -> run.call().getId()).distinct()).hasSize(40);
	}

	@Test
	void aCallMadeInATransactionExistsOnlyIfTheCallerCommits() {
		ConfigurableApplicationContext context = start();
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		transaction.executeWithoutResult((status) -> {
			context.getBean(Mailer.class).send("rolled-back", new Letter("x", List.of()));
			assertThat(rows(context)).isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(rows(context)).isZero();
		transaction.executeWithoutResult(
				(status) -> context.getBean(Mailer.class).send("committed", new Letter("x", List.of())));
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
		assertThat(Mailer.runs).extracting(Run::to).containsExactly("committed");
	}

	@Test
	void aFailingCallIsRetriedWithItsIdThenKeptAsFailedAndTheHandlerHearsTheLastAttempt() {
		List<DurableCall> handled = new CopyOnWriteArrayList<>();
		ConfigurableApplicationContext context = start((ex, task, arguments) -> handled.add(DurableCall.current()),
				"threadmethod.tasks[Mailer.send].durable.max-retries=2",
				"threadmethod.tasks[Mailer.send].durable.backoff=20ms");
		Mailer.failing.set(true);
		context.getBean(Mailer.class).send("ada@example.com", new Letter("x", List.of()));
		await().atMost(WAIT).until(() -> failedRows(context) == 1);
		assertThat(handled).extracting(DurableCall::getAttempt).containsExactly(1, 2, 3);
		assertThat(handled).extracting(DurableCall::isLastAttempt).containsExactly(false, false, true);
		assertThat(handled).extracting(DurableCall::getId).containsOnly(handled.get(0).getId());
		assertThat(jdbc(context).queryForObject("select consecutive_failures from scheduled_tasks", Integer.class))
			.isEqualTo(3);
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Mailer.send"))
			.isEqualTo(new TaskTotals(3, 0, 3, 0, 0, 1));
	}

	@Test
	void aRowHoldingAJavaSerializedGadgetIsNeverDeserializedAndIsKeptAsFailed() throws IOException {
		ConfigurableApplicationContext context = start();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new Gadget());
		}
		insert(context, "gadget", bytes.toByteArray());
		await().atMost(WAIT).until(() -> failedRows(context) == 1);
		assertThat(Gadget.deserialized).isFalse();
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void aStoredCallOfATaskThatNoLongerExistsIsKeptAsFailedAndNeverRetriedWithoutAGracePeriod() {
		ConfigurableApplicationContext context = start("threadmethod.durable.unknown-call-grace=0s");
		insert(context, "gone",
				("{\"version\":1,\"task\":\"Gone.send\",\"bean\":\"gone\",\"method\":\"send()\"," + "\"arguments\":[]}")
					.getBytes());
		insert(context, "changed", ("{\"version\":1,\"task\":\"Mailer.send\",\"bean\":\"mailer\","
				+ "\"method\":\"send(java.lang.String)\",\"arguments\":[\"ada@example.com\"]}")
			.getBytes());
		await().atMost(WAIT).until(() -> failedRows(context) == 2);
		assertThat(jdbc(context).queryForList("select consecutive_failures from scheduled_tasks", Integer.class))
			.containsOnly(1);
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void anArgumentThatCannotBeStoredIsRejectedNamingTaskAndParameterAndNothingIsStored() {
		ConfigurableApplicationContext context = start();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(
				() -> context.getBean(Mailer.class).send("ada@example.com", new Letter("x", new AbstractList<>() {

					@Override
					public Integer get(int index) {
						throw new IllegalStateException("cannot read page " + index);
					}

					@Override
					public int size() {
						return 1;
					}

				})))
			.withMessageStartingWith("@FireAndForget call of task 'Mailer.send' rejected: argument 2 ('letter', ")
			.withMessageContaining("cannot be stored as JSON");
		assertThat(rows(context)).isZero();
	}

	@Test
	void aCallLargerThanTheMaxCallSizeIsRejectedNamingTheTaskAndItsSizeAndNothingIsStored() {
		ConfigurableApplicationContext context = start("threadmethod.durable.max-call-size=1KB");
		Letter large = new Letter("x".repeat(2000), List.of());
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> context.getBean(Mailer.class).send("ada@example.com", large))
			.withMessageStartingWith("@FireAndForget call of task 'Mailer.send' rejected: its stored form is ")
			.withMessageMatching("(?s).*is 2\\d{3} bytes, more than threadmethod.durable.max-call-size allows "
					+ "\\(1024 bytes\\); nothing was stored.*");
		assertThat(rows(context)).isZero();
		context.getBean(Mailer.class).send("ada@example.com", new Letter("small", List.of()));
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
	}

	@Test
	void overloadedDurableMethodsFailStartUpSayingOverloadNamingTheBeanOnceAndListingTheOverloads() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.mode=durable")
			.withBean("notifier", Notifier.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining("runs as task 'Notifier.alert' in the durable mode, as do its overloads ")
				.hasMessageContaining("Notifier.alert(String, int)")
				.hasMessageContaining("Notifier.alert(String, String)")
				.satisfies((failure) -> assertThat(failure.getMessage().split("'notifier'", -1)).hasSize(2)));
	}

	@Test
	void aMissingTableFailsStartUpNamingTheTableAndTheDatabase() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable",
					"threadmethod.durable.initialize-schema=never")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(MissingDurableTableException.class)
				.hasMessageContaining("db-scheduler's table 'scheduled_tasks' does not exist")
				.hasMessageContaining("in H2 ")
				.hasMessageContaining(" at " + this.url.substring(0, this.url.indexOf(';')) + " (")
				.hasMessageNotContaining("DB_CLOSE_DELAY")
				.hasMessageContaining("threadmethod.durable.initialize-schema=always"));
	}

	@Test
	void aMissingTableDoesNotFailStartUpWithoutDurableTasks() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.durable.initialize-schema=never")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aCallThatCannotReachTheTableIsRejectedNamingTheTaskAndNeverRunOnAThread() {
		ConfigurableApplicationContext context = start();
		jdbc(context).execute("drop table scheduled_tasks");
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> context.getBean(Mailer.class).send("ada@example.com", new Letter("x", List.of())))
			.withMessageStartingWith("@FireAndForget call of task 'Mailer.send' rejected: it could not be stored in "
					+ "db-scheduler's table");
		assertThat(Mailer.runs).isEmpty();
	}

	@Test
	void theThreadBackendStaysTheDefaultBesideTheDurableOne() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues("spring.datasource.url=" + this.url)
			.run((context) -> {
				CallLauncher launcher = context.getBean(CallLauncher.class);
				assertThat(launcher.getBackends()).containsOnlyKeys("thread", "durable", "synchronous");
				assertThat(launcher.getSettings().defaults().mode()).isEqualTo("thread");
			});
	}

	@Test
	void withoutJackson3CallsAreStoredWithJackson2AndRun() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable",
					"db-scheduler.polling-interval=200ms")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(StoredCallFormat.class)).isInstanceOf(Jackson2CallFormat.class);
				context.getBean(Mailer.class).send("ada@example.com", new Letter("Hello", List.of(1, 2)));
				await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
				assertThat(Mailer.runs.get(0).letter()).isEqualTo(new Letter("Hello", List.of(1, 2)));
			});
	}

	@Test
	void instancesOnJackson2AndOnJackson3ReadEachOthersCalls() throws IOException {
		assumeTrue(ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null), "Jackson 3 is there");
		Stored jackson3 = storedBy(getClass().getClassLoader());
		Stored jackson2 = storedBy(new FilteredClassLoader("tools.jackson"));
		assertThat(jackson3.format()).isInstanceOf(Jackson3CallFormat.class);
		assertThat(jackson2.format()).isInstanceOf(Jackson2CallFormat.class);
		Object[] arguments = { "ada@example.com", new Letter("Hello", List.of(1, 2)) };
		Map<String, String> trace = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		Instant stored = Instant.parse("2026-12-06T09:30:00.123Z");
		byte[] by3 = jackson3.format().write(jackson3.task(), arguments, trace, stored);
		byte[] by2 = jackson2.format().write(jackson2.task(), arguments, trace, stored);
		// The same call, byte for byte up to the arguments, which each mapper writes with
		// its own settings (the order of properties, say)
		String call = "{\"version\":1,\"task\":\"Mailer.send\",\"bean\":\"mailer\",\"method\":\"send(java.lang.String,"
				+ Letter.class.getTypeName() + ")\",\"arguments\":[\"ada@example.com\",{";
		assertThat(new String(by3, StandardCharsets.UTF_8)).startsWith(call);
		assertThat(new String(by2, StandardCharsets.UTF_8)).startsWith(call);
		ObjectMapper json = new ObjectMapper();
		assertThat(json.readTree(by2)).isEqualTo(json.readTree(by3));
		assertThat(jackson2.format().arguments(jackson2.format().read(by3), jackson2.task()))
			.containsExactly(arguments);
		assertThat(jackson3.format().arguments(jackson3.format().read(by2), jackson3.task()))
			.containsExactly(arguments);
		assertThat(jackson2.format().read(by3).trace()).isEqualTo(trace);
		assertThat(jackson3.format().read(by2).trace()).isEqualTo(trace);
	}

	private Stored storedBy(ClassLoader classLoader) {
		AtomicReference<Stored> stored = new AtomicReference<>();
		new ApplicationContextRunner().withConfiguration(configurations())
			.withClassLoader(classLoader)
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> {
				DurableTask task = context.getBean(DurableTasks.class).get("Mailer.send");
				assertThat(task).isNotNull();
				stored.set(new Stored(context.getBean(StoredCallFormat.class), task));
			});
		return stored.get();
	}

	@Test
	void aDurableTaskWithoutJacksonFailsStartUpNamingTheTaskAndTheDependency() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withClassLoader(new FilteredClassLoader("tools.jackson", "com.fasterxml.jackson"))
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Mailer.send].mode")
				.hasMessageContaining("with Jackson, which is not on the class path"));
	}

	@Test
	void aDurableTaskWithoutDbSchedulerFailsStartUpNamingTheTaskAndTheDependency() {
		new ApplicationContextRunner()
			.withConfiguration(BootDataAutoConfigurations
				.of(List.of(BootDataAutoConfigurations.DATA_SOURCE, BootDataAutoConfigurations.JACKSON,
						ThreadMethodAutoConfiguration.class.getName(), DurableAutoConfiguration.class.getName())))
			.withClassLoader(new FilteredClassLoader("com.github.kagkarlsson"))
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Mailer.send].mode")
				.hasMessageContaining("com.github.kagkarlsson:db-scheduler-spring-boot-4-starter"));
	}

	@Test
	void aDurableTaskWithoutASchedulerFailsStartUpNamingThePropertyAndWhatIsMissing() {
		// db-scheduler is on the class path, but no DataSource, so no Scheduler
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
			.withPropertyValues("threadmethod.tasks[Mailer.send].mode=durable")
			.withUserConfiguration(MailerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("threadmethod.tasks[Mailer.send].mode")
					.hasMessageContaining("no db-scheduler Scheduler made by its Spring Boot starter");
			});
	}

	@Test
	void aDurableTaskWhoseParametersCannotSurviveJsonFailsStartUpNamingMethodAndParameter() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues("spring.datasource.url=" + this.url, "threadmethod.mode=durable")
			.withBean("uploads", Uploads.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining("Uploads.store(InputStream) parameter 'content' (java.io.InputStream) "
						+ "cannot be stored by the durable mode: a stream")
				.hasMessageContaining("Uploads.run(Runnable) parameter 'work'")
				.hasMessageContaining("Uploads.keep(Object) parameter 'anything'")
				.hasMessageContaining("Uploads.pick(Class) parameter 'type'"));
	}

	@Test
	void aSchedulerTheApplicationBuildsItselfFailsStartUpForDurableTasks() {
		// Its serializer, Java serialization by default, would read the durable task's
		// rows
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(DurableApplication.class, OwnScheduler.class)
				.web(WebApplicationType.NONE)
				.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable")
				.run()
				.close())
			.withMessageContaining("are in the durable mode, but db-scheduler's Scheduler was not made by its "
					+ "Spring Boot starter");
	}

	private ConfigurableApplicationContext start(String... properties) {
		return start(null, properties);
	}

	private ConfigurableApplicationContext start(@Nullable FireAndForgetExceptionHandler handler,
			String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(DurableApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable",
					"db-scheduler.polling-interval=200ms", "db-scheduler.threads=4", "spring.main.banner-mode=off")
			.properties(properties);
		if (handler != null) {
			builder.initializers(
					(context) -> context.getBeanFactory().registerSingleton("fireAndForgetExceptionHandler", handler));
		}
		ConfigurableApplicationContext context = builder.run();
		this.contexts.add(context);
		return context;
	}

	private static AutoConfigurations configurations() {
		return BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL);
	}

	private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
		return new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
	}

	private static int rows(ConfigurableApplicationContext context) {
		return jdbc(context).queryForObject("select count(*) from scheduled_tasks", Integer.class);
	}

	private static int failedRows(ConfigurableApplicationContext context) {
		return jdbc(context).queryForObject("select count(*) from scheduled_tasks where execution_time >= ?",
				Integer.class, Timestamp.from(DurableRetryPolicy.FAILED_AT));
	}

	private static void insert(ConfigurableApplicationContext context, String id, byte[] data) {
		jdbc(context).update(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
						+ "values (?, ?, ?, ?, false, 1)",
				DurableCallTask.NAME, id, data, Timestamp.from(Instant.now()));
		context.getBean(com.github.kagkarlsson.scheduler.Scheduler.class).triggerCheckForDueExecutions();
	}

	record Letter(String subject, List<Integer> pages) {

	}

	record Run(String to, Letter letter, String thread, DurableCall call) {

	}

	record Stored(StoredCallFormat format, DurableTask task) {

	}

	public static class Mailer {

		static final List<Run> runs = new CopyOnWriteArrayList<>();

		static final AtomicBoolean failing = new AtomicBoolean();

		static void reset() {
			runs.clear();
			failing.set(false);
		}

		@FireAndForget
		public void send(String to, Letter letter) {
			if (failing.get()) {
				throw new IllegalStateException("mail server down");
			}
			runs.add(new Run(to, letter, Thread.currentThread().getName(), DurableCall.current()));
		}

	}

	public static class Notifier {

		@FireAndForget
		public void alert(String to) {
		}

		@FireAndForget
		public void alert(String to, int times) {
		}

		@FireAndForget
		public void alert(String to, String text) {
		}

	}

	public static class Uploads {

		@FireAndForget
		public void store(InputStream content) {
		}

		@FireAndForget
		public void run(Runnable work) {
		}

		@FireAndForget
		public void keep(Object anything) {
		}

		@FireAndForget
		public void pick(Class<?> type) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ MailerConfiguration.class, BootDataAutoConfigurations.Selector.class })
	static class DurableApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnScheduler {

		@Bean(destroyMethod = "stop")
		com.github.kagkarlsson.scheduler.Scheduler scheduler(javax.sql.DataSource dataSource,
				List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
			return com.github.kagkarlsson.scheduler.Scheduler.create(dataSource, tasks).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MailerConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

	/**
	 * Stands for a deserialization gadget: reading it would run code.
	 */
	static class Gadget implements Serializable {

		static volatile boolean deserialized;

		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			deserialized = true;
			in.defaultReadObject();
		}

	}

}

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
package io.github.threadmethod.autoconfigure.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import io.github.threadmethod.aop.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Effects;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.SchemaInitialization;
import io.github.threadmethod.durable.DoneMarkCleanup;
import io.github.threadmethod.durable.DurableBackend;
import io.github.threadmethod.durable.DurableCallTask;
import io.github.threadmethod.durable.DurableCalls;
import io.github.threadmethod.durable.DurableRetries;
import io.github.threadmethod.durable.DurableRuntimeHints;
import io.github.threadmethod.durable.DurableSchemaInitializer;
import io.github.threadmethod.durable.DurableTableCheck;
import io.github.threadmethod.durable.DurableTasks;
import io.github.threadmethod.durable.EffectivelyOnce;
import io.github.threadmethod.durable.Jackson2CallFormat;
import io.github.threadmethod.durable.Jackson3CallFormat;
import io.github.threadmethod.durable.LookedUpOnce;
import io.github.threadmethod.durable.PostgresWakeUps;
import io.github.threadmethod.durable.StoredCallFormat;
import io.github.threadmethod.durable.StoredCallObservations;
import io.github.threadmethod.durable.StoredCallOperations;
import io.github.threadmethod.durable.StoredCallSizeMetrics;
import io.github.threadmethod.durable.StoredCallSizes;
import io.github.threadmethod.durable.UnknownCallsReport;
import io.github.threadmethod.durable.WakeUpListener;
import io.github.threadmethod.durable.WakeUpSender;
import io.github.threadmethod.launch.BuiltInBackend;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.SynchronousBackend;
import io.github.threadmethod.launch.TaskSettings;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code durable} mode, when db-scheduler and its Spring Boot
 * starter have made a {@link Scheduler}: the {@link DurableBackend} that stores calls
 * (contributed as a {@link BuiltInBackend}, so the thread backend stays the default), the
 * {@link DurableCallTask} that runs them, the serializer that keeps their rows away from
 * Java serialization, the pause of the scheduler on shutdown, the table's creation and
 * its check at start-up, the report of the stored calls this version cannot run, the
 * bound on the size of a stored call, with its meter, and the {@link DurableCalls} that
 * lists, runs again and gives up stored calls, the runs of the tasks whose effects are
 * {@code once}, with the clean-up of their done marks, and on PostgreSQL the wake-ups of
 * the other instances when a call is stored. Stored calls are written with Jackson 3 when
 * it is on the class path (Spring Boot 4), else with Jackson 2 (Spring Boot 3.5), in the
 * same format.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadMethodAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
				"com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration" })
@ConditionalOnClass({ Scheduler.class, DbSchedulerCustomizer.class, DataSource.class })
@Conditional(OnJacksonCondition.class)
@ConditionalOnBean({ Scheduler.class, CallLauncher.class })
@ConditionalOnBooleanProperty(name = "threadmethod.enabled", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(DurableRuntimeHints.class)
public final class DurableAutoConfiguration {

	@Bean
	static SerializerInstaller threadMethodDurableSerializerInstaller() {
		return new SerializerInstaller();
	}

	@Bean
	DurableTasks threadMethodDurableTasks(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<CallLauncher> launcher, SerializerInstaller serializerInstaller, StoredCallFormat format,
			ThreadMethodProperties properties) {
		return new DurableTasks(beanFactory,
				(taskName) -> isDurable(taskName, launcher.getObject().getSettings().forTask(taskName)),
				FireAndForgetBeanPostProcessor::isFireAndForgetAdvisor,
				() -> serializerInstaller.isInstalled() && StarterScheduler.isTheOnly(beanFactory), format,
				properties.getDurable().getAllowLossyTypes());
	}

	/**
	 * Tell whether the given task is in the durable mode, and refuse a concurrency limit
	 * of its own, which would bound nothing: its calls start no thread of threadmethod's,
	 * and db-scheduler's threads run them with those of every other durable task.
	 */
	private static boolean isDurable(String taskName, TaskSettings task) {
		if (!task.enabled() || !DurableBackend.MODE.equals(task.mode())) {
			return false;
		}
		if (task.limit() != null) {
			throw new InvalidConfigurationPropertyValueException(
					"threadmethod.tasks[" + taskName + "].concurrency.limit", task.limit(),
					"Task '" + taskName + "' is in the durable mode, where no concurrency limit of threadmethod's "
							+ "applies: db-scheduler's threads run its calls, at most db-scheduler.threads at once on "
							+ "each instance, together with the calls of every other durable task. Remove the limit, "
							+ "or run the task in another mode");
		}
		return true;
	}

	@Bean
	StoredCallObservations threadMethodDurableObservations(ObjectProvider<ObservationRegistry> observationRegistry) {
		return new StoredCallObservations(
				new LookedUpOnce<>(() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
	}

	// Checks the table of the done marks, on the database of db-scheduler's table, once
	// every database initializer has run
	@Bean
	@DependsOnDatabaseInitialization
	EffectivelyOnce threadMethodDurableEffectivelyOnce(DurableTasks tasks, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<CallLauncher> launcher, ThreadMethodProperties properties,
			ObjectProvider<DataSource> dataSource, ObjectProvider<DbSchedulerCustomizer> customizer) {
		Effects defaults = properties.getDurable().getEffects();
		Map<String, Effects> own = new LinkedHashMap<>();
		List<String> onceByOwnProperty = new ArrayList<>();
		properties.getTasks().forEach((taskName, task) -> {
			Effects effects = task.getDurable().getEffects();
			if (effects != null) {
				own.put(taskName, effects);
			}
			if (effects == Effects.ONCE && task.isEnabled()) {
				onceByOwnProperty.add(taskName);
			}
		});
		return new EffectivelyOnce(tasks, beanFactory,
				new LookedUpOnce<>(() -> schedulerDataSource(customizer, dataSource)), (taskName) -> {
					Effects effects = own.get(taskName);
					return ((effects != null) ? effects : defaults) == Effects.ONCE;
				}, own::containsKey, onceByOwnProperty, (taskName) -> checkedMode(taskName, launcher, properties));
	}

	/**
	 * The mode a task's effects are checked in: the one it runs in, except under the
	 * one-line test mode ({@code threadmethod.mode=synchronous}), which overrides a
	 * task's own durable mode without making its production settings wrong: such a task
	 * is checked as the durable task it is configured to be, and its body runs once on
	 * its caller's thread in the test.
	 */
	private static String checkedMode(String taskName, ObjectProvider<CallLauncher> launcher,
			ThreadMethodProperties properties) {
		String mode = launcher.getObject().getSettings().forTask(taskName).mode();
		ThreadMethodProperties.Task task = properties.getTasks().get(taskName);
		if (SynchronousBackend.MODE.equals(properties.getMode()) && task != null
				&& DurableBackend.MODE.equals(task.getMode())) {
			return DurableBackend.MODE;
		}
		return mode;
	}

	@Bean
	DoneMarkCleanup threadMethodDurableDoneMarkCleanup(EffectivelyOnce once, ThreadMethodProperties properties,
			ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		ThreadMethodProperties.DoneMarks marks = properties.getDurable().getDoneMarks();
		return new DoneMarkCleanup(once, tableName(schedulerProperties), marks.getRetention(),
				marks.getCleanupInterval(), marks.getCleanupBatchSize());
	}

	@Bean
	DurableCallTask threadMethodDurableCallTask(DurableTasks tasks, StoredCallFormat format,
			ObjectProvider<CallLauncher> launcher, ThreadMethodProperties properties,
			StoredCallObservations observations, EffectivelyOnce once) {
		ThreadMethodProperties.Durable durable = properties.getDurable();
		DurableRetries defaults = new DurableRetries(
				(durable.getMaxRetries() != null) ? durable.getMaxRetries() : DurableRetries.DEFAULTS.maxRetries(),
				(durable.getBackoff() != null) ? durable.getBackoff() : DurableRetries.DEFAULTS.backoff());
		// The launcher as the runner: an application's own StoredCallRunner bean must not
		// make the choice ambiguous
		return new DurableCallTask(tasks, format, new LookedUpOnce<>(launcher::getObject), defaults,
				retriesByTask(properties, defaults), observations, durable.getUnknownCallGrace(), once);
	}

	/**
	 * The retries of each task that has settings of its own, each merged with the
	 * defaults once, here.
	 */
	private static Map<String, DurableRetries> retriesByTask(ThreadMethodProperties properties,
			DurableRetries defaults) {
		Map<String, DurableRetries> retries = new LinkedHashMap<>();
		properties.getTasks().forEach((taskName, task) -> {
			ThreadMethodProperties.Retries own = task.getDurable();
			Integer maxRetries = own.getMaxRetries();
			Duration backoff = own.getBackoff();
			retries.put(taskName, new DurableRetries((maxRetries != null) ? maxRetries : defaults.maxRetries(),
					(backoff != null) ? backoff : defaults.backoff()));
		});
		return retries;
	}

	@Bean
	StoredCallSizes threadMethodDurableCallSizes(ThreadMethodProperties properties) {
		return new StoredCallSizes(properties.getDurable().getMaxCallSize());
	}

	@Bean
	BuiltInBackend threadMethodDurableBackend(DurableTasks tasks, DurableCallTask task, StoredCallFormat format,
			ObjectProvider<Scheduler> scheduler, StoredCallObservations observations,
			ObjectProvider<DataSource> dataSource, ObjectProvider<DbSchedulerCustomizer> customizer,
			ObjectProvider<DbSchedulerProperties> schedulerProperties, StoredCallSizes sizes,
			ObjectProvider<PostgresWakeUps> wakeUps, ObjectProvider<WakeUpSender> sender) {
		return new BuiltInBackend(
				new DurableBackend(tasks, format, task, observations, new LookedUpOnce<>(scheduler::getObject),
						new LookedUpOnce<>(() -> schedulerDataSource(customizer, dataSource)),
						tableName(schedulerProperties), sizes, wakeUps.getIfAvailable(), sender.getIfAvailable()));
	}

	// Reads the table, on the database db-scheduler uses, once every database
	// initializer (this module's, Flyway's, Liquibase's) has run
	@Bean
	@DependsOnDatabaseInitialization
	DurableTableCheck threadMethodDurableTableCheck(DurableTasks tasks, ObjectProvider<DataSource> dataSource,
			ObjectProvider<DbSchedulerCustomizer> customizer,
			ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		return new DurableTableCheck(tasks, schedulerDataSource(customizer, dataSource),
				tableName(schedulerProperties));
	}

	@Bean
	@DependsOnDatabaseInitialization
	UnknownCallsReport threadMethodDurableUnknownCallsReport(DurableTasks tasks, StoredCallFormat format,
			ObjectProvider<DataSource> dataSource, ObjectProvider<DbSchedulerCustomizer> customizer,
			ObjectProvider<DbSchedulerProperties> schedulerProperties, ThreadMethodProperties properties) {
		return new UnknownCallsReport(tasks, format, schedulerDataSource(customizer, dataSource),
				tableName(schedulerProperties), properties.getDurable().getUnknownCallGrace());
	}

	/**
	 * The stored calls, as the application and the endpoint handle them: not replaceable,
	 * so that both act on the calls the backend stores.
	 */
	@Bean
	DurableCalls threadMethodDurableCalls(DurableTasks tasks, StoredCallFormat format,
			ObjectProvider<Scheduler> scheduler, ObjectProvider<DataSource> dataSource,
			ObjectProvider<DbSchedulerCustomizer> customizer,
			ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		return new StoredCallOperations(tasks, format, new LookedUpOnce<>(scheduler::getObject),
				new LookedUpOnce<>(() -> schedulerDataSource(customizer, dataSource)), tableName(schedulerProperties));
	}

	/**
	 * The {@code DataSource} db-scheduler's starter builds the scheduler on: its
	 * customizer's, or the application's.
	 */
	private static DataSource schedulerDataSource(ObjectProvider<DbSchedulerCustomizer> customizer,
			ObjectProvider<DataSource> dataSource) {
		DbSchedulerCustomizer own = customizer.getIfUnique();
		Optional<DataSource> customized = (own != null) ? own.dataSource() : Optional.empty();
		return customized.orElseGet(dataSource::getObject);
	}

	/**
	 * The name of db-scheduler's table, as its starter has it.
	 */
	private static String tableName(ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		DbSchedulerProperties properties = schedulerProperties.getIfAvailable();
		return (properties != null) ? properties.getTableName() : DurableSchemaInitializer.TABLE;
	}

	@Bean
	SchedulerPause threadMethodDurableSchedulerPause(ObjectProvider<Scheduler> scheduler) {
		return new SchedulerPause(new LookedUpOnce<>(scheduler::getObject));
	}

	@Bean
	@ConditionalOnMissingBean
	DurableSchemaInitializer threadMethodDurableSchemaInitializer(DataSource dataSource,
			ThreadMethodProperties properties, ObjectProvider<DbSchedulerProperties> dbScheduler) {
		return new DurableSchemaInitializer(dataSource,
				initializationMode(properties.getDurable().getInitializeSchema()), tableName(dbScheduler));
	}

	/**
	 * Boot's mode for the value of {@code threadmethod.durable.initialize-schema}, which
	 * is our own enum so that the properties load without spring-boot-sql.
	 */
	private static DatabaseInitializationMode initializationMode(SchemaInitialization initialization) {
		return switch (initialization) {
			case ALWAYS -> DatabaseInitializationMode.ALWAYS;
			case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
			case NEVER -> DatabaseInitializationMode.NEVER;
		};
	}

	/**
	 * The wake-ups of the other instances on PostgreSQL, unless
	 * {@code threadmethod.durable.wake-up} is {@code poll}: each stored call is announced
	 * with its row in the caller's transaction, or by the sender after its commit outside
	 * one, and a listener wakes this instance's scheduler when another stores one. On
	 * another database they find nothing to listen to, and do nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.postgresql.PGConnection")
	@ConditionalOnProperty(name = "threadmethod.durable.wake-up", havingValue = "notify", matchIfMissing = true)
	static class PostgresWakeUpConfiguration {

		@Bean
		PostgresWakeUps threadMethodDurableWakeUps(ObjectProvider<DataSource> dataSource,
				ObjectProvider<DbSchedulerCustomizer> customizer,
				ObjectProvider<DbSchedulerProperties> schedulerProperties) {
			return new PostgresWakeUps(new LookedUpOnce<>(() -> schedulerDataSource(customizer, dataSource)),
					tableName(schedulerProperties));
		}

		// Stopped after the launcher, which rejects new calls by then, so that every call
		// it took is announced
		@Bean
		WakeUpSender threadMethodDurableWakeUpSender(PostgresWakeUps wakeUps) {
			return new WakeUpSender(wakeUps, CallLauncher.DEFAULT_PHASE - 1);
		}

		@Bean
		WakeUpListener threadMethodDurableWakeUpListener(PostgresWakeUps wakeUps, ObjectProvider<Scheduler> scheduler) {
			return new WakeUpListener(wakeUps, wakeUpCall(scheduler));
		}

		// The scheduler is looked up on the first notification, then kept: each
		// notification wakes it
		private static Runnable wakeUpCall(ObjectProvider<Scheduler> scheduler) {
			Supplier<Scheduler> woken = new LookedUpOnce<>(scheduler::getObject);
			return () -> woken.get().triggerCheckForDueExecutions();
		}

	}

	/**
	 * The distribution summary of the sizes of stored calls, which Spring Boot binds to
	 * its meter registries, when Micrometer is there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		@Bean
		StoredCallSizeMetrics threadMethodDurableCallSizeMetrics(StoredCallSizes sizes,
				ObjectProvider<CallLauncher> launcher, ThreadMethodProperties properties) {
			return new StoredCallSizeMetrics(sizes, () -> launcher.getObject().hasSeveralModes(),
					properties.getDurable().getMaxCallSize());
		}

	}

	/**
	 * The stored calls' format with Jackson 3, and the application's mapper when it has
	 * one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = OnJacksonCondition.JACKSON_3)
	static class Jackson3FormatConfiguration {

		@Bean
		StoredCallFormat threadMethodDurableCallFormat(
				ObjectProvider<tools.jackson.databind.json.JsonMapper> jsonMapper) {
			return new Jackson3CallFormat(jsonMapper.getIfAvailable(tools.jackson.databind.json.JsonMapper::shared));
		}

	}

	/**
	 * The stored calls' format with Jackson 2, when Jackson 3 is not there, and the
	 * application's mapper when it has one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = OnJacksonCondition.JACKSON_2)
	@ConditionalOnMissingClass(OnJacksonCondition.JACKSON_3)
	static class Jackson2FormatConfiguration {

		@Bean
		StoredCallFormat threadMethodDurableCallFormat(
				ObjectProvider<com.fasterxml.jackson.databind.ObjectMapper> objectMapper) {
			// Without the application's mapper, one with the modules on the class path
			// (java.time, Optional), as Spring Boot's would have
			return new Jackson2CallFormat(objectMapper.getIfAvailable(
					() -> com.fasterxml.jackson.databind.json.JsonMapper.builder().findAndAddModules().build()));
		}

	}

}

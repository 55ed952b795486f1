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

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import io.github.threadmethod.autoconfigure.LaunchSettingsMapper;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties;
import io.github.threadmethod.launch.BuiltInBackend;
import io.github.threadmethod.launch.CallLauncher;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code durable} mode, when db-scheduler and its Spring Boot
 * starter have made a {@link Scheduler}: the backend that stores calls (contributed as a
 * {@link BuiltInBackend}, so the thread backend stays the default), the db-scheduler task
 * that runs them, the serializer that keeps their rows away from Java serialization, the
 * pause of the scheduler on shutdown, and the table's creation.
 *
 * @author threadmethod contributors
 */
@AutoConfiguration(after = ThreadMethodAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration" })
@ConditionalOnClass({ Scheduler.class, DbSchedulerCustomizer.class, JsonMapper.class, DataSource.class })
@ConditionalOnBean({ Scheduler.class, CallLauncher.class })
@ConditionalOnBooleanProperty(name = "threadmethod.enabled", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class DurableAutoConfiguration {

	@Bean
	static SerializerInstaller threadMethodDurableSerializerInstaller() {
		return new SerializerInstaller();
	}

	@Bean
	DurableTasks threadMethodDurableTasks(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<CallLauncher> launcher, SerializerInstaller serializerInstaller) {
		return new DurableTasks(beanFactory, launcher::getObject, DurableBackend.MODE,
				() -> serializerInstaller.isInstalled() && StarterScheduler.isTheOnly(beanFactory));
	}

	@Bean
	StoredCallObservations threadMethodDurableObservations(ObjectProvider<ObservationRegistry> observationRegistry) {
		return new StoredCallObservations(
				SingletonSupplier.of(() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
	}

	@Bean
	DurableCallTask threadMethodDurableCallTask(DurableTasks tasks, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<CallLauncher> launcher, ConfigurableListableBeanFactory beanFactory,
			ThreadMethodProperties properties, StoredCallObservations observations) {
		return new DurableCallTask(tasks, format(jsonMapper), launcher::getObject, beanFactory,
				(taskName) -> LaunchSettingsMapper.durableRetries(properties, taskName), observations);
	}

	@Bean
	BuiltInBackend threadMethodDurableBackend(DurableTasks tasks, DurableCallTask task,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Scheduler> scheduler,
			StoredCallObservations observations, ObjectProvider<DataSource> dataSource,
			ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		return new BuiltInBackend(new DurableBackend(tasks, format(jsonMapper), task, scheduler::getObject,
				observations, SingletonSupplier.of(() -> new StoredCallCounter(dataSource.getObject(),
						tableName(schedulerProperties), () -> tasks.tasks().keySet()))));
	}

	/**
	 * The name of db-scheduler's table, as its starter has it.
	 */
	private static String tableName(ObjectProvider<DbSchedulerProperties> schedulerProperties) {
		DbSchedulerProperties properties = schedulerProperties.getIfAvailable();
		return (properties != null) ? properties.getTableName() : "scheduled_tasks";
	}

	@Bean
	SchedulerPause threadMethodDurableSchedulerPause(ObjectProvider<Scheduler> scheduler) {
		return new SchedulerPause(scheduler::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableSchemaInitializer threadMethodDurableSchemaInitializer(DataSource dataSource,
			ThreadMethodProperties properties) {
		return new DurableSchemaInitializer(dataSource, properties.getDurable().getInitializeSchema());
	}

	/**
	 * The stored calls' format, with the application's Jackson mapper when it has one.
	 */
	private static StoredCallFormat format(ObjectProvider<JsonMapper> jsonMapper) {
		return new StoredCallFormat(jsonMapper.getIfAvailable(JsonMapper::shared));
	}

}

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

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import io.github.threadmethod.durable.DurableCallSerializer;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the {@link DurableCallSerializer} in front of the serializer that db-scheduler's
 * starter would use, by wrapping the {@link DbSchedulerCustomizer} bean it builds the
 * scheduler with (its own no-op one, or the application's): the application keeps its
 * serializer for its own tasks, and the durable task's data never reaches it.
 *
 * @author threadmethod contributors
 */
final class SerializerInstaller implements BeanPostProcessor {

	private final AtomicBoolean installed = new AtomicBoolean();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DbSchedulerCustomizer customizer && !(bean instanceof DurableCustomizer)) {
			this.installed.set(true);
			return new DurableCustomizer(customizer);
		}
		return bean;
	}

	/**
	 * Return whether a customizer was wrapped, so that the starter's scheduler has the
	 * durable serializer.
	 */
	boolean isInstalled() {
		return this.installed.get();
	}

	/**
	 * The application's customizer, but for its serializer.
	 */
	private static final class DurableCustomizer implements DbSchedulerCustomizer {

		private final DbSchedulerCustomizer delegate;

		DurableCustomizer(DbSchedulerCustomizer delegate) {
			this.delegate = delegate;
		}

		@Override
		public Optional<Serializer> serializer() {
			Serializer other = this.delegate.serializer()
				.orElse(DbSchedulerConfigurationSupport.SPRING_JAVA_SERIALIZER);
			return Optional.of(new DurableCallSerializer(other));
		}

		@Override
		public Optional<SchedulerName> schedulerName() {
			return this.delegate.schedulerName();
		}

		@Override
		public Optional<ExecutorService> executorService() {
			return this.delegate.executorService();
		}

		@Override
		public Optional<ExecutorService> dueExecutor() {
			return this.delegate.dueExecutor();
		}

		@Override
		public Optional<ScheduledExecutorService> housekeeperExecutor() {
			return this.delegate.housekeeperExecutor();
		}

		@Override
		public Optional<JdbcCustomization> jdbcCustomization() {
			return this.delegate.jdbcCustomization();
		}

		@Override
		public Optional<DataSource> dataSource() {
			return this.delegate.dataSource();
		}

	}

}

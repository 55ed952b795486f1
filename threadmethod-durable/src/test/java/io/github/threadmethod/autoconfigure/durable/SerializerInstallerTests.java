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

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import io.github.threadmethod.durable.DurableCallSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SerializerInstaller}: the customizer db-scheduler's starter builds the
 * scheduler with keeps everything the application set, but for a serializer that keeps
 * the durable task's data away from the application's.
 *
 * @author threadmethod contributors
 */
class SerializerInstallerTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final ScheduledExecutorService housekeeper = Executors.newSingleThreadScheduledExecutor();

	private final SerializerInstaller installer = new SerializerInstaller();

	@AfterEach
	void shutDown() {
		this.executor.shutdownNow();
		this.housekeeper.shutdownNow();
	}

	@Test
	void theApplicationsCustomizerKeepsItsSettingsButTheSerializer() {
		ApplicationCustomizer application = new ApplicationCustomizer();
		DbSchedulerCustomizer customizer = customizer(application);
		assertThat(customizer).isNotSameAs(application);
		assertThat(this.installer.isInstalled()).isTrue();
		assertThat(customizer.schedulerName()).isSameAs(application.name);
		assertThat(customizer.executorService()).containsSame(this.executor);
		assertThat(customizer.dueExecutor()).containsSame(this.executor);
		assertThat(customizer.housekeeperExecutor()).containsSame(this.housekeeper);
		assertThat(customizer.jdbcCustomization()).isSameAs(application.jdbc);
		assertThat(customizer.dataSource()).isSameAs(application.dataSource);
		Serializer serializer = customizer.serializer().orElseThrow();
		assertThat(serializer).isInstanceOf(DurableCallSerializer.class);
		// The application's serializer still has its own tasks' data
		assertThat(serializer.serialize("report")).isEqualTo("application".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void withoutASerializerOfItsOwnTheApplicationsTasksKeepTheStartersDefault() {
		Serializer serializer = customizer(new DbSchedulerCustomizer() {
		}).serializer().orElseThrow();
		assertThat(serializer).isInstanceOf(DurableCallSerializer.class);
		assertThat(serializer.serialize("report"))
			.isEqualTo(DbSchedulerConfigurationSupport.SPRING_JAVA_SERIALIZER.serialize("report"));
	}

	@Test
	void otherBeansAndACustomizerAlreadyWrappedAreLeftAsTheyAre() {
		Object other = new Object();
		assertThat(this.installer.postProcessAfterInitialization(other, "other")).isSameAs(other);
		assertThat(this.installer.isInstalled()).isFalse();
		DbSchedulerCustomizer wrapped = customizer(new ApplicationCustomizer());
		assertThat(this.installer.postProcessAfterInitialization(wrapped, "customizer")).isSameAs(wrapped);
	}

	private DbSchedulerCustomizer customizer(DbSchedulerCustomizer application) {
		return (DbSchedulerCustomizer) this.installer.postProcessAfterInitialization(application, "customizer");
	}

	/**
	 * An application's customizer, with every setting its own.
	 */
	private final class ApplicationCustomizer implements DbSchedulerCustomizer {

		final Optional<SchedulerName> name = Optional.of(new SchedulerName.Fixed("instance-1"));

		final Optional<JdbcCustomization> jdbc = Optional.of(new PostgreSqlJdbcCustomization(false, false));

		final Optional<DataSource> dataSource = Optional.of(new DriverManagerDataSource("jdbc:h2:mem:unused"));

		@Override
		public Optional<SchedulerName> schedulerName() {
			return this.name;
		}

		@Override
		public Optional<Serializer> serializer() {
			return Optional.of(new Serializer() {

				@Override
				public byte[] serialize(@Nullable Object data) {
					return "application".getBytes(StandardCharsets.UTF_8);
				}

				@Override
				public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] serializedData) {
					return null;
				}

			});
		}

		@Override
		public Optional<ExecutorService> executorService() {
			return Optional.of(SerializerInstallerTests.this.executor);
		}

		@Override
		public Optional<ExecutorService> dueExecutor() {
			return Optional.of(SerializerInstallerTests.this.executor);
		}

		@Override
		public Optional<ScheduledExecutorService> housekeeperExecutor() {
			return Optional.of(SerializerInstallerTests.this.housekeeper);
		}

		@Override
		public Optional<JdbcCustomization> jdbcCustomization() {
			return this.jdbc;
		}

		@Override
		public Optional<DataSource> dataSource() {
			return this.dataSource;
		}

	}

}

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

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the creation of db-scheduler's table by
 * {@code threadmethod.durable.initialize-schema}: with the script of the database's
 * platform, under db-scheduler's default table name only.
 *
 * @author threadmethod contributors
 */
class DurableSchemaTests {

	private final String url = "jdbc:h2:mem:durable-schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL))
		.withPropertyValues("spring.datasource.url=" + this.url);

	@Test
	void theScriptIsChosenByTheDatabaseAndExists() {
		List<String> locations = DurableSchemaInitializer.locations(new DriverManagerDataSource(this.url, "sa", ""));
		assertThat(locations).containsExactly("classpath:io/github/threadmethod/durable/schema-h2.sql");
		assertThat(new DefaultResourceLoader().getResource(locations.get(0)).exists()).isTrue();
	}

	@Test
	void anEmbeddedDatabaseGetsTheTableWithItsPlatformsTypes() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			// schema-h2.sql says blob; the PostgreSQL script says bytea, which H2 names
			// otherwise
			assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
					"select data_type from information_schema.columns "
							+ "where lower(table_name) = 'scheduled_tasks' and lower(column_name) = 'task_data'",
					String.class))
				.isEqualToIgnoringCase("BINARY LARGE OBJECT");
		});
	}

	@Test
	void anotherTableNameFailsStartUpNamingBothProperties() {
		this.runner.withPropertyValues("db-scheduler.table-name=jobs").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.durable.initialize-schema")
				.hasMessageContaining("db-scheduler.table-name is 'jobs'");
		});
	}

	@Test
	void anotherTableNameStartsWhenTheStarterCreatesNoTable() {
		new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""))
			.execute("create table jobs (task_name varchar(100) "
					+ "not null, task_instance varchar(100) not null, task_data blob, execution_time timestamp with time "
					+ "zone not null, picked boolean not null, picked_by varchar(50), last_success timestamp with time "
					+ "zone, last_failure timestamp with time zone, consecutive_failures int, last_heartbeat timestamp "
					+ "with time zone, version bigint not null, priority smallint, primary key (task_name, task_instance))");
		this.runner.withPropertyValues("db-scheduler.table-name=jobs", "threadmethod.durable.initialize-schema=never")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theScriptsAreResourcesOfANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new DurableRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("io/github/threadmethod/durable/schema-h2.sql"))
			.accepts(hints);
		assertThat(
				RuntimeHintsPredicates.resource().forResource("io/github/threadmethod/durable/schema-postgresql.sql"))
			.accepts(hints);
	}

}

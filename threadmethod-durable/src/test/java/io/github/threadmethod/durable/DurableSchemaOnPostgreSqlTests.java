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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests the creation of db-scheduler's table on a real PostgreSQL, by instances that
 * start at the same time, and the start-up of an application whose database has none.
 *
 * @author threadmethod contributors
 */
class DurableSchemaOnPostgreSqlTests {

	private static final int INSTANCES = 4;

	private static final int ROUNDS = 10;

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	@Test
	void instancesStartingTogetherEachCreateTheTableWithoutFailing() throws Exception {
		ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
		try {
			// A fresh database each round, so that every round races to create the table
			for (int round = 0; round < ROUNDS; round++) {
				String url = postgres.createDatabase("starting_together_" + round);
				CyclicBarrier together = new CyclicBarrier(INSTANCES);
				List<Future<Boolean>> started = new ArrayList<>();
				for (int instance = 0; instance < INSTANCES; instance++) {
					started.add(instances.submit(() -> {
						DurableSchemaInitializer initializer = new DurableSchemaInitializer(dataSource(url),
								DatabaseInitializationMode.ALWAYS, DurableSchemaInitializer.TABLE);
						together.await(30, TimeUnit.SECONDS);
						return initializer.initializeDatabase();
					}));
				}
				for (Future<Boolean> instance : started) {
					assertThat(instance.get(60, TimeUnit.SECONDS)).isTrue();
				}
				assertThat(indexes(url, "scheduled_tasks")).containsExactlyInAnyOrder("scheduled_tasks_pkey",
						"execution_time_idx", "last_heartbeat_idx", "priority_execution_time_idx");
				// The table of the done marks, for the tasks whose effects are 'once', is
				// created with it
				assertThat(indexes(url, "threadmethod_done_calls"))
					.containsExactlyInAnyOrder("threadmethod_done_calls_pkey", "threadmethod_done_calls_done_at_idx");
			}
		}
		finally {
			instances.shutdownNow();
		}
	}

	@Test
	void theLockIsNotHeldOnceTheTableIsCreated() {
		String url = postgres.createDatabase("lock_released");
		// One connection, kept open as a pool would keep it: a lock of the session would
		// stay held
		SingleConnectionDataSource pooled = new SingleConnectionDataSource(url, postgres.getUsername(), "", true);
		try {
			assertThat(new DurableSchemaInitializer(pooled, DatabaseInitializationMode.ALWAYS,
					DurableSchemaInitializer.TABLE)
				.initializeDatabase()).isTrue();
			Long held = JdbcClient.create(dataSource(url))
				.sql("select count(*) from pg_locks where locktype = 'advisory'")
				.query(Long.class)
				.single();
			assertThat(held).isZero();
		}
		finally {
			pooled.destroy();
		}
	}

	@Test
	void aMissingTableFailsStartUpNamingTheTableAndTheDatabaseWithoutItsCredentials() {
		String url = postgres.createDatabase("no_table");
		// The default initialize-schema creates the table in an embedded database only
		assertThatExceptionOfType(MissingDurableTableException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(DurableModeTests.DurableApplication.class)
				.web(WebApplicationType.NONE)
				.properties("spring.datasource.url=" + url + "?password=secret",
						"spring.datasource.username=" + postgres.getUsername(),
						"threadmethod.tasks[Mailer.send].mode=durable", "spring.main.banner-mode=off")
				.run()
				.close())
			.withMessageContaining("table 'scheduled_tasks' does not exist, or cannot be read, in PostgreSQL")
			.withMessageContaining(" at " + url + " (the database said: ")
			.withMessageContaining("[Mailer.send]")
			.withMessageContaining("threadmethod.durable.initialize-schema=always")
			.withMessageNotContaining("secret");
	}

	private static List<String> indexes(String url, String table) {
		return JdbcClient.create(dataSource(url))
			.sql("select indexname from pg_indexes where tablename = ?")
			.param(table)
			.query(String.class)
			.list();
	}

	private static DriverManagerDataSource dataSource(String url) {
		return new DriverManagerDataSource(url, postgres.getUsername(), "");
	}

}

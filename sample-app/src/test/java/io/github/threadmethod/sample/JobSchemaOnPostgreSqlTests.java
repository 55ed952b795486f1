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
package io.github.threadmethod.sample;

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

import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the creation of the job table on a real PostgreSQL, by instances that start at
 * the same time.
 *
 * @author threadmethod contributors
 */
class JobSchemaOnPostgreSqlTests {

	private static final int INSTANCES = 4;

	private static final int ROUNDS = 10;

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	@Test
	void instancesStartingTogetherEachCreateTheTableWithoutFailing() throws Exception {
		SqlInitializationProperties properties = new SqlInitializationProperties();
		properties.setMode(DatabaseInitializationMode.ALWAYS);
		ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
		try {
			// A fresh database each round, so that every round races to create the table
			for (int round = 0; round < ROUNDS; round++) {
				String url = postgres.createDatabase("jobs_starting_together_" + round);
				CyclicBarrier together = new CyclicBarrier(INSTANCES);
				List<Future<Boolean>> started = new ArrayList<>();
				for (int instance = 0; instance < INSTANCES; instance++) {
					started.add(instances.submit(() -> {
						ApplicationDataSourceScriptDatabaseInitializer initializer = new JobSchemaConfiguration()
							.jobSchemaInitializer(dataSource(url), properties);
						together.await(30, TimeUnit.SECONDS);
						return initializer.initializeDatabase();
					}));
				}
				for (Future<Boolean> instance : started) {
					assertThat(instance.get(60, TimeUnit.SECONDS)).isTrue();
				}
				assertThat(JdbcClient.create(dataSource(url))
					.sql("select indexname from pg_indexes where tablename = 'job'")
					.query(String.class)
					.list()).containsExactlyInAnyOrder("job_pkey", "job_submitted_at");
			}
		}
		finally {
			instances.shutdownNow();
		}
	}

	private static DriverManagerDataSource dataSource(String url) {
		return new DriverManagerDataSource(url, postgres.getUsername(), "");
	}

}

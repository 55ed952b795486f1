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

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableTableCheck}'s description of a database, and for the failure
 * report of a missing table by {@link DurableFailureAnalyzer}.
 *
 * @author threadmethod contributors
 */
class DurableTableCheckTests {

	@Test
	void aDatabaseIsDescribedWithoutTheCredentialsItsUrlMayHold() {
		assertThat(DurableTableCheck.withoutCredentials("jdbc:postgresql://db:5432/app?user=app&password=secret"))
			.isEqualTo("jdbc:postgresql://db:5432/app");
		assertThat(DurableTableCheck.withoutCredentials("jdbc:mysql://app:secret@db:3306/app"))
			.isEqualTo("jdbc:mysql://db:3306/app");
		assertThat(DurableTableCheck.withoutCredentials("jdbc:oracle:thin:app/secret@db:1521:orcl"))
			.isEqualTo("jdbc:oracle:thin:db:1521:orcl");
		assertThat(DurableTableCheck.withoutCredentials("jdbc:oracle:thin:@//db:1521/app"))
			.isEqualTo("jdbc:oracle:thin:@//db:1521/app");
		assertThat(DurableTableCheck.withoutCredentials("jdbc:sqlserver://db:1433;user=app;password=secret"))
			.isEqualTo("jdbc:sqlserver://db:1433");
		assertThat(DurableTableCheck.withoutCredentials("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1"))
			.isEqualTo("jdbc:h2:mem:app");
	}

	@Test
	void theFailureReportSaysBothWaysToCreateTheTable() {
		MissingDurableTableException missing = new MissingDurableTableException("scheduled_tasks",
				"PostgreSQL 15.4 at jdbc:postgresql://db:5432/app", List.of("Mailer.send"),
				new SQLException("ERROR: relation \"scheduled_tasks\" does not exist"));
		FailureAnalysis analysis = new DurableFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to start", missing));
		assertThat(analysis.getDescription()).isEqualTo(missing.getMessage())
			.contains("'scheduled_tasks'", "PostgreSQL 15.4 at jdbc:postgresql://db:5432/app", "[Mailer.send]",
					"relation \"scheduled_tasks\" does not exist");
		assertThat(analysis.getAction()).contains("Create the table 'scheduled_tasks' in PostgreSQL 15.4",
				DurableFailureAnalyzer.SCRIPTS, "Liquibase changeset", "Flyway migration",
				"threadmethod.durable.initialize-schema=always");
	}

	@Test
	void theFailureAnalyzerIsRegistered() {
		// Spring Boot's own analyzers that need arguments are left out
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (factoryType, implementationName, failure) -> {
			})).anySatisfy((analyzer) -> assertThat(analyzer).isInstanceOf(DurableFailureAnalyzer.class));
	}

}

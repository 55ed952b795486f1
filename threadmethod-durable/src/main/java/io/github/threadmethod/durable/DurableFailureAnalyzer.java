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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains, in Spring Boot's failure report, a start-up that failed because
 * db-scheduler's table is missing, with the two ways to create it.
 *
 * @author threadmethod contributors
 */
class DurableFailureAnalyzer extends AbstractFailureAnalyzer<MissingDurableTableException> {

	/**
	 * Where db-scheduler keeps the script of its table for each database.
	 */
	static final String SCRIPTS = "https://github.com/kagkarlsson/db-scheduler/tree/master/db-scheduler/src/test/resources";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingDurableTableException cause) {
		return new FailureAnalysis(cause.getMessage(), "Create the table '" + cause.getTableName() + "' in "
				+ cause.getDatabase() + " before the application starts, in one of two ways:" + System.lineSeparator()
				+ "- with db-scheduler's script for the database (" + SCRIPTS + "), as a Liquibase changeset or a "
				+ "Flyway migration of the application, which run at start-up before the table is needed;"
				+ System.lineSeparator() + "- or set threadmethod.durable.initialize-schema=always, so that "
				+ "threadmethod creates it at start-up when it does not exist (H2 and PostgreSQL).", cause);
	}

}

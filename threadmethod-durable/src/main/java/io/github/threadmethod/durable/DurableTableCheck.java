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

import java.sql.DatabaseMetaData;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Fails start-up when the application has tasks in the durable mode and db-scheduler's
 * table cannot be read, naming the table and the database, rather than let the scheduler
 * log an error at every poll and the first durable call fail its caller. It reads the
 * table once the beans are made, so after every database initializer (threadmethod's,
 * Flyway's, Liquibase's) has run. A database that cannot be reached is only logged: that
 * is not a missing table.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableTableCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DurableTableCheck.class);

	private final DurableTasks tasks;

	private final DataSource dataSource;

	private final String tableName;

	/**
	 * Create a check of db-scheduler's table, for the given durable tasks.
	 * @param tasks the tasks in the durable mode
	 * @param dataSource the database of db-scheduler's table
	 * @param tableName the name of db-scheduler's table
	 */
	public DurableTableCheck(DurableTasks tasks, DataSource dataSource, String tableName) {
		this.tasks = tasks;
		this.dataSource = dataSource;
		this.tableName = tableName;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> taskNames = this.tasks.tasks().keySet();
		if (taskNames.isEmpty()) {
			return;
		}
		try {
			new JdbcTemplate(this.dataSource).execute("select task_name from " + this.tableName + " where 1 = 0");
		}
		catch (BadSqlGrammarException ex) {
			throw new MissingDurableTableException(this.tableName, describe(this.dataSource), taskNames,
					ex.getSQLException());
		}
		catch (DataAccessException ex) {
			logger.warn("Could not check that db-scheduler's table '" + this.tableName + "' exists in "
					+ describe(this.dataSource) + ": " + ex.getMessage());
		}
	}

	/**
	 * Describe the given database for a person: its product, version and URL, without the
	 * credentials a URL may hold.
	 */
	static String describe(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, (DatabaseMetaData metaData) -> {
				String url = metaData.getURL();
				return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion()
						+ ((url != null) ? " at " + withoutCredentials(url) : "");
			});
		}
		catch (MetaDataAccessException ex) {
			return "the application's database";
		}
	}

	/**
	 * Return the given JDBC URL without what may hold credentials: its parameters (after
	 * {@code ?} or {@code ;}) and a user before {@code @}.
	 */
	static String withoutCredentials(String url) {
		String kept = url;
		for (char separator : new char[] { '?', ';' }) {
			int at = kept.indexOf(separator);
			if (at >= 0) {
				kept = kept.substring(0, at);
			}
		}
		int user = kept.lastIndexOf('@');
		if (user < 0) {
			return kept;
		}
		int authority = kept.indexOf("//");
		int from = (authority >= 0 && authority < user) ? authority + 2 : kept.lastIndexOf(':', user) + 1;
		return (from < user) ? kept.substring(0, from) + kept.substring(user + 1) : kept;
	}

}

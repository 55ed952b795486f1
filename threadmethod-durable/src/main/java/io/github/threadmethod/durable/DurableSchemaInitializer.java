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
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates db-scheduler's table, {@code scheduled_tasks}, the way Spring Boot initializes
 * the schemas of its own integrations: with the script of the database's platform
 * ({@code schema-h2.sql}, {@code schema-postgresql.sql}), when
 * {@code threadmethod.durable.initialize-schema} says so. db-scheduler's scheduler
 * depends on database initialization, so the table exists before it polls.
 *
 * <p>
 * The scripts create the table under db-scheduler's default name only: with another
 * {@code db-scheduler.table-name}, start-up fails rather than create a table the
 * scheduler would never read, whenever the scripts would run.
 *
 * <p>
 * Instances that start together must not race to create it: on PostgreSQL two concurrent
 * {@code create table if not exists} can both find no table, and one then fails on the
 * catalog's unique index. There the scripts run in one transaction that first takes a
 * transaction-scoped advisory lock, {@value #LOCK}: the second instance waits, then finds
 * the table. PostgreSQL's DDL is transactional, and the lock goes with the transaction
 * whatever happens, so a failed script never leaves it held.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	static final String LOCATION = "classpath:io/github/threadmethod/durable/schema-@@platform@@.sql";

	/**
	 * The table the scripts create: db-scheduler's default.
	 */
	public static final String TABLE = "scheduled_tasks";

	/**
	 * The advisory lock that serializes the creation of the table between instances on
	 * PostgreSQL: a fixed key, the ASCII of "thrdmeth".
	 */
	static final long LOCK = 0x746872646d657468L;

	private final DatabaseInitializationMode mode;

	private final String tableName;

	/**
	 * Create an initializer of db-scheduler's table in the given database.
	 * @param dataSource the database
	 * @param mode when the table is created
	 * @param tableName the name db-scheduler reads the table under
	 */
	public DurableSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tableName) {
		super(dataSource, settings(dataSource, mode));
		this.mode = mode;
		this.tableName = tableName;
	}

	@Override
	public boolean initializeDatabase() {
		boolean runs = this.mode == DatabaseInitializationMode.ALWAYS
				|| this.mode == DatabaseInitializationMode.EMBEDDED && isEmbeddedDatabase();
		if (runs && !TABLE.equalsIgnoreCase(this.tableName)) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.durable.initialize-schema",
					this.mode.name().toLowerCase(Locale.ROOT),
					"It creates db-scheduler's table as '" + TABLE + "', but db-scheduler.table-name is '"
							+ this.tableName + "': create that table yourself (db-scheduler's scripts show how) "
							+ "and set threadmethod.durable.initialize-schema=never");
		}
		return super.initializeDatabase();
	}

	/**
	 * Return the scripts for the given database: its platform's, by its driver.
	 */
	static List<String> locations(DataSource dataSource) {
		return new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, LOCATION);
	}

	@Override
	protected void runScripts(Scripts scripts) {
		DataSource dataSource = getDataSource();
		if (!isPostgreSql(dataSource)) {
			super.runScripts(scripts);
			return;
		}
		// The scripts run on the transaction's connection, as the lock does
		new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult((status) -> {
			new JdbcTemplate(dataSource).execute("select pg_advisory_xact_lock(" + LOCK + ")");
			super.runScripts(scripts);
		});
	}

	private static boolean isPostgreSql(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(mode);
		if (mode != DatabaseInitializationMode.NEVER) {
			settings.setSchemaLocations(locations(dataSource));
		}
		return settings;
	}

}

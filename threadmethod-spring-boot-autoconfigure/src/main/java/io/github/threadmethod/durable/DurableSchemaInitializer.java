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
import java.util.Locale;

import javax.sql.DataSource;

import io.github.threadmethod.autoconfigure.ThreadMethodProperties.SchemaInitialization;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

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
 * @author threadmethod contributors
 */
final class DurableSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	static final String LOCATION = "classpath:io/github/threadmethod/durable/schema-@@platform@@.sql";

	/**
	 * The table the scripts create: db-scheduler's default.
	 */
	static final String TABLE = "scheduled_tasks";

	private final SchemaInitialization mode;

	private final String tableName;

	DurableSchemaInitializer(DataSource dataSource, SchemaInitialization mode, String tableName) {
		super(dataSource, settings(dataSource, mode));
		this.mode = mode;
		this.tableName = tableName;
	}

	@Override
	public boolean initializeDatabase() {
		boolean runs = this.mode == SchemaInitialization.ALWAYS
				|| this.mode == SchemaInitialization.EMBEDDED && isEmbeddedDatabase();
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

	private static DatabaseInitializationSettings settings(DataSource dataSource, SchemaInitialization mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(switch (mode) {
			case ALWAYS -> DatabaseInitializationMode.ALWAYS;
			case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
			case NEVER -> DatabaseInitializationMode.NEVER;
		});
		if (mode != SchemaInitialization.NEVER) {
			settings.setSchemaLocations(locations(dataSource));
		}
		return settings;
	}

}

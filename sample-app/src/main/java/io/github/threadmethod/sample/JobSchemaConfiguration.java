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

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the job table with the script for the database the app runs on,
 * {@code schema-h2.sql} or {@code schema-postgresql.sql}, told from the
 * {@code DataSource} as the starter tells db-scheduler's: pointing
 * {@code spring.datasource.url} at PostgreSQL is enough, where Boot's own scripts would
 * also need {@code spring.sql.init.platform}. Takes the place of Boot's initializer;
 * {@code spring.sql.init.mode} still applies.
 *
 * @author threadmethod contributors
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SqlInitializationProperties.class)
class JobSchemaConfiguration {

	private static final String LOCATION = "classpath:schema-@@platform@@.sql";

	@Bean
	ApplicationDataSourceScriptDatabaseInitializer jobSchemaInitializer(DataSource dataSource,
			SqlInitializationProperties properties) {
		SqlInitializationProperties settings = new SqlInitializationProperties();
		settings.setMode(properties.getMode());
		settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, LOCATION));
		return new ApplicationDataSourceScriptDatabaseInitializer(dataSource, settings);
	}

}

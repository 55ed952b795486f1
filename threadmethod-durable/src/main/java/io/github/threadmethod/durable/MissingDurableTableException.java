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

import java.util.Collection;

/**
 * Thrown at start-up when the application has tasks in the durable mode and
 * db-scheduler's table cannot be read: their calls could be neither stored nor run.
 * {@link DurableFailureAnalyzer} says how to create the table.
 *
 * @author threadmethod contributors
 */
@SuppressWarnings("serial")
final class MissingDurableTableException extends IllegalStateException {

	private final String tableName;

	private final String database;

	/**
	 * Create a new instance.
	 * @param tableName the table's name
	 * @param database the database, as a person reads it, without credentials
	 * @param taskNames the durable tasks
	 * @param cause what reading the table failed with
	 */
	MissingDurableTableException(String tableName, String database, Collection<String> taskNames, Throwable cause) {
		super("db-scheduler's table '" + tableName + "' does not exist, or cannot be read, in " + database
				+ " (the database said: " + cause.getMessage() + "). The durable mode stores the calls of "
				+ "@FireAndForget tasks " + taskNames + " in it: create it, or set "
				+ "threadmethod.durable.initialize-schema=always", cause);
		this.tableName = tableName;
		this.database = database;
	}

	String getTableName() {
		return this.tableName;
	}

	String getDatabase() {
		return this.database;
	}

}

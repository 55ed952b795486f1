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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The ids of stored calls, db-scheduler's {@code task_instance}: the task's name, a slash
 * and a random UUID ({@code Mailer.send/5b7e...}), so that the calls of one task can be
 * counted from the table's primary key alone, without reading their data. A task whose
 * name would make the id longer than the narrowest {@code task_instance} column of
 * db-scheduler's schemas is named by a hash of its name instead
 * ({@code #3f9a0c12d4e5f601/5b7e...}). A call of a task whose key policy is
 * {@code unique} has, in place of the random UUID, a hash of its key in the same shape:
 * the same id for every call of the task and key.
 *
 * @author threadmethod contributors
 */
final class StoredCallIds {

	/**
	 * The longest id, in bytes: db-scheduler's {@code task_instance} is
	 * {@code varchar(100)} in the narrowest of its schemas.
	 */
	static final int MAX_LENGTH = 100;

	private static final int UUID_LENGTH = 36;

	private static final char ESCAPE = '!';

	private StoredCallIds() {
	}

	/**
	 * Return a new id for a call of the given task.
	 */
	static String newId(String taskName) {
		return prefix(taskName) + UUID.randomUUID();
	}

	/**
	 * Return the id of every call of the given task with the given key, under the unique
	 * key policy: the same on every instance, so that the table holds at most one call of
	 * the task and key at a time. The key is hashed into a UUID's shape, so that the id
	 * fits the column whatever the key's length, and the task's calls are counted and
	 * matched by their prefix as any other.
	 */
	static String keyedId(String taskName, String key) {
		String hex = HexFormat.of().formatHex(sha256(key), 0, 16);
		return prefix(taskName) + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	/**
	 * Return the SQL {@code LIKE} pattern that matches the ids of the given task's calls,
	 * and no other, to be used with {@code ESCAPE '!'}.
	 */
	static String likePattern(String taskName) {
		String prefix = prefix(taskName);
		StringBuilder pattern = new StringBuilder(prefix.length() + UUID_LENGTH + 8);
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (c == ESCAPE || c == '%' || c == '_') {
				pattern.append(ESCAPE);
			}
			pattern.append(c);
		}
		// One wildcard per character of the UUID: a task whose name is this one's and
		// more never matches
		return pattern.append("_".repeat(UUID_LENGTH)).toString();
	}

	static String prefix(String taskName) {
		String prefix = taskName + "/";
		if (prefix.getBytes(StandardCharsets.UTF_8).length + UUID_LENGTH <= MAX_LENGTH) {
			return prefix;
		}
		return "#" + hash(taskName) + "/";
	}

	private static String hash(String taskName) {
		return HexFormat.of().formatHex(sha256(taskName), 0, 8);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}

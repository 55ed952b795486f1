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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoredCallIds}.
 *
 * @author threadmethod contributors
 */
class StoredCallIdsTests {

	// The prefix, the task's name and a slash, with which an id is as long as the column
	private static final int LONGEST_NAME = StoredCallIds.MAX_LENGTH - 36 - 1;

	@Test
	void anIdIsTheTaskNameASlashAndAUuid() {
		assertThat(StoredCallIds.newId("Mailer.send"))
			.matches("Mailer\\.send/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

	@Test
	void aTaskNameTooLongForTheColumnIsNamedByAHashAndStillFits() {
		String name = "VeryLongServiceName".repeat(4) + ".send";
		String other = "VeryLongServiceName".repeat(4) + ".post";
		String id = StoredCallIds.newId(name);
		assertThat(id).startsWith("#").doesNotContain("VeryLong");
		assertThat(id.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(StoredCallIds.MAX_LENGTH);
		assertThat(StoredCallIds.prefix(name)).isEqualTo(StoredCallIds.prefix(name))
			.isNotEqualTo(StoredCallIds.prefix(other));
	}

	@Test
	void aTaskWhoseIdsAreAsLongAsTheColumnKeepsItsNameInThem() {
		String name = "M".repeat(LONGEST_NAME);
		String id = StoredCallIds.newId(name);
		assertThat(id).startsWith(name + "/");
		assertThat(id.getBytes(StandardCharsets.UTF_8)).hasSize(StoredCallIds.MAX_LENGTH);
	}

	@Test
	void aTaskWhoseIdsWouldBeOneByteTooLongIsNamedByAHash() {
		String id = StoredCallIds.newId("M".repeat(LONGEST_NAME + 1));
		assertThat(id).matches("#[0-9a-f]{16}/[0-9a-f-]{36}");
	}

	@Test
	void theLengthIsCountedInBytesNotCharacters() {
		// Two bytes each in UTF-8: short in characters, too long in bytes
		String name = "\u00e9".repeat(LONGEST_NAME / 2 + 1);
		assertThat(name.length()).isLessThan(LONGEST_NAME);
		assertThat(StoredCallIds.newId(name)).startsWith("#");
		assertThat(StoredCallIds.likePattern(name)).startsWith("#").endsWith("/" + "_".repeat(36));
	}

	@Test
	void aKeyedIdIsTheTaskNameASlashAndAHashOfTheKeyInTheShapeOfAUuid() {
		String id = StoredCallIds.keyedId("Mailer.send", "order-42");
		assertThat(id).matches("Mailer\\.send/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
			.isEqualTo(StoredCallIds.keyedId("Mailer.send", "order-42"))
			.isNotEqualTo(StoredCallIds.keyedId("Mailer.send", "order-43"))
			.doesNotContain("order");
		assertThat(StoredCallIds.keyedId("Mailer.post", "order-42")).isNotEqualTo(id);
	}

	@Test
	void aKeyedIdFitsTheColumnWhateverTheLengthsOfTheTaskNameAndTheKey() {
		String name = "VeryLongServiceName".repeat(4) + ".send";
		String id = StoredCallIds.keyedId(name, "k".repeat(10_000));
		assertThat(id.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(StoredCallIds.MAX_LENGTH);
		assertThat(id).startsWith(StoredCallIds.prefix(name));
		assertThat(id.substring(StoredCallIds.prefix(name).length())).hasSize(36);
	}

	@Test
	void thePatternEscapesWildcardsAndMatchesExactlyOneUuidAfterTheName() {
		assertThat(StoredCallIds.likePattern("send_100%!")).isEqualTo("send!_100!%!!/" + "_".repeat(36));
	}

}

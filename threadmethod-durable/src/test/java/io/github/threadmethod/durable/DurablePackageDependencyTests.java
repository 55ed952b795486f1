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

import java.util.Map;
import java.util.Set;

import io.github.threadmethod.AbstractPackageDependencyTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the packages of the durable module stay layered, as read from its compiled
 * classes: the durable runtime uses only the API, {@code support} and {@code observation}
 * of ours; its auto-configuration only what it wires; and db-scheduler, JDBC,
 * transactions and Jackson are used by the durable packages only.
 *
 * @author threadmethod contributors
 */
class DurablePackageDependencyTests extends AbstractPackageDependencyTests {

	/**
	 * The packages of ours that each package may use, besides itself.
	 */
	// @formatter:off
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
			Map.entry(ROOT + "/durable", Set.of(ROOT, ROOT + "/support", ROOT + "/observation")),
			Map.entry(ROOT + "/durable/actuate", Set.of(ROOT + "/durable")),
			Map.entry(ROOT + "/autoconfigure/durable", Set.of(ROOT, ROOT + "/launch", ROOT + "/aop", ROOT + "/durable",
					ROOT + "/autoconfigure")),
			Map.entry(ROOT + "/autoconfigure/durable/actuate", Set.of(ROOT + "/durable", ROOT + "/durable/actuate",
					ROOT + "/autoconfigure/durable")));
	// @formatter:on

	/**
	 * Each optional library, by the prefix of its packages: the durable runtime uses
	 * them, and its auto-configuration wires them.
	 */
	// @formatter:off
	private static final Map<String, String> OPTIONAL_LIBRARIES = Map.ofEntries(
			Map.entry("com/github/kagkarlsson/", ROOT + "/durable"),
			Map.entry("tools/jackson/", ROOT + "/durable"),
			Map.entry("com/fasterxml/jackson/", ROOT + "/durable"),
			Map.entry("javax/sql/", ROOT + "/durable"),
			Map.entry("org/springframework/jdbc/", ROOT + "/durable"),
			Map.entry("org/springframework/transaction/", ROOT + "/durable"),
			Map.entry("org/springframework/boot/jdbc/", ROOT + "/durable"),
			Map.entry("org/springframework/boot/sql/", ROOT + "/durable"),
			Map.entry("org/springframework/boot/actuate/", ROOT + "/durable/actuate"),

			Map.entry("io/micrometer/core/", ROOT + "/durable"));
	// @formatter:on

	DurablePackageDependencyTests() {
		super(DurableBackend.class, ALLOWED, OPTIONAL_LIBRARIES);
	}

	@Test
	void readsEveryTypeTheClassesUse() {
		assertThat(dependencies().get(ROOT + "/durable")).contains("com/github/kagkarlsson/scheduler/Scheduler",
				ROOT + "/StoredCallRunner");
		assertThat(dependencies().get(ROOT + "/autoconfigure/durable")).contains(ROOT + "/durable/DurableBackend");
	}

}

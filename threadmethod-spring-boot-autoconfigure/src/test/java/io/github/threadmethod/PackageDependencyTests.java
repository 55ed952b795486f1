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
package io.github.threadmethod;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the packages of this module stay layered, as read from the compiled classes:
 * the API depends on no other package of ours, each optional library is used by one
 * package only (and by its auto-configuration), and no package depends on one above it.
 *
 * @author threadmethod contributors
 */
class PackageDependencyTests extends AbstractPackageDependencyTests {

	/**
	 * The packages of ours that each package may use, besides itself. No package reaches
	 * up to {@code autoconfigure} but the auto-configurations below it, which name
	 * {@code ThreadMethodAutoConfiguration} to be ordered after it and read its
	 * properties.
	 */
	// @formatter:off
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
			Map.entry(ROOT, Set.of()),
			Map.entry(ROOT + "/support", Set.of(ROOT)),
			Map.entry(ROOT + "/observation", Set.of(ROOT)),
			Map.entry(ROOT + "/launch", Set.of(ROOT, ROOT + "/support", ROOT + "/observation")),
			Map.entry(ROOT + "/check", Set.of(ROOT, ROOT + "/support")),
			Map.entry(ROOT + "/aop", Set.of(ROOT, ROOT + "/support", ROOT + "/launch", ROOT + "/check")),
			Map.entry(ROOT + "/metrics", Set.of(ROOT, ROOT + "/observation", ROOT + "/launch")),
			Map.entry(ROOT + "/actuate", Set.of(ROOT, ROOT + "/launch")),
			Map.entry(ROOT + "/autoconfigure", Set.of(ROOT, ROOT + "/support", ROOT + "/observation", ROOT + "/launch",
					ROOT + "/check", ROOT + "/aop")),
			Map.entry(ROOT + "/autoconfigure/metrics", Set.of(ROOT + "/launch", ROOT + "/metrics", ROOT + "/autoconfigure")),
			Map.entry(ROOT + "/autoconfigure/actuate", Set.of(ROOT + "/launch", ROOT + "/actuate", ROOT + "/autoconfigure")),
			Map.entry(ROOT + "/test", Set.of()));
	// @formatter:on

	/**
	 * Each optional library, by the prefix of its packages, and the one feature package
	 * of ours that may use it, besides that feature's auto-configuration
	 * ({@code autoconfigure/<feature>}), which wires it with that library. Micrometer
	 * Observation is not one: Spring Framework depends on it.
	 */
	// @formatter:off
	private static final Map<String, String> OPTIONAL_LIBRARIES = Map.ofEntries(
			Map.entry("io/micrometer/core/", ROOT + "/metrics"),
			Map.entry("io/micrometer/context/", ROOT + "/autoconfigure"),
			Map.entry("org/springframework/boot/actuate/", ROOT + "/actuate"),
			Map.entry("org/objectweb/asm/", ROOT + "/check"),
			Map.entry("org/springframework/transaction/", ROOT + "/launch"),
			Map.entry("org/springframework/security/", ROOT + "/autoconfigure"),
			Map.entry("org/slf4j/", ROOT + "/autoconfigure"));
	// @formatter:on

	PackageDependencyTests() {
		super(FireAndForget.class, ALLOWED, OPTIONAL_LIBRARIES);
	}

	@Test
	void readsEveryTypeTheClassesUse() {
		assertThat(dependencies().get(ROOT + "/check")).contains("org/objectweb/asm/ClassReader");
		assertThat(dependencies().get(ROOT + "/aop")).contains(ROOT + "/launch/CallLauncher");
		assertThat(dependencies().get(ROOT + "/metrics")).contains("io/micrometer/core/instrument/FunctionCounter");
	}

	@Test
	void theApiUsesNoSpringBoot() {
		assertThat(dependencies().get(ROOT)).noneMatch((type) -> type.startsWith("org/springframework/boot/"));
	}

	@Test
	void noPackageOfOursUsesSpringBootButTheAutoConfigurations() {
		Set<String> engine = Set.of(ROOT, ROOT + "/support", ROOT + "/observation", ROOT + "/launch", ROOT + "/check",
				ROOT + "/aop", ROOT + "/metrics");
		engine.forEach((pkg) -> assertThat(dependencies().get(pkg)).as(pkg)
			.noneMatch((type) -> type.startsWith("org/springframework/boot/")));
	}

}

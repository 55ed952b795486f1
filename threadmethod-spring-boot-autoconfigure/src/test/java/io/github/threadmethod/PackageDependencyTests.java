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

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the packages stay layered, as read from the compiled classes: the API
 * depends on no other package of ours, each optional library is used by one package only
 * (and by its auto-configuration), and no package depends on one above it.
 *
 * @author threadmethod contributors
 */
class PackageDependencyTests {

	private static final String ROOT = "io/github/threadmethod";

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
			Map.entry(ROOT + "/metrics", Set.of(ROOT, ROOT + "/launch")),
			Map.entry(ROOT + "/actuate", Set.of(ROOT, ROOT + "/launch")),
			Map.entry(ROOT + "/durable", Set.of(ROOT, ROOT + "/support", ROOT + "/observation")),
			Map.entry(ROOT + "/autoconfigure", Set.of(ROOT, ROOT + "/support", ROOT + "/observation", ROOT + "/launch",
					ROOT + "/check", ROOT + "/aop")),
			Map.entry(ROOT + "/autoconfigure/metrics", Set.of(ROOT + "/launch", ROOT + "/metrics", ROOT + "/autoconfigure")),
			Map.entry(ROOT + "/autoconfigure/actuate", Set.of(ROOT + "/launch", ROOT + "/actuate", ROOT + "/autoconfigure")),
			Map.entry(ROOT + "/autoconfigure/durable", Set.of(ROOT, ROOT + "/launch", ROOT + "/aop", ROOT + "/durable",
					ROOT + "/autoconfigure")),
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
			Map.entry("org/springframework/security/", ROOT + "/autoconfigure"),
			Map.entry("org/slf4j/", ROOT + "/autoconfigure"),
			Map.entry("com/github/kagkarlsson/", ROOT + "/durable"),
			Map.entry("tools/jackson/", ROOT + "/durable"),
			Map.entry("com/fasterxml/jackson/", ROOT + "/durable"),
			Map.entry("javax/sql/", ROOT + "/durable"),
			Map.entry("org/springframework/jdbc/", ROOT + "/durable"),
			Map.entry("org/springframework/transaction/", ROOT + "/durable"),
			Map.entry("org/springframework/boot/jdbc/", ROOT + "/durable"),
			Map.entry("org/springframework/boot/sql/", ROOT + "/durable"));
	// @formatter:on

	private static Map<String, Set<String>> dependencies;

	@BeforeAll
	static void readCompiledClasses() throws IOException, URISyntaxException {
		Path classes = Path.of(FireAndForget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String className = classes.relativize(file).toString().replace('\\', '/').replace(".class", "");
				Set<String> used = dependencies.computeIfAbsent(packageOf(className), (key) -> new TreeSet<>());
				try (InputStream bytecode = Files.newInputStream(file)) {
					new ClassReader(bytecode).accept(new ClassRemapper(new ClassNode(), new Remapper(Opcodes.ASM9) {

						@Override
						public String map(String internalName) {
							used.add(internalName);
							return internalName;
						}

					}), 0);
				}
			}
		}
	}

	@Test
	void readsEveryTypeTheClassesUse() {
		assertThat(dependencies.get(ROOT + "/check")).contains("org/objectweb/asm/ClassReader");
		assertThat(dependencies.get(ROOT + "/aop")).contains(ROOT + "/launch/CallLauncher");
		assertThat(dependencies.get(ROOT + "/metrics")).contains("io/micrometer/core/instrument/FunctionCounter");
		assertThat(dependencies.get(ROOT + "/durable")).contains("com/github/kagkarlsson/scheduler/Scheduler");
	}

	@Test
	void everyPackageOfOursIsKnown() {
		assertThat(dependencies).containsOnlyKeys(ALLOWED.keySet());
	}

	@Test
	void packagesUseOnlyThePackagesOfOursBelowThem() {
		List<String> violations = new ArrayList<>();
		dependencies.forEach((pkg, used) -> used.stream()
			.filter((type) -> type.startsWith(ROOT + "/"))
			.map(PackageDependencyTests::packageOf)
			.filter((other) -> !other.equals(pkg) && !ALLOWED.getOrDefault(pkg, Set.of()).contains(other))
			.distinct()
			.forEach((other) -> violations.add(pkg + " uses " + other)));
		assertThat(violations).isEmpty();
	}

	@Test
	void eachOptionalLibraryIsUsedByOnePackageOnly() {
		List<String> violations = new ArrayList<>();
		dependencies.forEach((pkg, used) -> OPTIONAL_LIBRARIES.forEach((library, owner) -> {
			if (!mayUse(pkg, owner) && used.stream().anyMatch((type) -> type.startsWith(library))) {
				violations.add(pkg + " uses " + library + ", which only " + owner + " may use");
			}
		}));
		assertThat(violations).isEmpty();
	}

	@Test
	void theApiUsesNoSpringBoot() {
		assertThat(dependencies.get(ROOT)).noneMatch((type) -> type.startsWith("org/springframework/boot/"));
	}

	@Test
	void noPackageOfOursUsesSpringBootButTheAutoConfigurations() {
		Set<String> engine = Set.of(ROOT, ROOT + "/support", ROOT + "/observation", ROOT + "/launch", ROOT + "/check",
				ROOT + "/aop", ROOT + "/metrics");
		engine.forEach((pkg) -> assertThat(dependencies.get(pkg)).as(pkg)
			.noneMatch((type) -> type.startsWith("org/springframework/boot/")));
	}

	/**
	 * Whether the given package may use a library that the given feature package owns:
	 * the feature itself, and its auto-configuration, which wires it with that library.
	 */
	private static boolean mayUse(String pkg, String owner) {
		return pkg.equals(owner) || pkg.equals(ROOT + "/autoconfigure/" + owner.substring(owner.lastIndexOf('/') + 1));
	}

	private static String packageOf(String internalName) {
		int slash = internalName.lastIndexOf('/');
		return (slash > 0) ? internalName.substring(0, slash) : "";
	}

}

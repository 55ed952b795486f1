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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for the tests that the packages of one module stay layered, as read from the
 * module's compiled classes: each package uses only the packages of ours it is allowed
 * to, and each optional library is used by one feature package only (and by its
 * auto-configuration). Each module lists its own packages; shared with the other modules
 * of this build through the test jar.
 *
 * @author threadmethod contributors
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class AbstractPackageDependencyTests {

	/**
	 * The root package of ours, as an internal name.
	 */
	protected static final String ROOT = "io/github/threadmethod";

	private final Class<?> anchor;

	private final Map<String, Set<String>> allowed;

	private final Map<String, String> optionalLibraries;

	private Map<String, Set<String>> dependencies;

	/**
	 * Create a new instance.
	 * @param anchor a class of the module whose classes are read
	 * @param allowed the packages of ours that each package of the module may use,
	 * besides itself
	 * @param optionalLibraries each optional library, by the prefix of its packages, and
	 * the one feature package of ours that may use it, besides that feature's
	 * auto-configuration ({@code autoconfigure/<feature>}), which wires it with that
	 * library
	 */
	protected AbstractPackageDependencyTests(Class<?> anchor, Map<String, Set<String>> allowed,
			Map<String, String> optionalLibraries) {
		this.anchor = anchor;
		this.allowed = allowed;
		this.optionalLibraries = optionalLibraries;
	}

	@BeforeAll
	void readCompiledClasses() throws IOException, URISyntaxException {
		Path classes = Path.of(this.anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
		this.dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String className = classes.relativize(file).toString().replace('\\', '/').replace(".class", "");
				Set<String> used = this.dependencies.computeIfAbsent(packageOf(className), (key) -> new TreeSet<>());
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

	/**
	 * Return the types that the classes of each package of the module use, by package.
	 * @return the types used, by package, as internal names
	 */
	protected Map<String, Set<String>> dependencies() {
		return this.dependencies;
	}

	@Test
	void everyPackageOfOursIsKnown() {
		assertThat(this.dependencies).containsOnlyKeys(this.allowed.keySet());
	}

	@Test
	void packagesUseOnlyThePackagesOfOursBelowThem() {
		List<String> violations = new ArrayList<>();
		this.dependencies.forEach((pkg, used) -> used.stream()
			.filter((type) -> type.startsWith(ROOT + "/"))
			.map(AbstractPackageDependencyTests::packageOf)
			.filter((other) -> !other.equals(pkg) && !this.allowed.getOrDefault(pkg, Set.of()).contains(other))
			.distinct()
			.forEach((other) -> violations.add(pkg + " uses " + other)));
		assertThat(violations).isEmpty();
	}

	@Test
	void eachOptionalLibraryIsUsedByOnePackageOnly() {
		List<String> violations = new ArrayList<>();
		this.dependencies.forEach((pkg, used) -> this.optionalLibraries.forEach((library, owner) -> {
			if (!mayUse(pkg, owner) && used.stream().anyMatch((type) -> type.startsWith(library))) {
				violations.add(pkg + " uses " + library + ", which only " + owner + " may use");
			}
		}));
		assertThat(violations).isEmpty();
	}

	/**
	 * Whether the given package may use a library that the given feature package owns:
	 * the feature itself, and its auto-configuration, which wires it with that library.
	 */
	private static boolean mayUse(String pkg, String owner) {
		// A nested feature too: durable/actuate is wired by autoconfigure/durable/actuate
		return pkg.equals(owner) || pkg.equals(ROOT + "/autoconfigure/" + owner.substring(ROOT.length() + 1));
	}

	private static String packageOf(String internalName) {
		int slash = internalName.lastIndexOf('/');
		return (slash > 0) ? internalName.substring(0, slash) : "";
	}

}

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for the tests that the public types of each package of one module are the ones the
 * module lists, each under why it is public, as read from the compiled classes; and that
 * each says since when it is there. A type that becomes public, or stops being public,
 * fails this test until it is listed, or taken off the list, under its reason. Shared
 * with the other modules of this build through the test jar.
 *
 * @author threadmethod contributors
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class AbstractPublicApiTests {

	/**
	 * The root package of ours, as an internal name.
	 */
	protected static final String ROOT = "io/github/threadmethod";

	private static final String NOT_AN_API = "not an API, may change in any release";

	private final Class<?> anchor;

	private final Set<String> api;

	private final Set<String> spi;

	private final Set<String> wiring;

	private final List<Set<String>> lists;

	private Path sources;

	private Map<String, ClassNode> classes;

	/**
	 * Create a new instance.
	 * @param anchor a class of the module whose classes are read
	 * @param api what applications import
	 * @param spi what a backend implements and uses
	 * @param wiring the types public only because another package of ours uses them
	 * @param others the other public types, each set under one reason
	 */
	@SafeVarargs
	protected AbstractPublicApiTests(Class<?> anchor, Set<String> api, Set<String> spi, Set<String> wiring,
			Set<String>... others) {
		this.anchor = anchor;
		this.api = api;
		this.spi = spi;
		this.wiring = wiring;
		List<Set<String>> lists = new ArrayList<>(List.of(api, spi, wiring));
		lists.addAll(List.of(others));
		this.lists = lists;
	}

	@BeforeAll
	void readCompiledClasses() throws IOException, URISyntaxException {
		Path root = Path.of(this.anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
		this.sources = root.resolve("../../src/main/java").normalize();
		this.classes = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root.resolve(ROOT))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				try (InputStream bytecode = Files.newInputStream(file)) {
					ClassNode type = new ClassNode();
					new ClassReader(bytecode).accept(type, ClassReader.SKIP_CODE);
					this.classes.put(type.name, type);
				}
			}
		}
	}

	@Test
	void readsTheClassesAndTheSources() {
		String anchor = this.anchor.getName().replace('.', '/');
		assertThat(this.classes).containsKey(anchor);
		assertThat(this.sources.resolve(anchor + ".java")).isRegularFile();
	}

	@Test
	void everyPublicTypeIsListedUnderWhyItIsPublic() {
		Set<String> listed = new TreeSet<>();
		this.lists.forEach(listed::addAll);
		Set<String> found = publicTypes();
		List<String> changes = new ArrayList<>();
		found.stream()
			.filter((type) -> !listed.contains(type))
			.forEach((type) -> changes.add("public, not listed: " + type));
		listed.stream()
			.filter((type) -> !found.contains(type))
			.forEach((type) -> changes.add("listed, not public: " + type));
		assertThat(changes).isEmpty();
	}

	@Test
	void everyTypeIsListedOnce() {
		List<String> all = new ArrayList<>();
		this.lists.forEach(all::addAll);
		assertThat(all).doesNotHaveDuplicates();
	}

	@Test
	void everyPublicTypeSaysSinceWhenItIsThere() throws IOException {
		List<String> without = new ArrayList<>();
		for (String type : publicTypes()) {
			if (!javadoc(type).contains("@since ")) {
				without.add(type);
			}
		}
		assertThat(without).as("public types without @since").isEmpty();
	}

	@Test
	void everyWiringTypeSaysItIsNotAnApi() throws IOException {
		List<String> silent = new ArrayList<>();
		for (String type : this.wiring) {
			if (!javadoc(type).contains(NOT_AN_API)) {
				silent.add(type);
			}
		}
		assertThat(silent).as("wiring types whose Javadoc does not say '" + NOT_AN_API + "'").isEmpty();
	}

	@Test
	void autoConfigurationsArePublicAndFinal() throws IOException {
		Set<String> annotated = new TreeSet<>();
		this.classes.values()
			.stream()
			.filter((type) -> isAnnotated(type, "Lorg/springframework/boot/autoconfigure/AutoConfiguration;"))
			.forEach((type) -> annotated.add(type.name.replace('/', '.')));
		assertThat(annotated).containsExactlyInAnyOrderElementsOf(autoConfigurationImports());
		assertThat(annotated).allSatisfy((name) -> assertThat(this.classes.get(name.replace('.', '/')).access).as(name)
			.matches((access) -> (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_FINAL) != 0,
					"public and final"));
	}

	@Test
	void apiAndSpiExposeNoWiringType() {
		Set<String> wiring = new TreeSet<>();
		this.wiring.forEach((type) -> wiring.add("L" + internalName(type) + ";"));
		Set<String> surface = new TreeSet<>();
		this.api.forEach((type) -> surface.add(internalName(type)));
		this.spi.forEach((type) -> surface.add(internalName(type)));
		Predicate<String> usesWiring = (descriptor) -> descriptor != null
				&& wiring.stream().anyMatch(descriptor::contains);
		List<String> exposed = new ArrayList<>();
		this.classes.values()
			.stream()
			.filter((type) -> isPublic(type.access) && surface.contains(topLevelOf(type.name)))
			.forEach((type) -> {
				if (usesWiring.test(type.signature) || usesWiring.test("L" + type.superName + ";")
						|| type.interfaces.stream().anyMatch((ifc) -> usesWiring.test("L" + ifc + ";"))) {
					exposed.add(type.name + " extends or implements a wiring type");
				}
				for (MethodNode method : type.methods) {
					if (isVisible(method.access)
							&& (usesWiring.test(method.desc) || usesWiring.test(method.signature))) {
						exposed.add(type.name + "." + method.name + method.desc);
					}
				}
				for (FieldNode field : type.fields) {
					if (isVisible(field.access) && (usesWiring.test(field.desc) || usesWiring.test(field.signature))) {
						exposed.add(type.name + "." + field.name);
					}
				}
			});
		assertThat(exposed).as("public signatures of the API and SPI that name a wiring type").isEmpty();
	}

	/**
	 * The public top-level types, by name relative to the root package.
	 */
	private Set<String> publicTypes() {
		Set<String> types = new TreeSet<>();
		this.classes.values()
			.stream()
			.filter((type) -> isPublic(type.access) && !type.name.contains("$") && !type.name.endsWith("/package-info"))
			.forEach((type) -> types.add(type.name.substring(ROOT.length() + 1).replace('/', '.')));
		return types;
	}

	/**
	 * The Javadoc of the given type, as one line with the leading stars left out.
	 */
	private String javadoc(String type) throws IOException {
		String source = Files.readString(this.sources.resolve(internalName(type) + ".java"), StandardCharsets.UTF_8);
		Matcher declaration = Pattern
			.compile("^public .*\\b" + type.substring(type.lastIndexOf('.') + 1) + "\\b", Pattern.MULTILINE)
			.matcher(source);
		assertThat(declaration.find()).as("declaration of " + type).isTrue();
		int start = source.lastIndexOf("/**", declaration.start());
		assertThat(start).as("Javadoc of " + type).isNotNegative();
		String comment = source.substring(start, source.indexOf("*/", start));
		return comment.replaceAll("\\s*\\n\\s*\\*\\s?", " ").replaceAll("\\s+", " ");
	}

	private Set<String> autoConfigurationImports() throws IOException {
		Path imports = this.sources
			.resolve("../resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		Set<String> names = new TreeSet<>();
		Files.readAllLines(imports, StandardCharsets.UTF_8)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(names::add);
		return names;
	}

	private static boolean isAnnotated(ClassNode type, String descriptor) {
		List<AnnotationNode> annotations = (type.visibleAnnotations != null) ? type.visibleAnnotations : List.of();
		return annotations.stream().anyMatch((annotation) -> annotation.desc.equals(descriptor));
	}

	private static boolean isPublic(int access) {
		return (access & Opcodes.ACC_PUBLIC) != 0;
	}

	private static boolean isVisible(int access) {
		return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0;
	}

	private static String internalName(String type) {
		return ROOT + "/" + type.replace('.', '/');
	}

	private static String topLevelOf(String internalName) {
		int dollar = internalName.indexOf('$');
		return (dollar != -1) ? internalName.substring(0, dollar) : internalName;
	}

}

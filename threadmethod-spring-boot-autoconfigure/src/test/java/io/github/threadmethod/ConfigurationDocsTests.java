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

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code docs/configuration.md} lists every {@code threadmethod.*} property
 * that the configuration metadata generated from the properties classes has, and no
 * other, with the metadata's default where it has one: the doc is a second description of
 * the properties, and this keeps it from drifting.
 * <p>
 * A property whose values are a map of nested settings, such as
 * {@code threadmethod.tasks}, appears in the metadata as the map alone; the doc lists the
 * settings of one entry instead ({@code threadmethod.tasks[<task>].mode}), which are read
 * here from the writable properties of the map's value type, as the binder reads them.
 *
 * @author threadmethod contributors
 */
class ConfigurationDocsTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Path DOC = Path.of("../docs/configuration.md");

	private static final String PREFIX = "threadmethod.";

	/**
	 * A row of a table whose first cell is a property name in code:
	 * {@code | `threadmethod.enabled` | boolean | `true` | ... |}.
	 */
	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(threadmethod\\.[^`]+)`\\s*\\|(.*)$");

	private static final Pattern MAP_TYPE = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,\\s*(.+)>");

	/** Property name to its default as the metadata writes it, or {@code null}. */
	private static Map<String, Object> properties;

	/** Property name to the cells of its row in the doc, after the name. */
	private static Map<String, List<String>> documented;

	@BeforeAll
	static void read() throws Exception {
		properties = metadataProperties();
		documented = documentedProperties();
	}

	@Test
	void metadataHasTheProperties() {
		// Guards the tests below against a metadata file that was not found or not read
		assertThat(properties).containsKeys("threadmethod.enabled", "threadmethod.tasks[<task>].mode",
				"threadmethod.tasks[<task>].concurrency.limit");
		assertThat(properties).doesNotContainKey("threadmethod.tasks");
	}

	@Test
	void docListsEveryProperty() {
		Set<String> missing = new TreeSet<>(properties.keySet());
		missing.removeAll(documented.keySet());
		assertThat(missing).as("properties in the configuration metadata that %s does not list", DOC).isEmpty();
	}

	@Test
	void docListsNoPropertyThatDoesNotExist() {
		Set<String> unknown = new TreeSet<>(documented.keySet());
		unknown.removeAll(properties.keySet());
		assertThat(unknown).as("properties that %s lists and the configuration metadata does not have", DOC).isEmpty();
	}

	@Test
	void docGivesTheDefaultOfTheMetadata() {
		Map<String, String> wrong = new TreeMap<>();
		properties.forEach((name, defaultValue) -> {
			List<String> cells = documented.get(name);
			if (defaultValue != null && cells != null && cells.size() > 1
					&& !cells.get(1).contains("`" + defaultValue + "`")) {
				wrong.put(name, "metadata: " + defaultValue + ", doc: " + cells.get(1));
			}
		});
		assertThat(wrong).as("defaults in %s (third column) that differ from the configuration metadata", DOC)
			.isEmpty();
	}

	/**
	 * Read the {@code threadmethod.*} properties of every metadata file on the class
	 * path, with a map of nested settings expanded into the settings of one entry.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadataProperties() throws IOException, ClassNotFoundException {
		Map<String, Object> properties = new TreeMap<>();
		ClassLoader classLoader = ConfigurationDocsTests.class.getClassLoader();
		for (URL url : Collections.list(classLoader.getResources(METADATA))) {
			String json;
			try (InputStream in = url.openStream()) {
				json = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
			}
			Map<String, Object> metadata = JsonParserFactory.getJsonParser().parseMap(json);
			for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
				String name = (String) property.get("name");
				if (!name.startsWith(PREFIX)) {
					continue;
				}
				Matcher map = MAP_TYPE.matcher(String.valueOf(property.get("type")));
				if (map.matches() && !BeanUtils.isSimpleValueType(ClassUtils.forName(map.group(1), classLoader))) {
					String entry = name + "[<" + name.substring(name.lastIndexOf('.') + 1).replaceFirst("s$", "")
							+ ">].";
					addSettings(properties, entry, ClassUtils.forName(map.group(1), classLoader));
				}
				else {
					properties.put(name, property.get("defaultValue"));
				}
			}
		}
		return properties;
	}

	/**
	 * Add the settings of the given type: its writable properties, and those of the
	 * nested objects it only exposes (which the binder fills in place).
	 */
	private static void addSettings(Map<String, Object> properties, String prefix, Class<?> type) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + kebabCase(descriptor.getName());
			if (descriptor.getWriteMethod() != null) {
				properties.put(name, null);
			}
			else {
				addSettings(properties, name + ".", descriptor.getPropertyType());
			}
		}
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

	private static Map<String, List<String>> documentedProperties() throws IOException {
		Map<String, List<String>> documented = new TreeMap<>();
		for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
			Matcher row = ROW.matcher(line.strip());
			if (row.matches()) {
				List<String> cells = new ArrayList<>();
				for (String cell : row.group(2).split("(?<!\\\\)\\|")) {
					cells.add(cell.strip());
				}
				documented.put(row.group(1), cells);
			}
		}
		return documented;
	}

}

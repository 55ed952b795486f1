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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DurableRetries}: its defaults are the ones the configuration metadata
 * of {@code threadmethod.durable.*} describes (the properties are bound by the core
 * module; the defaults are applied here).
 *
 * @author threadmethod contributors
 */
class DurableRetriesTests {

	@Test
	void defaultsAreTheDefaultsTheMetadataDescribes() throws IOException {
		Map<String, Object> described = describedDefaults();
		assertThat(((Number) described.get("threadmethod.durable.max-retries")).intValue())
			.isEqualTo(DurableRetries.DEFAULTS.maxRetries());
		assertThat(DurationStyle.detectAndParse((String) described.get("threadmethod.durable.backoff")))
			.isEqualTo(DurableRetries.DEFAULTS.backoff());
	}

	@Test
	void retriesWithoutABackoffAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DurableRetries(3, null))
			.withMessage("Backoff must not be null");
	}

	/**
	 * The defaults of every property the metadata on the class path describes: the core
	 * module's, and those of the libraries beside it, whose names differ.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> describedDefaults() throws IOException {
		Map<String, Object> defaults = new TreeMap<>();
		for (URL metadata : Collections.list(DurableRetriesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			String json;
			try (InputStream in = metadata.openStream()) {
				json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
			for (Object property : (properties != null) ? (List<Object>) properties : List.of()) {
				Map<String, Object> item = (Map<String, Object>) property;
				if (item.get("defaultValue") != null) {
					defaults.put((String) item.get("name"), item.get("defaultValue"));
				}
			}
		}
		assertThat(defaults).containsKey("threadmethod.durable.max-retries");
		return defaults;
	}

}

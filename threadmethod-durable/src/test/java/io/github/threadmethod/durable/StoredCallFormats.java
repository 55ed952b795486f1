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

import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * The stored calls' formats the tests run on: Jackson 3 with the mapper Spring Boot makes
 * (from its own auto-configuration and properties, so that these tests compile without
 * Jackson 3, on Spring Boot 3.5), and Jackson 2 with the mapper Spring Boot 3.5 makes.
 *
 * @author threadmethod contributors
 */
final class StoredCallFormats {

	static final boolean JACKSON_3 = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null);

	/**
	 * Settings an application may give its mapper that would change a stored value if the
	 * format kept them.
	 */
	static final List<String> APPLICATION_SETTINGS = List.of("spring.jackson.default-property-inclusion=non_empty",
			"spring.jackson.serialization.indent-output=true",
			"spring.jackson.datatype.datetime.write-dates-as-timestamps=true",
			"spring.jackson.datatype.datetime.write-durations-as-timestamps=true",
			"spring.jackson.json.write.write-numbers-as-strings=true", "spring.jackson.time-zone=UTC");

	private StoredCallFormats() {
	}

	/**
	 * Return the format with Jackson 3 and the mapper Spring Boot 4's auto-configuration
	 * makes with the given properties; Jackson 3 must be on the class path.
	 */
	static StoredCallFormat jackson3(String... properties) {
		AtomicReference<StoredCallFormat> format = new AtomicReference<>();
		new ApplicationContextRunner()
			.withConfiguration(BootDataAutoConfigurations.of(List.of(BootDataAutoConfigurations.JACKSON)))
			.withPropertyValues(properties)
			.run((context) -> {
				Class<?> mapperType = ClassUtils.forName("tools.jackson.databind.json.JsonMapper", null);
				format
					.set(Jackson3CallFormat.class.getConstructor(mapperType).newInstance(context.getBean(mapperType)));
			});
		return format.get();
	}

	/**
	 * Return the format with Jackson 2 and a mapper as Spring Boot 3.5's
	 * {@code Jackson2ObjectMapperBuilder} makes it by default.
	 */
	static StoredCallFormat jackson2() {
		return new Jackson2CallFormat(bootJackson2().build());
	}

	/**
	 * Return the format with Jackson 2 and a mapper as Spring Boot 3.5 makes it, with
	 * settings an application may give it that would change a stored value if the format
	 * kept them.
	 */
	static StoredCallFormat jackson2WithApplicationSettings() {
		return new Jackson2CallFormat(bootJackson2()
			.defaultPropertyInclusion(
					JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
			.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			.enable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
			.enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
					SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.defaultTimeZone(TimeZone.getTimeZone("UTC"))
			.build());
	}

	/**
	 * Jackson 2 as Spring Boot 3.5's {@code Jackson2ObjectMapperBuilder} makes it, by
	 * default.
	 */
	static JsonMapper.Builder bootJackson2() {
		return JsonMapper.builder()
			.addModule(new Jdk8Module())
			.addModule(new JavaTimeModule())
			.disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
					SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
	}

}

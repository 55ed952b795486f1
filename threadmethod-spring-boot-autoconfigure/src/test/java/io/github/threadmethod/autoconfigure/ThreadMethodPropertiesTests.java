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
package io.github.threadmethod.autoconfigure;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.threadmethod.launch.LaunchSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadMethodProperties}: the values its validation rejects, and the
 * defaults of the values it leaves unset, which the configuration metadata describes and
 * {@link LaunchSettingsMapper} applies.
 *
 * @author threadmethod contributors
 */
class ThreadMethodPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void maxRetriesAboveTheBoundFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.durable.max-retries=" + Integer.MAX_VALUE)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(BindValidationException.class)
					.hasMessageContaining("on field 'durable.max-retries'")
					.hasMessageContaining("must be at most 1000");
			});
	}

	@Test
	void taskMaxRetriesAboveTheBoundFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Mailer.send].durable.max-retries=1001")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(BindValidationException.class)
					.hasMessageContaining("on field 'tasks[Mailer.send].durable.max-retries'")
					.hasMessageContaining("must be at most 1000");
			});
	}

	@Test
	void maxRetriesAtTheBoundIsAccepted() {
		this.contextRunner.withPropertyValues("threadmethod.durable.max-retries=1000")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ThreadMethodProperties.class)
				.satisfies((properties) -> assertThat(properties.getDurable().getMaxRetries()).isEqualTo(1000)));
	}

	@Test
	void negativeTaskMaxRetriesFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Mailer.send].durable.max-retries=-1")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("on field 'tasks[Mailer.send].durable.max-retries'")
				.hasMessageContaining("must not be negative"));
	}

	@Test
	void negativeUnknownCallGraceFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.durable.unknown-call-grace=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("on field 'durable.unknown-call-grace'")
				.hasMessageContaining("must not be negative"));
	}

	@Test
	void unknownCallGraceAboveTheBoundFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.durable.unknown-call-grace=366d")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("on field 'durable.unknown-call-grace'")
				.hasMessageContaining("must be at most 365 days"));
	}

	@Test
	void zeroUnknownCallGraceIsAccepted() {
		this.contextRunner.withPropertyValues("threadmethod.durable.unknown-call-grace=0s")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ThreadMethodProperties.class)
				.satisfies((properties) -> assertThat(properties.getDurable().getUnknownCallGrace()).isZero()));
	}

	@Test
	void maxCallSizeOfZeroFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.durable.max-call-size=0B")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("on field 'durable.max-call-size'")
				.hasMessageContaining("must be positive"));
	}

	@Test
	void unsetValuesAreLeftNullForTheMapperToDefault() {
		ThreadMethodProperties properties = new ThreadMethodProperties();
		assertThat(properties.getConcurrency().getPolicy()).isNull();
		assertThat(properties.getConcurrency().getMaxWait()).isNull();
		assertThat(properties.getDurable().getMaxRetries()).isNull();
		assertThat(properties.getDurable().getBackoff()).isNull();
	}

	@Test
	void defaultsTheMapperAppliesAreTheDefaultsTheMetadataDescribes() throws Exception {
		Map<String, Object> described = describedDefaults();
		LaunchSettings settings = LaunchSettingsMapper.map(new ThreadMethodProperties(),
				new TaskProperties(new MockEnvironment()), List.of(new ThreadPerCallBackend()), List.of(), null);
		assertThat(described.get("threadmethod.concurrency.policy"))
			.isEqualTo(settings.defaults().policy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		assertThat(duration(described.get("threadmethod.concurrency.max-wait")))
			.isEqualTo(settings.defaults().maxWait());
	}

	private static Duration duration(Object value) {
		return DurationStyle.detectAndParse((String) value);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> describedDefaults() throws IOException, URISyntaxException {
		Path classes = Path
			.of(ThreadMethodProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String json = Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json"));
		Map<String, Object> defaults = new TreeMap<>();
		for (Object property : (List<Object>) JsonParserFactory.getJsonParser().parseMap(json).get("properties")) {
			Map<String, Object> item = (Map<String, Object>) property;
			if (item.get("defaultValue") != null) {
				defaults.put((String) item.get("name"), item.get("defaultValue"));
			}
		}
		return defaults;
	}

}

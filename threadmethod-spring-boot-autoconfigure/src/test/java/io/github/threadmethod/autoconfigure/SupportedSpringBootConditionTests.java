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

import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.SupportedSpringBootCondition.Support;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link SupportedSpringBootCondition}: which Spring Boot versions start, and
 * what an unsupported one is told. An older Spring Boot is simulated by a class loader
 * that hides the API Spring Boot 3.5 added, as Spring Boot 3.4 and 2.7 lack it.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SupportedSpringBootConditionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void supportsEveryReleaseOfTheSupportedLines() {
		assertThat(SupportedSpringBootCondition.support("3.5.0", true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("3.5.7", true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("4.0.0-RC1", true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("4.0.7", true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("4.1.2", true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("4.1.9-SNAPSHOT", true)).isEqualTo(Support.SUPPORTED);
	}

	@Test
	void rejectsLinesOlderThanSpringBoot35() {
		assertThat(SupportedSpringBootCondition.support("3.4.9", false)).isEqualTo(Support.TOO_OLD);
		assertThat(SupportedSpringBootCondition.support("3.0.0", false)).isEqualTo(Support.TOO_OLD);
		assertThat(SupportedSpringBootCondition.support("2.7.18", false)).isEqualTo(Support.TOO_OLD);
		// A version that claims 3.4 is older, whatever else is on the class path
		assertThat(SupportedSpringBootCondition.support("3.4.9", true)).isEqualTo(Support.TOO_OLD);
	}

	@Test
	void trustsTheClassPathWhenSpringBootDoesNotSayItsVersion() {
		// Spring Boot 2 reads its version from its jar's manifest, which a shaded jar
		// loses
		assertThat(SupportedSpringBootCondition.support(null, false)).isEqualTo(Support.TOO_OLD);
		assertThat(SupportedSpringBootCondition.support(null, true)).isEqualTo(Support.SUPPORTED);
		assertThat(SupportedSpringBootCondition.support("custom", true)).isEqualTo(Support.SUPPORTED);
	}

	@Test
	void startsOnNewerLinesThanTheNewestTested() {
		assertThat(SupportedSpringBootCondition.support("4.2.0", true)).isEqualTo(Support.NEWER);
		assertThat(SupportedSpringBootCondition.support("5.0.0-M1", true)).isEqualTo(Support.NEWER);
	}

	@Test
	void startsOnTheSpringBootOfThisBuild(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(FireAndForgetCalls.class));
		assertThat(output).doesNotContain("threadmethod is tested on Spring Boot");
	}

	@Test
	void failsOnASpringBootWithoutTheApiOfSpringBoot35() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnBooleanProperty.class))
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedSpringBootException.class)
				.hasMessageContaining("threadmethod supports Spring Boot 3.5, 4.0 and 4.1, but this application runs")
				.hasMessageContaining("its @FireAndForget support cannot start"));
	}

	@Test
	void startupFailureReportNamesTheSupportedLinesBeforeAnyOfItsClassesLoads(CapturedOutput output) {
		SpringApplication application = new SpringApplication(UsingThreadMethod.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// As on Spring Boot 3.4: no @ConditionalOnBooleanProperty. And the
		// auto-configuration
		// class cannot be loaded: were it loaded before the check, start-up would fail on
		// that
		application.setResourceLoader(new DefaultResourceLoader(
				new FilteredClassLoader(ConditionalOnBooleanProperty.class, ThreadMethodAutoConfiguration.class)));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("threadmethod supports Spring Boot 3.5, 4.0 and 4.1, but this application runs")
			.contains("Upgrade Spring Boot to one of the supported lines (3.5, 4.0 and 4.1)")
			.doesNotContain("ClassNotFoundException");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class UsingThreadMethod {

	}

}

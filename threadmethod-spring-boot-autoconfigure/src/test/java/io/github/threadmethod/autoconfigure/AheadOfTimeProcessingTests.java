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

import java.util.function.Consumer;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that a context processed ahead of time, as {@code process-aot} does, behaves as
 * one that was not: the settings are read when the application runs, not when it was
 * built, and the start-up checks find the same uses from the generated bean definitions.
 * Each test processes a context with the build-time properties, compiles the generated
 * code, and starts it with the run-time ones.
 *
 * @author threadmethod contributors
 */
@CompileWithForkedClassLoader
@ExtendWith(OutputCaptureExtension.class)
class AheadOfTimeProcessingTests {

	@Test
	void switchedOffAtRunTimeLeavesCallsSynchronous(CapturedOutput output) {
		runAheadOfTime(SenderConfiguration.class, "threadmethod.enabled=false", (context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Sender.class))).isFalse();
			assertThat(output).contains("@FireAndForget not active: threadmethod.enabled is false")
				.doesNotContain("@FireAndForget active:");
		});
	}

	@Test
	void switchedOffAtRunTimeSkipsTheStartupChecks(CapturedOutput output) {
		runAheadOfTime(BeanMethodConfiguration.class, "threadmethod.enabled=false",
				(context) -> assertThat(output).doesNotContain("has no effect"));
	}

	@Test
	void leftOnAtRunTimeProxiesAsWithoutAheadOfTimeProcessing(CapturedOutput output) {
		runAheadOfTime(SenderConfiguration.class, "threadmethod.enabled=true", (context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Sender.class))).isTrue();
			assertThat(output).contains("@FireAndForget active: 1 method in 1 bean");
		});
	}

	@Test
	void taskSwitchedOffAtRunTimeIsNotIntercepted() {
		runAheadOfTime(SenderConfiguration.class, "threadmethod.tasks[Sender.send].enabled=false",
				(context) -> assertThat(AopUtils.isAopProxy(context.getBean(Sender.class))).isFalse());
	}

	@Test
	void annotationOnABeanMethodIsReportedFromGeneratedDefinitions(CapturedOutput output) {
		runAheadOfTime(BeanMethodConfiguration.class, "threadmethod.self-invocation=warn",
				(context) -> assertThat(output).contains("@FireAndForget on @Bean method "
						+ "AheadOfTimeProcessingTests.BeanMethodConfiguration.mailer() has no effect"));
	}

	@Test
	void annotationOnABeanMethodFailsStartupFromGeneratedDefinitionsUnderFail() {
		assertThatException().isThrownBy(
				() -> runAheadOfTime(BeanMethodConfiguration.class, "threadmethod.self-invocation=fail", (context) -> {
				}))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(IneffectiveFireAndForgetException.class)
				.hasMessageContaining("BeanMethodConfiguration.mailer() has no effect"));
	}

	/**
	 * Process the given configuration ahead of time with no properties set, then start
	 * the generated context with the given run-time property.
	 */
	private void runAheadOfTime(Class<?> configuration, String runTimeProperty,
			Consumer<GenericApplicationContext> assertions) {
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializerName;
		try (AnnotationConfigApplicationContext buildTime = new AnnotationConfigApplicationContext()) {
			buildTime.register(configuration);
			initializerName = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
		}
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (GenericApplicationContext runTime = new GenericApplicationContext()) {
				TestPropertyValues.of(runTimeProperty).applyTo(runTime);
				@SuppressWarnings("unchecked")
				ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
					.getInstance(ApplicationContextInitializer.class, initializerName.toString());
				initializer.initialize(runTime);
				runTime.refresh();
				assertions.accept(runTime);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class SenderConfiguration {

		@Bean
		Sender sender() {
			return new Sender();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class BeanMethodConfiguration {

		@Bean
		@FireAndForget
		Sender mailer() {
			return new Sender();
		}

	}

	public static class Sender {

		@FireAndForget
		public void send() {
		}

	}

}

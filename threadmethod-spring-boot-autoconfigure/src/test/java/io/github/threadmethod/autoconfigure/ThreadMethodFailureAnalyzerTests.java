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

import java.util.List;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link ThreadMethodFailureAnalyzer}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadMethodFailureAnalyzerTests {

	@Test
	void startupFailureReportNamesTheMethodAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisusingConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid @FireAndForget methods in " + Counter.class.getName())
			.contains(Counter.class.getName() + ".count() returns int")
			.contains("Make each method listed above a public, non-final, non-static method that returns void");
	}

	@Test
	void ineffectiveUseIsExplainedWithTheFix() {
		IneffectiveFireAndForgetException ineffective = new IneffectiveFireAndForgetException(
				List.of("Mailer.send() calls Mailer.welcome() on 'this'"));
		FailureAnalysis analysis = new ThreadMethodFailureAnalyzer()
			.analyze(new BeanCreationException("mailer", "Initialization of bean failed", ineffective));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isSameAs(ineffective);
		assertThat(analysis.getDescription()).isEqualTo(ineffective.getMessage());
		assertThat(analysis.getAction())
			.isEqualTo("Make each call listed above through the bean's proxy (another bean, or an injected reference "
					+ "to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or 'ignore'.");
	}

	@Test
	void unsupportedSpringBootIsExplainedWithTheLinesToChooseFrom() {
		UnsupportedSpringBootException unsupported = new UnsupportedSpringBootException("3.4.5", "3.5, 4.0 and 4.1");
		FailureAnalysis analysis = new ThreadMethodFailureAnalyzer().analyze(unsupported);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(unsupported.getMessage());
		assertThat(analysis.getAction()).isEqualTo(
				"Upgrade Spring Boot to one of the supported lines (3.5, 4.0 and 4.1), or remove the threadmethod starter.");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new ThreadMethodFailureAnalyzer()
			.analyze(new IllegalStateException("other", new IllegalArgumentException("deeper")))).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class MisusingConfiguration {

		@Bean
		Counter counter() {
			return new Counter();
		}

	}

	static class Counter {

		@FireAndForget
		public int count() {
			return 1;
		}

	}

}

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

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidFireAndForgetMethodFailureAnalyzer}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidFireAndForgetMethodFailureAnalyzerTests {

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

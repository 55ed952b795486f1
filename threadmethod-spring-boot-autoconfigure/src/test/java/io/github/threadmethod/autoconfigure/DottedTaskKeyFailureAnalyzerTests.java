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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link DottedTaskKeyFailureAnalyzer}, on the failures Spring Boot raises when
 * it binds the settings.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DottedTaskKeyFailureAnalyzerTests {

	private static final String NL = System.lineSeparator();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(Notifier.class);

	@Test
	void settingWhoseTaskNameWasSplitNamesTheTaskAndTheBracketForm() {
		FailureAnalysis analysis = analyzeStartupFailure("threadmethod.tasks.Notifier.send.mode=synchronous");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isInstanceOf(UnboundConfigurationPropertiesException.class);
		assertThat(analysis.getDescription())
			.startsWith("Settings of threadmethod.tasks were left unbound, as the "
					+ "name of their task was split at its dots: Spring Boot reads each dot of a key as a level")
			.contains(NL + "- threadmethod.tasks.Notifier.send.mode (value 'synchronous'")
			.endsWith(") is meant for task 'Notifier.send'");
		// @formatter:off
		assertThat(analysis.getAction()).isEqualTo(String.join(NL,
				"Write the name of task 'Notifier.send' in brackets: the binder keeps the dots of a key in brackets. "
						+ "In YAML, quote the key with its brackets:",
				"",
				"\tthreadmethod:",
				"\t  tasks:",
				"\t    '[Notifier.send]':",
				"\t      mode: synchronous",
				"",
				"In a .properties file, or on the command line (quoted for the shell):",
				"",
				"\tthreadmethod.tasks[Notifier.send].mode=synchronous"));
		// @formatter:on
	}

	@Test
	void nestedSettingsOfOneTaskShareTheirLevels() {
		FailureAnalysis analysis = analyzeStartupFailure("threadmethod.tasks.Notifier.send.concurrency.limit=2",
				"threadmethod.tasks.Notifier.send.concurrency.policy=reject");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction())
			.contains("\t    '[Notifier.send]':" + NL + "\t      concurrency:" + NL + "\t        limit: 2" + NL
					+ "\t        policy: reject" + NL)
			.contains("\tthreadmethod.tasks[Notifier.send].concurrency.limit=2" + NL
					+ "\tthreadmethod.tasks[Notifier.send].concurrency.policy=reject");
	}

	@Test
	void settingsOfSeveralTasksNameEachTask() {
		FailureAnalysis analysis = analyzeStartupFailure("threadmethod.tasks.Notifier.send.mode=synchronous",
				"threadmethod.tasks.Notifier.resend.enabled=false");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("is meant for task 'Notifier.send'")
			.contains("is meant for task 'Notifier.resend'");
		assertThat(analysis.getAction())
			.startsWith("Write the names of tasks 'Notifier.resend', 'Notifier.send' in " + "brackets")
			.contains("\t    '[Notifier.resend]':" + NL + "\t      enabled: false" + NL + "\t    '[Notifier.send]':"
					+ NL + "\t      mode: synchronous")
			.contains("\tthreadmethod.tasks[Notifier.resend].enabled=false" + NL
					+ "\tthreadmethod.tasks[Notifier.send].mode=synchronous");
	}

	@Test
	void taskNamedAfterASettingKeepsItsLastPart() {
		FailureAnalysis analysis = analyzeStartupFailure("threadmethod.tasks.Notifier.mode.enabled=false");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("is meant for task 'Notifier.mode'");
		assertThat(analysis.getAction()).contains("threadmethod.tasks[Notifier.mode].enabled=false");
	}

	@Test
	void taskNameWithSeveralDotsIsKeptWhole() {
		FailureAnalysis analysis = analyzeStartupFailure(
				"threadmethod.tasks.com.example.Notifier.send.durable" + ".max-retries=5");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("is meant for task 'com.example.Notifier.send'");
		assertThat(analysis.getAction())
			.contains("threadmethod.tasks[com.example.Notifier.send].durable.max-retries=5");
	}

	@Test
	void unknownSettingOfATaskInBracketsIsLeftToSpringBoot() {
		assertThat(analyzeStartupFailure("threadmethod.tasks[Notifier.send].mood=synchronous")).isNull();
	}

	@Test
	void unknownPropertyOutsideTheTasksIsLeftToSpringBoot() {
		assertThat(analyzeStartupFailure("threadmethod.shutdown.wait=5s")).isNull();
	}

	@Test
	void startupFailureReportOfAYamlFileShowsTheQuotedBracketsAndWhereTheSettingIs(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NotifierConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application
			.run("--spring.config.location=classpath:io/github/threadmethod/autoconfigure/dotted-task-keys.yaml"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("- threadmethod.tasks.Notifier.send.mode (value 'synchronous', from class path resource "
					+ "[io/github/threadmethod/autoconfigure/dotted-task-keys.yaml] - 5:13) is meant for task "
					+ "'Notifier.send'")
			.contains("\t    '[Notifier.send]':" + NL + "\t      concurrency:" + NL + "\t        limit: 2" + NL
					+ "\t      mode: synchronous")
			.contains("\tthreadmethod.tasks[Notifier.send].mode=synchronous")
			.doesNotContain("Update your application's configuration");
	}

	private @Nullable FailureAnalysis analyzeStartupFailure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new DottedTaskKeyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class NotifierConfiguration {

		@Bean
		Notifier notifier() {
			return new Notifier();
		}

	}

	static class Notifier {

		@FireAndForget
		public void send() {
		}

	}

}

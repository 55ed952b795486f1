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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that start-up says what is active, in one line naming each mode in use, and each
 * task at {@code DEBUG}, so that "working" and "not active" look different.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

	private static final String LOGGER = FireAndForget.class.getName();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void oneLineCountsTheMethodsAndBeansActive(CapturedOutput output) {
		withLevel(LogLevel.INFO,
				() -> this.contextRunner.withBean("worker", Worker.class)
					.withBean("mailer", Mailer.class)
					.withBean(Plain.class)
					.run((context) -> {
						assertThat(context).hasNotFailed();
						assertThat(output).contains("@FireAndForget active: 3 methods in 2 beans (threads: platform)")
							.doesNotContain("@FireAndForget task '");
					}));
	}

	@Test
	void switchedOffTasksAndUnannotatedBeansAreNotCountedActive(CapturedOutput output) {
		withLevel(LogLevel.INFO,
				() -> this.contextRunner.withPropertyValues("threadmethod.tasks[Mailer.send].enabled=false")
					.withBean("mailer", Mailer.class)
					.withBean(Plain.class)
					.run((context) -> assertThat(output)
						.contains("@FireAndForget active: 0 methods in 0 beans (threads: platform)")));
	}

	@Test
	void theModeOfTheActiveTasksIsNamedRatherThanTheDefaultOne(CapturedOutput output) {
		withLevel(LogLevel.INFO,
				() -> this.contextRunner.withPropertyValues("threadmethod.tasks[Mailer.send].mode=synchronous")
					.withBean("mailer", Mailer.class)
					.run((context) -> assertThat(output)
						.contains("@FireAndForget active: 1 method in 1 bean (mode: synchronous)")));
	}

	@Test
	void eachModeInUseIsNamedWithHowManyMethodsRunInIt(CapturedOutput output) {
		withLevel(LogLevel.INFO, () -> this.contextRunner
			.withPropertyValues("threadmethod.tasks[Mailer.send].mode=synchronous")
			.withBean("worker", Worker.class)
			.withBean("mailer", Mailer.class)
			.run((context) -> assertThat(output).contains(
					"@FireAndForget active: 3 methods in 2 beans (mode: synchronous for 1, threads: platform for 2)")));
	}

	@Test
	void eachTaskIsListedWithItsMethodAtDebug(CapturedOutput output) {
		withLevel(LogLevel.DEBUG,
				() -> this.contextRunner.withPropertyValues("threadmethod.thread.virtual=false")
					.withBean("worker", Worker.class)
					.run((context) -> assertThat(output)
						.contains("@FireAndForget active: 2 methods in 1 bean (threads: platform)")
						.contains("@FireAndForget task 'Worker.work': " + Worker.class.getName()
								+ ".work(String) of bean 'worker' (threads: platform)")
						.contains("@FireAndForget task 'reports': " + Worker.class.getName()
								+ ".report() of bean 'worker' (threads: platform)")));
	}

	private static void withLevel(LogLevel level, Runnable test) {
		LoggingSystem loggingSystem = LoggingSystem.get(StartupReportTests.class.getClassLoader());
		loggingSystem.setLogLevel(LOGGER, level);
		try {
			test.run();
		}
		finally {
			loggingSystem.setLogLevel(LOGGER, null);
		}
	}

	static class Worker {

		@FireAndForget
		public void work(String item) {
		}

		@FireAndForget(name = "reports")
		public void report() {
		}

	}

	static class Mailer {

		@FireAndForget
		public void send() {
		}

	}

	static class Plain {

		public void work() {
		}

	}

}

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
package io.github.threadmethod.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests, in a JVM whose class path has no Spring transaction support, that calls are
 * still taken: it is optional, and only the after-commit dispatch uses it.
 *
 * @author threadmethod contributors
 */
class WithoutSpringTransactionsTests {

	@Test
	void callsRunWithoutSpringTransactionSupportOnTheClassPath(@TempDir Path temp)
			throws IOException, InterruptedException {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("spring-tx-"))
			.collect(Collectors.joining(File.pathSeparator));
		assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
		File log = temp.resolve("out.log").toFile();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", classPath, Application.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
		assertThat(exited).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("no Spring transaction support", "ran on threadmethod-Mailer.send-1");
	}

	/**
	 * An application whose one call prints the thread it ran on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class Application {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		public static void main(String[] args) throws InterruptedException {
			if (!ClassUtils.isPresent("org.springframework.transaction.support.TransactionSynchronizationManager",
					null)) {
				System.out.println("no Spring transaction support");
			}
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.run(args)) {
				context.getBean(Mailer.class).send();
				context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(30));
			}
		}

	}

	static class Mailer {

		@FireAndForget
		public void send() {
			System.out.println("ran on " + Thread.currentThread().getName());
		}

	}

}

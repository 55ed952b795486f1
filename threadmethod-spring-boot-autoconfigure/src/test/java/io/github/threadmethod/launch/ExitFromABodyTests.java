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
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests, in a JVM of their own, that a body that exits the JVM is not waited for by the
 * drain that its own exit starts.
 *
 * @author threadmethod contributors
 */
class ExitFromABodyTests {

	@Test
	void bodyThatExitsTheJvmIsNotWaitedFor(@TempDir Path temp) throws IOException, InterruptedException {
		File log = temp.resolve("out.log").toFile();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ExitingApplication.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		// The drain may wait an hour: finishing at all proves it did not wait for the
		// body
		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
		assertThat(exited).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isEqualTo(3);
		assertThat(output).contains("exiting from the body").doesNotContain("Waiting up to");
	}

	/**
	 * An application whose one call exits the JVM, with a shutdown timeout of an hour.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class ExitingApplication {

		@Bean
		Exiter exiter() {
			return new Exiter();
		}

		public static void main(String[] args) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ExitingApplication.class)
				.web(WebApplicationType.NONE)
				.properties(List.of("threadmethod.shutdown.timeout=1h").toArray(String[]::new))
				.run(args);
			context.getBean(Exiter.class).exit();
		}

	}

	static class Exiter {

		@FireAndForget
		public void exit() {
			System.out.println("exiting from the body");
			System.exit(3);
		}

	}

}

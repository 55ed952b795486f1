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
package io.github.threadmethod.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Memory per call in flight: resident set size and OS thread count of this JVM before and
 * while a number of {@code @FireAndForget} calls are each blocked for a second. Run in a
 * JVM of its own, once for platform and once for virtual threads; prints one line.
 *
 * @author threadmethod contributors
 */
public final class InFlightMemory {

	private InFlightMemory() {
	}

	public static void main(String[] args) throws Exception {
		boolean virtual = args[0].equals("virtual");
		int calls = Integer.parseInt(args[1]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BlockerConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn", "threadmethod.thread.virtual=" + virtual)
			.run()) {
			Blocker blocker = context.getBean(Blocker.class);
			FireAndForgetCalls running = context.getBean(FireAndForgetCalls.class);
			System.gc();
			long rssBefore = status("VmRSS");
			long threadsBefore = status("Threads");
			CountDownLatch started = new CountDownLatch(calls);
			for (int i = 0; i < calls; i++) {
				blocker.block(started);
			}
			started.await();
			long rssDuring = status("VmRSS");
			long threadsDuring = status("Threads");
			running.awaitIdle(Duration.ofMinutes(1));
			System.out.printf("%s calls=%d rssBeforeKiB=%d rssDuringKiB=%d threadsBefore=%d threadsDuring=%d%n",
					virtual ? "virtual" : "platform", calls, rssBefore, rssDuring, threadsBefore, threadsDuring);
		}
	}

	/**
	 * Read a number from {@code /proc/self/status}: {@code VmRSS} in KiB,
	 * {@code Threads}.
	 */
	private static long status(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
			}
		}
		return -1;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class BlockerConfiguration {

		@Bean
		Blocker blocker() {
			return new Blocker();
		}

	}

	public static class Blocker {

		@FireAndForget
		public void block(CountDownLatch started) throws InterruptedException {
			started.countDown();
			Thread.sleep(1_000);
		}

	}

}

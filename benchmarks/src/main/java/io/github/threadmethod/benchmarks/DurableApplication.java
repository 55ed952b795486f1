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

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.github.threadmethod.FireAndForget;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application of the durable mode's benchmarks: the starter, db-scheduler's Spring
 * Boot 4 starter and a {@code DataSource} on a PostgreSQL database, with one durable
 * task, {@value #TASK}, and, for comparison, one db-scheduler one-time task of its own,
 * {@value #DIRECT_TASK}, that the benchmark schedules through {@code SchedulerClient}.
 *
 * @author threadmethod contributors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DurableApplication {

	static final String TASK = "receipts";

	static final String DIRECT_TASK = "direct-receipts";

	/**
	 * Start an instance on the given database.
	 * @param jdbcUrl the database
	 * @param username the user to connect as
	 * @param properties more properties, {@code name=value}
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String jdbcUrl, String username, String... properties) {
		return new SpringApplicationBuilder(DurableApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=" + username,
					"threadmethod.tasks[" + TASK + "].mode=durable", "threadmethod.durable.initialize-schema=always",
					"logging.level.root=WARN")
			.properties(properties)
			.run();
	}

	@Bean
	Receipts receipts() {
		return new Receipts();
	}

	@Bean
	OneTimeTask<Receipt> directReceipts() {
		return Tasks.oneTime(DIRECT_TASK, Receipt.class).execute((instance, context) -> Bodies.started());
	}

	/**
	 * The durable task: its body notes that it started.
	 */
	public static class Receipts {

		@FireAndForget(TASK)
		public void send(long sequence, String orderId) {
			Bodies.started();
		}

	}

	/**
	 * The data of a directly scheduled task: the same two values as a durable call's
	 * arguments.
	 *
	 * @param sequence a number
	 * @param orderId an id
	 */
	public record Receipt(long sequence, String orderId) implements Serializable {
	}

	/**
	 * What the bodies of this JVM did: how many ran, and when the awaited one started.
	 */
	static final class Bodies {

		static final AtomicLong RAN = new AtomicLong();

		private static volatile CompletableFuture<Long> next = new CompletableFuture<>();

		private Bodies() {
		}

		/**
		 * Return what completes, with {@link System#nanoTime()}, when the next body
		 * starts.
		 */
		static CompletableFuture<Long> next() {
			CompletableFuture<Long> future = new CompletableFuture<>();
			next = future;
			return future;
		}

		static void started() {
			long now = System.nanoTime();
			RAN.incrementAndGet();
			next.complete(now);
		}

	}

}

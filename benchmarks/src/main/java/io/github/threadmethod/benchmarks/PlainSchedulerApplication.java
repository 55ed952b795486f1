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

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A plain db-scheduler application, the durable mode's yardstick: db-scheduler's Spring
 * Boot 4 starter and a {@code DataSource} on a PostgreSQL database, with one one-time
 * task, {@value #TASK}, whose body does what the durable task's of
 * {@link DurableApplication} does, and none of threadmethod's auto-configurations (its
 * classes are on this module's class path, so they are excluded by name).
 * <p>
 * It creates no table: db-scheduler's, which threadmethod creates, is there from the
 * durable instances that the benchmark starts first.
 *
 * @author threadmethod contributors
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration",
		"io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration",
		"io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration",
		"io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration",
		"io.github.threadmethod.autoconfigure.durable.actuate.DurableCallsEndpointAutoConfiguration" })
public class PlainSchedulerApplication {

	static final String TASK = "plain-receipts";

	/**
	 * Start an instance on the given database.
	 * @param jdbcUrl the database
	 * @param username the user to connect as
	 * @param properties more properties, {@code name=value}
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String jdbcUrl, String username, String... properties) {
		return new SpringApplicationBuilder(PlainSchedulerApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=" + username,
					"logging.level.root=WARN")
			.properties(properties)
			.run();
	}

	@Bean
	OneTimeTask<DurableApplication.Receipt> plainReceipts() {
		return Tasks.oneTime(TASK, DurableApplication.Receipt.class)
			.execute((instance, context) -> DurableApplication.Bodies.started());
	}

}

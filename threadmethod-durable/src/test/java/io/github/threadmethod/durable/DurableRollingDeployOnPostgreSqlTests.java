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
package io.github.threadmethod.durable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests a rolling deploy on a real PostgreSQL: two versions of an application, as two
 * contexts on one database, where the new version has a durable method the old one lacks,
 * and another whose parameters changed. The start-up of an application whose database has
 * no db-scheduler table is tested in {@link DurableSchemaOnPostgreSqlTests}.
 *
 * @author threadmethod contributors
 */
class DurableRollingDeployOnPostgreSqlTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		OldVersion.runs.clear();
		NewVersion.runs.clear();
	}

	@Test
	void aCallOfTheNewVersionIsPutBackByTheOldOneNotFailedAndRunByTheNewOneAsItsFirstAttempt() {
		String url = postgres.createDatabase("rolling_deploy");
		ConfigurableApplicationContext newer = start(NewVersion.class, url);
		// Only the old version takes calls, until it is gone
		newer.getBean(Scheduler.class).pause();
		ConfigurableApplicationContext older = start(OldVersion.class, url);
		NewVersion.Mailer mailer = newer.getBean(NewVersion.Mailer.class);
		mailer.send("ada@example.com", "Hello");
		mailer.remind("grace@example.com");
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, postgres.getUsername(), ""));
		await().atMost(WAIT)
			.until(() -> jdbc.queryForObject("select count(*) from scheduled_tasks where last_success is not null",
					Integer.class) == 2);
		assertThat(jdbc.queryForList("select consecutive_failures from scheduled_tasks", Integer.class))
			.containsExactly(0, 0);
		assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where execution_time >= '9000-01-01'",
				Integer.class))
			.isZero();
		assertThat(OldVersion.runs).isEmpty();
		older.close();
		newer.getBean(Scheduler.class).resume();
		await().atMost(WAIT).until(() -> NewVersion.runs.size() == 2);
		assertThat(NewVersion.runs).extracting(Run::what)
			.containsExactlyInAnyOrder("send ada@example.com Hello", "remind grace@example.com");
		assertThat(NewVersion.runs).extracting(Run::attempt).containsOnly(1);
		await().atMost(WAIT)
			.until(() -> jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class) == 0);
		assertThat(OldVersion.runs).isEmpty();
	}

	private ConfigurableApplicationContext start(Class<?> application, String url) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + postgres.getUsername(),
					"threadmethod.mode=durable", "threadmethod.durable.initialize-schema=always",
					"threadmethod.durable.backoff=100ms", "db-scheduler.polling-interval=100ms",
					"spring.main.banner-mode=off")
			.run();
		this.contexts.add(context);
		return context;
	}

	record Run(String what, int attempt) {

		static Run of(String what) {
			return new Run(what, DurableCall.current().getAttempt());
		}

	}

	/**
	 * The old version of the application.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class OldVersion {

		static final List<Run> runs = new CopyOnWriteArrayList<>();

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		public static class Mailer {

			@FireAndForget
			public void send(String to) {
				runs.add(Run.of("send " + to));
			}

		}

	}

	/**
	 * The new version: one more parameter to {@code send}, and a new method.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class NewVersion {

		static final List<Run> runs = new CopyOnWriteArrayList<>();

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		public static class Mailer {

			@FireAndForget
			public void send(String to, String subject) {
				runs.add(Run.of("send " + to + " " + subject));
			}

			@FireAndForget
			public void remind(String to) {
				runs.add(Run.of("remind " + to));
			}

		}

	}

}

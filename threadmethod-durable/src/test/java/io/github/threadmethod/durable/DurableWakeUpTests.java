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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the wake-ups of other instances where they do not apply: another database
 * (H2), {@code threadmethod.durable.wake-up=poll}, no PostgreSQL driver; and the channel
 * they are sent on. Their behaviour on PostgreSQL is in
 * {@link DurableWakeUpOnPostgreSqlTests}.
 *
 * @author threadmethod contributors
 */
class DurableWakeUpTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:wake-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"threadmethod.tasks[Mailer.send].mode=durable", "db-scheduler.polling-interval=1h")
		.withUserConfiguration(MailerConfiguration.class);

	@Test
	void onAnotherDatabaseNothingListensNorIsAnnouncedAndCallsStillRun() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			WakeUpListener listener = context.getBean(WakeUpListener.class);
			assertThat(listener.isRunning()).isTrue();
			assertThat(listener.isListening()).isFalse();
			context.getBean(Mailer.class).send("ada@example.com");
			// Woken by the instance that stored it, as without wake-ups
			await().atMost(WAIT).until(() -> Mailer.runs.contains("ada@example.com"));
		});
	}

	@Test
	void theSenderRunsWithTheContextAndItsThreadEndsWhenTheContextCloses() {
		AtomicReference<WakeUpSender> sender = new AtomicReference<>();
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			sender.set(context.getBean(WakeUpSender.class));
			assertThat(sender.get().isRunning()).isTrue();
			assertThat(sender.get().hasEnded()).isFalse();
			// Nothing to announce on H2: the call runs, woken by this instance
			context.getBean(Mailer.class).send("grace@example.com");
			await().atMost(WAIT).until(() -> Mailer.runs.contains("grace@example.com"));
		});
		assertThat(sender.get().isRunning()).isFalse();
		await().atMost(WAIT).until(sender.get()::hasEnded);
	}

	@Test
	void wakeUpPollCreatesNeitherTheAnnouncementsNorTheListener() {
		this.runner.withPropertyValues("threadmethod.durable.wake-up=poll")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PostgresWakeUps.class)
				.doesNotHaveBean(WakeUpSender.class)
				.doesNotHaveBean(WakeUpListener.class));
	}

	@Test
	void withoutPostgreSqlsDriverNeitherIsCreated() {
		this.runner.withClassLoader(new FilteredClassLoader(PGConnection.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PostgresWakeUps.class)
				.doesNotHaveBean(WakeUpSender.class)
				.doesNotHaveBean(WakeUpListener.class));
	}

	@Test
	void theChannelIsTheTablesWhateverItsCase() {
		assertThat(PostgresWakeUps.channel("scheduled_tasks")).isEqualTo("threadmethod scheduled_tasks");
		assertThat(PostgresWakeUps.channel("SCHEDULED_TASKS")).isEqualTo("threadmethod scheduled_tasks");
		assertThat(PostgresWakeUps.channel("jobs")).isNotEqualTo(PostgresWakeUps.channel("scheduled_tasks"));
	}

	@Test
	void aTableNameTooLongForAChannelIsShortenedKeepingTablesApart() {
		String prefix = "billing.very_long_table_name_of_scheduled_tasks_for_the_billing_service_";
		String first = PostgresWakeUps.channel(prefix + "one");
		String second = PostgresWakeUps.channel(prefix + "two");
		String multibyte = PostgresWakeUps.channel("tâches_planifiées_".repeat(5));
		assertThat(List.of(first, second, multibyte))
			.allSatisfy(
					(channel) -> assertThat(channel.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63))
			.allSatisfy((channel) -> assertThat(channel).startsWith("threadmethod "));
		assertThat(first).isNotEqualTo(second);
	}

	@Configuration(proxyBeanMethods = false)
	static class MailerConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

	public static class Mailer {

		static final List<String> runs = new CopyOnWriteArrayList<>();

		@FireAndForget
		public void send(String to) {
			runs.add(to);
		}

	}

}

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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.durable.DurableStoreCommitTests.App;
import io.github.threadmethod.durable.DurableStoreCommitTests.Receipts;
import io.github.threadmethod.durable.DurableStoreCommitTests.Shipped;
import io.github.threadmethod.durable.DurableStoreCommitTests.ShippingListeners;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests on a real PostgreSQL, through a pool whose auto-commit is off (as
 * {@code spring.datasource.hikari.auto-commit=false} makes it), that a durable call is
 * committed however it is made: outside a transaction, inside one, and after one has
 * committed. The scheduler polls once an hour here, so that a body runs only if its row
 * was committed and its instance woken.
 *
 * @author threadmethod contributors
 */
class DurableStoreCommitOnPostgreSqlTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final AtomicInteger databases = new AtomicInteger();

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		Receipts.sent.clear();
	}

	@Test
	void aCallMadeOutsideATransactionIsCommitted() {
		ConfigurableApplicationContext context = start();
		context.getBean(Receipts.class).send("outside");
		await().atMost(WAIT).until(() -> Receipts.sent.contains("outside"));
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	@Test
	void aCallMadeInsideATransactionIsCommittedWithItOnlyIfItCommits() {
		ConfigurableApplicationContext context = start();
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		transaction.executeWithoutResult((status) -> {
			context.getBean(Receipts.class).send("rolled back");
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult((status) -> context.getBean(Receipts.class).send("committed"));
		await().atMost(WAIT).until(() -> Receipts.sent.contains("committed"));
		assertThat(Receipts.sent).containsExactly("committed");
		assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Receipts.send").stored()).isOne();
	}

	@Test
	void aCallMadeByAnAfterCommitEventListenerIsCommittedAndStartedAtOnce() {
		ConfigurableApplicationContext context = start();
		context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> context.publishEvent(new Shipped("shipped")));
		assertThat(context.getBean(ShippingListeners.class).startedBeforeTheCallerWasDone).isTrue();
		assertThat(Receipts.sent).containsExactly("shipped");
	}

	private ConfigurableApplicationContext start() {
		String url = postgres.createDatabase("store_commit_" + databases.incrementAndGet());
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + postgres.getUsername(),
					"spring.datasource.hikari.auto-commit=false", "threadmethod.durable.initialize-schema=always",
					"threadmethod.tasks[Receipts.send].mode=durable", "db-scheduler.polling-interval=1h",
					"spring.main.banner-mode=off")
			.run();
		this.contexts.add(context);
		return context;
	}

}

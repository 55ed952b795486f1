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

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a durable call costs its caller, outside a transaction (so it is stored at once),
 * next to scheduling an equivalent db-scheduler one-time task instance, with the same two
 * values as its data, through {@code SchedulerClient} (the same {@code Scheduler} bean,
 * the same database): the time until the caller gets control back.
 * <p>
 * The database is the one named by the system property {@value #JDBC_URL} (the runner
 * starts one {@link ThrowawayPostgreSql} cluster for every fork). The instance's
 * scheduler is paused, so that no body runs during the measurement and competes with the
 * caller for the CPU; the durable call's wake-up of the scheduler is still made, and
 * measured. The table is emptied before and after each fork.
 *
 * @author threadmethod contributors
 */
@State(Scope.Benchmark)
public class DurableCallerBenchmark {

	static final String JDBC_URL = "threadmethod.benchmarks.jdbc-url";

	static final String USERNAME = "threadmethod.benchmarks.username";

	private ConfigurableApplicationContext context;

	private DurableApplication.Receipts receipts;

	private SchedulerClient client;

	private OneTimeTask<DurableApplication.Receipt> directTask;

	private long sequence;

	@Setup(Level.Trial)
	@SuppressWarnings("unchecked")
	public void setUp() {
		this.context = DurableApplication.start(System.getProperty(JDBC_URL), System.getProperty(USERNAME));
		Scheduler scheduler = this.context.getBean(Scheduler.class);
		scheduler.pause();
		emptyTable();
		this.receipts = this.context.getBean(DurableApplication.Receipts.class);
		this.client = scheduler;
		this.directTask = (OneTimeTask<DurableApplication.Receipt>) this.context
			.getBeanProvider(ResolvableType.forClassWithGenerics(OneTimeTask.class, DurableApplication.Receipt.class))
			.getObject();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		emptyTable();
		this.context.close();
	}

	private void emptyTable() {
		this.context.getBean(JdbcTemplate.class).update("delete from scheduled_tasks");
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void durableCall() {
		this.receipts.send(++this.sequence, "order-42");
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void schedulerClient() {
		String id = DurableApplication.DIRECT_TASK + "/" + UUID.randomUUID();
		this.client.schedule(this.directTask.instance(id, new DurableApplication.Receipt(++this.sequence, "order-42")),
				Instant.now());
	}

}

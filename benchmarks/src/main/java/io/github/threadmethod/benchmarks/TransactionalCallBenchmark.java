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

import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a call made in a transaction costs its caller, next to a plain one, on the same
 * JVM in the same run, from the start of the caller's work to its return (the transaction
 * committed, and the call taken: its thread started):
 * <ul>
 * <li>{@code plainCall}: a call outside any transaction;</li>
 * <li>{@code emptyTransaction}: a transaction that makes no call, the cost of the
 * transaction itself;</li>
 * <li>{@code callInTransaction}: a transaction that makes one call, started once it has
 * committed ({@code threadmethod.dispatch=after-commit}, the default);</li>
 * <li>{@code immediateCallInTransaction}: the same, its task's dispatch
 * {@code immediate}: started at once, as before.</li>
 * </ul>
 * The transaction manager keeps no resource and does nothing on commit, so that what is
 * measured is threadmethod's part (the synchronization that holds the call, the capture
 * of the caller's context, the start at the commit), not a database's. Between calls, the
 * benchmark waits outside the measured time for the body to finish. The caller's MDC
 * holds one entry, as a request's would.
 *
 * @author threadmethod contributors
 */
@State(Scope.Thread)
public class TransactionalCallBenchmark {

	private ConfigurableApplicationContext context;

	private TransactionTemplate transaction;

	private Target target;

	private final Probe probe = new Probe();

	@Setup(Level.Trial)
	public void setUp() {
		MDC.put("requestId", "r-42");
		this.context = new SpringApplicationBuilder(TransactionalConfiguration.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn", "threadmethod.tasks[immediate].dispatch=immediate")
			.run();
		this.transaction = this.context.getBean(TransactionTemplate.class);
		this.target = this.context.getBean(Target.class);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
		MDC.clear();
	}

	@Setup(Level.Invocation)
	public void resetProbe() {
		this.probe.reset();
	}

	@TearDown(Level.Invocation)
	public void awaitBody() {
		this.probe.awaitDone();
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void plainCall() {
		this.target.afterCommit(this.probe);
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void emptyTransaction() {
		this.transaction.executeWithoutResult((status) -> this.probe.run());
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void callInTransaction() {
		this.transaction.executeWithoutResult((status) -> this.target.afterCommit(this.probe));
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void immediateCallInTransaction() {
		this.transaction.executeWithoutResult((status) -> this.target.immediate(this.probe));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class TransactionalConfiguration {

		@Bean
		Target target() {
			return new Target();
		}

		@Bean
		TransactionTemplate transactionTemplate() {
			return new TransactionTemplate(new NoResourceTransactionManager());
		}

	}

	/**
	 * Two tasks with the same body: one started after the commit, one at once.
	 */
	public static class Target {

		@FireAndForget("after-commit")
		public void afterCommit(Runnable body) {
			body.run();
		}

		@FireAndForget("immediate")
		public void immediate(Runnable body) {
			body.run();
		}

	}

	/**
	 * A transaction manager with no resource: it begins and commits nothing, while
	 * Spring's synchronization runs as for any transaction.
	 */
	@SuppressWarnings("serial")
	static class NoResourceTransactionManager extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}

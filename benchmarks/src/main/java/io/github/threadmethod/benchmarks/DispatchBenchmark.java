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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

/**
 * What one call costs, for each {@link Variant}, on the same JVM in the same run:
 * <ul>
 * <li>{@code callerReturn}: time until the caller gets control back;</li>
 * <li>{@code callToBodyStart}: time from the call until the body starts;</li>
 * <li>{@code burst}: a burst of {@value #BURST} calls until all have run, per call.</li>
 * </ul>
 * Between single calls, the benchmark waits, outside the measured time, for the body to
 * finish, so that calls do not pile up and each measures one thread start (or one
 * hand-over to an idle pool). The caller's MDC holds one entry, as a request's would.
 *
 * @author threadmethod contributors
 */
@State(Scope.Thread)
public class DispatchBenchmark {

	static final int BURST = 10_000;

	@Param
	public Variant variant;

	private Variant.Setup setup;

	private final Probe probe = new Probe();

	@Setup(Level.Trial)
	public void setUp() {
		MDC.put("requestId", "r-42");
		this.setup = this.variant.setUp();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.setup.close();
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
	public void callerReturn() {
		this.setup.dispatcher().dispatch(this.probe);
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public long callToBodyStart() {
		this.setup.dispatcher().dispatch(this.probe);
		return this.probe.awaitStart();
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	@OperationsPerInvocation(BURST)
	public void burst() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BURST);
		Runnable body = done::countDown;
		Targets.Dispatcher dispatcher = this.setup.dispatcher();
		for (int i = 0; i < BURST; i++) {
			dispatcher.dispatch(body);
		}
		done.await();
		// Every body has run: let the per-call tear-down through at once
		this.probe.run();
	}

}

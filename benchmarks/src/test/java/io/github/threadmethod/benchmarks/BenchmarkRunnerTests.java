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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.benchmarks.StartupBenchmark.Starter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the parts of {@link BenchmarkRunner} that read a run's figures.
 *
 * @author threadmethod contributors
 */
class BenchmarkRunnerTests {

	@Test
	void aContextWithoutTheStarterThatIsNotTheFastestMakesTheRunUnreliable() {
		Map<Starter, PerRound> refresh = new EnumMap<>(Starter.class);
		refresh.put(Starter.WITHOUT, new PerRound(List.of(30.0, 69.9)));
		refresh.put(Starter.WITH, new PerRound(List.of(60.0, 80.0)));
		refresh.put(Starter.WITH_FINDINGS, new PerRound(List.of(65.0, 85.0)));
		refresh.put(Starter.ASYNC, new PerRound(List.of(40.0, 41.2)));
		assertThat(BenchmarkRunner.leastWorkFailures(refresh))
			.containsExactly("round 2: WITHOUT 69.9 ms, ASYNC 41.2 ms");
		refresh.put(Starter.WITHOUT, new PerRound(List.of(30.0, 35.0)));
		assertThat(BenchmarkRunner.leastWorkFailures(refresh)).isEmpty();
	}

	@Test
	void bytesPerCallAreNeverNegativeBelowTheResolution() {
		assertThat(BenchmarkRunner.bytes(new PerRound(List.of(-28.6, 3.0, 12.0)), 16))
			.isEqualTo("below resolution (< 16.00)");
		assertThat(BenchmarkRunner.bytes(new PerRound(List.of(10.0, 900.0, 1_000.0)), 16))
			.isEqualTo("900 (lowest round below resolution (< 16.00))");
		assertThat(BenchmarkRunner.bytes(new PerRound(List.of(800.0, 900.0, 1_000.0)), 16))
			.isEqualTo("900 (800-1,000)");
	}

	@Test
	void theDrainAgainstAPlainApplicationGivesBothSidesTheSameSchedulerSettings() {
		List<String> plain = List.of(BenchmarkRunner.drainArguments("url", "user", 10_000, DurableRun.PLAIN));
		List<String> durable = List.of(BenchmarkRunner.drainArguments("url", "user", 10_000, "at-least-once"));
		assertThat(plain).startsWith("drain", "url", "user", "10000", DurableRun.PLAIN)
			.containsAll(BenchmarkRunner.DRAIN_SETTINGS)
			.noneMatch((argument) -> argument.startsWith("threadmethod."));
		assertThat(durable).startsWith("drain", "url", "user", "10000", DurableRun.THREADMETHOD)
			.containsAll(BenchmarkRunner.DRAIN_SETTINGS)
			.contains("threadmethod.tasks[" + DurableApplication.TASK + "].durable.effects=at-least-once");
		assertThat(durable.stream().filter((argument) -> argument.startsWith("db-scheduler.")))
			.containsExactlyElementsOf(
					plain.stream().filter((argument) -> argument.startsWith("db-scheduler.")).toList());
	}

	@Test
	void sectionsAreChosenByFlags() {
		assertThat(BenchmarkRunner.sections(List.of("--smoke"))).containsExactly("dispatch", "transactional", "startup",
				"memory", "load", "durable");
		assertThat(BenchmarkRunner.sections(List.of("--only", "memory,startup"))).containsExactly("startup", "memory");
		assertThat(BenchmarkRunner.sections(List.of("--dispatch-only"))).containsExactly("dispatch", "transactional");
		assertThat(BenchmarkRunner.sections(List.of("--durable"))).containsExactly("durable");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkRunner.sections(List.of("--only", "memroy")));
		assertThat(BenchmarkRunner.intFlag(List.of("--rounds", "5"), "--rounds", 3)).isEqualTo(5);
		assertThat(BenchmarkRunner.intFlag(List.of(), "--rounds", 3)).isEqualTo(3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkRunner.intFlag(List.of("--rounds", "0"), "--rounds", 3));
	}

	@Test
	void aReadingIsRepeatedUntilItsLastReadingsAgree() {
		long[] readings = { 500, 100, 40, 12, 10, 11, 10 };
		int[] next = { 0 };
		long[] stable = InFlightMemory.stable(() -> readings[next[0]++], 2);
		assertThat(stable).containsExactly(11, 2);
		assertThat(next[0]).isEqualTo(6);
	}

}

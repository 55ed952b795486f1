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

import java.util.List;

import io.github.threadmethod.benchmarks.BenchmarkPlots.Figure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PerRound}.
 *
 * @author threadmethod contributors
 */
class PerRoundTests {

	@Test
	void aRatioIsTakenWithinEachRound() {
		PerRound ours = new PerRound(List.of(110.0, 200.0, 330.0));
		PerRound theirs = new PerRound(List.of(100.0, 200.0, 300.0));
		assertThat(PerRound.ratio(ours, theirs).values()).containsExactly(1.1, 1.0, 1.1);
		assertThat(PerRound.difference(ours, theirs).values()).containsExactly(10.0, 0.0, 30.0);
	}

	@Test
	void theFigureIsTheMedianOfTheRoundsWithTheLowestAndTheHighest() {
		PerRound rounds = new PerRound(List.of(3.0, 1.0, Double.NaN, 2.0, 10.0));
		assertThat(rounds.rounds()).isEqualTo(4);
		assertThat(rounds.figure()).isEqualTo(new Figure(2.5, 1, 10));
		assertThat(rounds.describe((value) -> String.format("%.1f", value))).isEqualTo("2.5 (1.0-10.0)");
		assertThat(rounds.map((value) -> value * 2).median()).isEqualTo(5.0);
	}

	@Test
	void aFigureIsStableWhenEnoughRoundsLieCloseToTheirMedian() {
		PerRound close = new PerRound(List.of(1.00, 1.05, 1.10));
		assertThat(close.spread()).isCloseTo(0.0952, within(0.001));
		assertThat(close.stable()).isTrue();
		assertThat(close.spreadInWords()).isEqualTo("3 rounds, spread 10%: stable");
		PerRound wide = new PerRound(List.of(1.00, 1.05, 1.58));
		assertThat(wide.stable()).isFalse();
		assertThat(wide.spreadInWords()).isEqualTo("3 rounds, spread 55%: NOT stable");
		PerRound two = new PerRound(List.of(1.00, 1.00));
		assertThat(two.stable()).isFalse();
		assertThat(two.spreadInWords()).isEqualTo("2 rounds: too few to show a spread");
	}

	@Test
	void anAimIsJudgedOnlyWhenEveryRoundAgrees() {
		assertThat(new PerRound(List.of(0.92, 1.0, 1.09)).verdict(1.2, true)).isEqualTo("met in every round");
		assertThat(new PerRound(List.of(0.92, 1.0, 1.58)).verdict(1.2, true))
			.isEqualTo("not decided: met in 2 of 3 rounds");
		assertThat(new PerRound(List.of(1.3, 1.4, 1.58)).verdict(1.2, true)).isEqualTo("MISSED in every round");
		assertThat(new PerRound(List.of(3.69, 9.7, 12.0)).verdict(5, false))
			.isEqualTo("not decided: met in 2 of 3 rounds");
		assertThat(new PerRound(List.of(0.9)).verdict(1.2, true)).isEqualTo("met in the only round");
	}

}

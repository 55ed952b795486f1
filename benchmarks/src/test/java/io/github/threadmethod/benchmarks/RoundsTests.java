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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Rounds}.
 *
 * @author threadmethod contributors
 */
class RoundsTests {

	@Test
	void eachRoundStartsElsewhereAndEveryOtherRunsBackwards() {
		List<String> group = List.of("a", "b", "c", "d", "e", "f");
		assertThat(Rounds.order(group, 0, 3)).containsExactly("a", "b", "c", "d", "e", "f");
		assertThat(Rounds.order(group, 1, 3)).containsExactly("c", "b", "a", "f", "e", "d");
		assertThat(Rounds.order(group, 2, 3)).containsExactly("e", "f", "a", "b", "c", "d");
	}

	@Test
	void noVariantRunsFirstInEveryRound() {
		List<String> group = List.of("WITHOUT", "WITH", "WITH_FINDINGS", "ASYNC");
		List<String> firsts = new ArrayList<>();
		for (int round = 0; round < 4; round++) {
			firsts.add(Rounds.order(group, round, 4).get(0));
		}
		assertThat(firsts).doesNotHaveDuplicates();
	}

	@Test
	void runsOneForkOfEveryCellPerRoundGroupByGroup() throws Exception {
		List<String> ran = new ArrayList<>();
		Map<String, List<String>> results = Rounds.run(List.of(List.of("a1", "a2"), List.of("b1", "b2")), 2,
				(cell, round) -> {
					ran.add(round + ":" + cell);
					return cell + "@" + round;
				});
		assertThat(ran).containsExactly("0:a1", "0:a2", "0:b1", "0:b2", "1:a2", "1:a1", "1:b2", "1:b1");
		assertThat(results).containsEntry("a1", List.of("a1@0", "a1@1")).containsEntry("b2", List.of("b2@0", "b2@1"));
	}

}

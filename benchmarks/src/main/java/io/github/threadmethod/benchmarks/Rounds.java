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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forks of the variants of a benchmark run in rounds: each round runs one fork of every
 * variant, so that a ratio of two variants can be taken within a round, where both ran
 * under the same conditions of the machine, and its spread read across rounds.
 * <p>
 * The order changes from round to round, so that no variant always runs first (after the
 * build, on a machine still busy with it) or always right after the same neighbour: round
 * {@code r} of {@code n} starts {@code r/n} of the way into the list, and every other
 * round runs from there backwards. Within a round, the variants of one group (the forks
 * of one benchmark method, say) run one after another, so that the two sides of a ratio
 * run minutes apart at most.
 *
 * @author threadmethod contributors
 */
final class Rounds {

	private Rounds() {
	}

	/**
	 * Runs every fork of every round.
	 * @param <C> a fork's description, such as a benchmark method and a variant
	 * @param <R> a fork's result
	 * @param groups the forks of one round, in groups run one after another
	 * @param rounds how many rounds
	 * @param fork runs one fork and returns its result
	 * @return each fork's results, one per round, in the order of the rounds
	 * @throws Exception if a fork fails
	 */
	static <C, R> Map<C, List<R>> run(List<List<C>> groups, int rounds, Fork<C, R> fork) throws Exception {
		Map<C, List<R>> results = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (List<C> group : groups) {
				for (C cell : order(group, round, rounds)) {
					results.computeIfAbsent(cell, (key) -> new ArrayList<>()).add(fork.run(cell, round));
				}
			}
		}
		return results;
	}

	/**
	 * The order of a group's forks in one round: from the round's share of the way into
	 * the group, forwards, or backwards in every other round.
	 * @param <C> a fork's description
	 * @param group the forks, in their listed order
	 * @param round the round, from 0
	 * @param rounds how many rounds in all
	 * @return the forks in the order of that round
	 */
	static <C> List<C> order(List<C> group, int round, int rounds) {
		int size = group.size();
		int start = round * size / Math.max(1, rounds);
		List<C> ordered = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			int step = (round % 2 == 0) ? i : -i;
			ordered.add(group.get(Math.floorMod(start + step, size)));
		}
		return ordered;
	}

	/**
	 * Runs one fork.
	 *
	 * @param <C> a fork's description
	 * @param <R> its result
	 */
	@FunctionalInterface
	interface Fork<C, R> {

		/**
		 * Runs one fork in a JVM of its own.
		 * @param cell what to run
		 * @param round the round, from 0
		 * @return its result
		 * @throws Exception if it fails
		 */
		R run(C cell, int round) throws Exception;

	}

}

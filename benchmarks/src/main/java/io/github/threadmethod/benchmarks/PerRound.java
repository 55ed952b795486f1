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
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

import io.github.threadmethod.benchmarks.BenchmarkPlots.Figure;

/**
 * A figure measured once in each round of a run (see {@link Rounds}), or a ratio of two
 * such figures taken within each round: its median and its spread over the rounds.
 * <p>
 * A figure is <em>stable</em> when its rounds lie within {@value #STABLE_SPREAD} of their
 * median from lowest to highest ({@code (max - min) / median}), and at least
 * {@value #MIN_ROUNDS_FOR_SPREAD} rounds were run. An aim is judged by a ratio only when
 * every round falls on the same side of its target: a ratio whose rounds straddle the
 * target decides nothing, however its median falls.
 *
 * @param values the figure of each round, in the order of the rounds ({@code NaN} for a
 * round that did not measure it)
 * @author threadmethod contributors
 */
record PerRound(List<Double> values) {

	/** The widest spread, relative to the median, of a figure called stable. */
	static final double STABLE_SPREAD = 0.2;

	/** The fewest rounds that show a spread at all. */
	static final int MIN_ROUNDS_FOR_SPREAD = 3;

	PerRound {
		values = List.copyOf(values);
	}

	/**
	 * A ratio taken within each round.
	 * @param numerator the figure on top
	 * @param denominator the figure below, measured in the same rounds
	 * @return the ratios, one per round
	 */
	static PerRound ratio(PerRound numerator, PerRound denominator) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(numerator.values.size(), denominator.values.size()); i++) {
			double bottom = denominator.values.get(i);
			ratios.add((bottom != 0) ? numerator.values.get(i) / bottom : Double.NaN);
		}
		return new PerRound(ratios);
	}

	/**
	 * A difference taken within each round, such as what one variant holds beyond
	 * another.
	 * @param minuend the figure from which the other is taken
	 * @param subtrahend the figure taken away, measured in the same rounds
	 * @return the differences, one per round
	 */
	static PerRound difference(PerRound minuend, PerRound subtrahend) {
		List<Double> differences = new ArrayList<>();
		for (int i = 0; i < Math.min(minuend.values.size(), subtrahend.values.size()); i++) {
			differences.add(minuend.values.get(i) - subtrahend.values.get(i));
		}
		return new PerRound(differences);
	}

	/**
	 * The same figure in another form, round by round, such as a time per call as a rate.
	 * @param function what to apply to each round's figure
	 * @return the figures so transformed
	 */
	PerRound map(DoubleUnaryOperator function) {
		return new PerRound(this.values.stream().map(function::applyAsDouble).toList());
	}

	/**
	 * How many rounds measured the figure.
	 * @return the rounds with a figure
	 */
	int rounds() {
		return measured().size();
	}

	double median() {
		List<Double> sorted = measured();
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	double min() {
		List<Double> sorted = measured();
		return sorted.isEmpty() ? Double.NaN : sorted.get(0);
	}

	double max() {
		List<Double> sorted = measured();
		return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
	}

	/**
	 * The median, drawn as a bar, from the lowest round to the highest, its whiskers.
	 * @return the figure to plot
	 */
	Figure figure() {
		return new Figure(median(), min(), max());
	}

	/**
	 * From the lowest round to the highest, as a share of the median.
	 * @return the spread, {@code NaN} without rounds
	 */
	double spread() {
		return (max() - min()) / Math.abs(median());
	}

	/**
	 * Whether enough rounds agree closely enough to judge by.
	 * @return whether the figure is stable
	 */
	boolean stable() {
		return rounds() >= MIN_ROUNDS_FOR_SPREAD && spread() <= STABLE_SPREAD;
	}

	/**
	 * The median and its spread, such as {@code 1.02 (0.98-1.07)}, in a format of the
	 * caller's.
	 * @param format formats one number
	 * @return the figure as text
	 */
	String describe(DoubleFunction<String> format) {
		if (rounds() == 0) {
			return "n/a";
		}
		if (rounds() == 1) {
			return format.apply(median());
		}
		return format.apply(median()) + " (" + format.apply(min()) + "-" + format.apply(max()) + ")";
	}

	/**
	 * How the rounds spread, in words: how many, how wide, and whether that is stable.
	 * @return such as {@code 3 rounds, spread 9%: stable}
	 */
	String spreadInWords() {
		int rounds = rounds();
		if (rounds < MIN_ROUNDS_FOR_SPREAD) {
			return rounds + ((rounds == 1) ? " round" : " rounds") + ": too few to show a spread";
		}
		return String.format(Locale.ROOT, "%d rounds, spread %.0f%%: %s", rounds, spread() * 100,
				stable() ? "stable" : "NOT stable");
	}

	/**
	 * The verdict on an aim, from every round rather than the median alone.
	 * @param target the ratio aimed at
	 * @param lowerIsBetter whether the aim is at most the target, rather than at least
	 * @return {@code met in every round}, {@code MISSED in every round}, or, when the
	 * rounds straddle the target, that the run does not decide it
	 */
	String verdict(double target, boolean lowerIsBetter) {
		int met = 0;
		List<Double> measured = measured();
		for (double value : measured) {
			if (lowerIsBetter ? value <= target : value >= target) {
				met++;
			}
		}
		if (measured.isEmpty()) {
			return "not measured";
		}
		if (measured.size() == 1) {
			return ((met == 1) ? "met" : "MISSED") + " in the only round";
		}
		if (met == measured.size()) {
			return "met in every round";
		}
		if (met == 0) {
			return "MISSED in every round";
		}
		return "not decided: met in " + met + " of " + measured.size() + " rounds";
	}

	private List<Double> measured() {
		return this.values.stream().filter((value) -> !value.isNaN()).sorted().toList();
	}

}

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

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.threadmethod.benchmarks.SvgBarChart.Fill;
import io.github.threadmethod.benchmarks.SvgBarChart.Series;
import org.openjdk.jmh.util.Statistics;

/**
 * The plots of one benchmark run: its main tables drawn as SVG bar charts, from the
 * figures the run has just measured, into one directory; and copied, on request, to
 * another (the documentation's images).
 * <p>
 * The mechanisms a call is compared with are drawn as references, in a colour and a
 * pattern of their own: the bare thread starts (the limit), Spring's {@code @Async}, a
 * plain call (the floor) and db-scheduler's own client.
 *
 * @author threadmethod contributors
 */
final class BenchmarkPlots {

	static final Series FIRE_AND_FORGET = new Series("@FireAndForget", "#0072B2", Fill.SOLID);

	static final Series DURABLE = new Series("durable @FireAndForget calls", "#0072B2", Fill.SOLID);

	static final Series BARE_THREAD = new Series("bare thread start (the limit)", "#E69F00", Fill.HATCHED);

	static final Series ASYNC = new Series("Spring @Async", "#CC79A7", Fill.DOTTED);

	static final Series FLOOR = new Series("plain method call (the floor)", "#888888", Fill.SOLID);

	static final Series NO_STARTER = new Series("no starter (plain beans)", "#888888", Fill.SOLID);

	static final Series SCHEDULER_CLIENT = new Series("db-scheduler's own client", "#009E73", Fill.HATCHED);

	private static final String ROUNDS = "Median of the rounds (each the median of a fork of its own); whiskers: the "
			+ "lowest and the highest round.";

	private final Path directory;

	private final String run;

	private final List<Path> written = new ArrayList<>();

	private BenchmarkPlots(Path directory, String run) {
		this.directory = directory;
		this.run = run;
	}

	/**
	 * Plots of a run, written to a directory that holds no others: the plots a former run
	 * left there are deleted, so that the directory shows one run, as the report does.
	 * @param directory where the plots are written, created if needed
	 * @param run the run, such as the Java version and the machine: a line on every plot
	 * @return the plots, none written yet
	 * @throws IOException if the directory cannot be created or emptied of plots
	 */
	static BenchmarkPlots startIn(Path directory, String run) throws IOException {
		Files.createDirectories(directory);
		try (DirectoryStream<Path> former = Files.newDirectoryStream(directory, "*.svg")) {
			for (Path plot : former) {
				Files.delete(plot);
			}
		}
		return new BenchmarkPlots(directory, run);
	}

	Plot callerReturn(Map<Variant, Figure> nanos) throws IOException {
		SvgBarChart chart = new SvgBarChart("Caller return per variant", "caller return", "ns")
			.description("How long each way of running a body keeps its caller, next to a bare thread start "
					+ "and Spring's @Async on the same JVM in the same run. Lower is better.")
			.note("Time until the caller gets control back. Lower is better. " + ROUNDS);
		variants(chart, nanos);
		return write(chart, "caller-return.svg");
	}

	Plot callToBodyStart(Map<Variant, Figure> nanos) throws IOException {
		SvgBarChart chart = new SvgBarChart("Call to body start per variant", "call to body start", "ns")
			.description("How long after the call each way of running a body starts it, next to a bare thread "
					+ "start and Spring's @Async on the same JVM in the same run. Lower is better.")
			.note("From the call until the body runs. Lower is better. " + ROUNDS
					+ " A round's figure is the median of all its samples.");
		variants(chart, nanos);
		return write(chart, "call-to-body-start.svg");
	}

	Plot burstRate(Map<Variant, Figure> callsPerSecond) throws IOException {
		SvgBarChart chart = new SvgBarChart("Burst rate per variant", "burst rate", "calls/s")
			.description("How many calls per second each way of running a body sustains over a burst of "
					+ String.format(Locale.ROOT, "%,d", DispatchBenchmark.BURST)
					+ " calls until all have run, next to bare threads and Spring's @Async. Higher is better.")
			.note(String.format(Locale.ROOT, "%,d", DispatchBenchmark.BURST)
					+ " calls until all have run. Higher is better. " + ROUNDS);
		variants(chart, callsPerSecond);
		return write(chart, "burst-rate.svg");
	}

	Plot startup(Map<StartupBenchmark.Starter, Figure> millis) throws IOException {
		SvgBarChart chart = new SvgBarChart("Start-up refresh per starter", "refresh", "ms")
			.description("How long a context of " + String.format(Locale.ROOT, "%,d", StartupBenchmark.BEANS)
					+ " beans takes to refresh, " + StartupBenchmark.FIRE_AND_FORGET_BEANS
					+ " of them with @FireAndForget methods, without the starter, with it, with it reporting "
					+ "a finding in each, and with @Async on the same methods instead. Lower is better.")
			.note(String.format(Locale.ROOT, "%,d beans, %d with @FireAndForget (or @Async) methods. Lower is better.",
					StartupBenchmark.BEANS, StartupBenchmark.FIRE_AND_FORGET_BEANS))
			.note("Each refresh of classes never seen before, after the same warm-up for every starter. " + ROUNDS);
		millis.forEach((starter, figure) -> chart.bar(starter.name(), figure.value(), figure.low(), figure.high(),
				switch (starter) {
					case WITHOUT -> NO_STARTER;
					case ASYNC -> ASYNC;
					default -> FIRE_AND_FORGET;
				}));
		return write(chart, "startup-refresh.svg");
	}

	Plot durableCallerReturn(Figure durableCallMicros, Figure schedulerClientMicros) throws IOException {
		SvgBarChart chart = new SvgBarChart("Durable call: caller return", "caller return", "µs")
			.description("What a durable call costs its caller, outside a transaction so that it is stored at "
					+ "once, next to scheduling an equivalent one-time task through db-scheduler's "
					+ "SchedulerClient on the same database. Lower is better.")
			.note("Outside a transaction: each call stored at once. Lower is better.")
			.note(ROUNDS);
		figure(chart, "@FireAndForget mode=durable", durableCallMicros, FIRE_AND_FORGET);
		figure(chart, "SchedulerClient.schedule", schedulerClientMicros, SCHEDULER_CLIENT);
		return write(chart, "durable-caller-return.svg");
	}

	Plot durableCommitToBodyStart(int samples, Figure inTransactionMillis, Figure outsideMillis) throws IOException {
		SvgBarChart chart = new SvgBarChart("Durable call: commit to body start", "time to body start", "ms")
			.description("On an idle instance, how long after a @Transactional caller asks to commit, or after "
					+ "a call outside a transaction returns, the durable call's body starts. Lower is better.")
			.note("On an idle instance, " + samples + " calls each way. Lower is better.")
			.note("Median; whiskers: the fastest and the slowest call.");
		figure(chart, "@Transactional, from the commit", inTransactionMillis, DURABLE);
		figure(chart, "no transaction, from the return", outsideMillis, DURABLE);
		return write(chart, "durable-commit-to-body-start.svg");
	}

	Plot durableDrain(int calls, Map<String, Double> callsPerSecond) throws IOException {
		SvgBarChart chart = new SvgBarChart("Durable calls drained by two instances", "drain rate", "calls/s")
			.description(String.format(Locale.ROOT, "%,d", calls) + " durable calls stored in one transaction, "
					+ "then run by two idle instances: calls per second from the commit until none is left, "
					+ "for each of db-scheduler's polling strategies. Higher is better.")
			.note(String.format(Locale.ROOT,
					"%,d calls, one transaction, two instances; one drain per polling " + "strategy. Higher is better.",
					calls));
		callsPerSecond.forEach((strategy, rate) -> chart.bar(strategy, rate, DURABLE));
		return write(chart, "durable-drain.svg");
	}

	/**
	 * Copies every plot written so far to a directory, replacing plots of the same name.
	 * @param target the directory, created if needed
	 * @return the copies
	 * @throws IOException if a plot cannot be copied
	 */
	List<Path> copyTo(Path target) throws IOException {
		Files.createDirectories(target);
		List<Path> copies = new ArrayList<>();
		for (Path plot : this.written) {
			copies.add(Files.copy(plot, target.resolve(plot.getFileName()), StandardCopyOption.REPLACE_EXISTING));
		}
		return copies;
	}

	private static void variants(SvgBarChart chart, Map<Variant, Figure> figures) {
		figures.forEach((variant, figure) -> figure(chart, variant.name(), figure, series(variant)));
	}

	static Series series(Variant variant) {
		return switch (variant) {
			case DIRECT -> FLOOR;
			case THREAD, VIRTUAL_THREAD -> BARE_THREAD;
			case ASYNC_BOOT_POOL, ASYNC_SIMPLE, ASYNC_SIMPLE_VIRTUAL -> ASYNC;
			default -> FIRE_AND_FORGET;
		};
	}

	private static void figure(SvgBarChart chart, String label, Figure figure, Series series) {
		if (figure == null) {
			chart.bar(label, Double.NaN, series);
		}
		else {
			chart.bar(label, figure.value(), figure.low(), figure.high(), series);
		}
	}

	private Plot write(SvgBarChart chart, String fileName) throws IOException {
		chart.note(this.run);
		Path file = this.directory.resolve(fileName);
		chart.writeTo(file);
		this.written.add(file);
		return new Plot(chart.title(), file);
	}

	/**
	 * A plot written.
	 *
	 * @param title what it shows
	 * @param file where it is
	 */
	record Plot(String title, Path file) {

	}

	/**
	 * A measured figure and its spread, drawn as a bar and its whiskers.
	 *
	 * @param value the figure, a median
	 * @param low where the spread starts ({@code NaN} if there is none)
	 * @param high where the spread ends ({@code NaN} if there is none)
	 */
	record Figure(double value, double low, double high) {

		/**
		 * The median of JMH's iterations, from the fastest to the slowest.
		 */
		static Figure ofIterations(Statistics statistics) {
			return new Figure(statistics.getPercentile(50), statistics.getMin(), statistics.getMax());
		}

		/**
		 * The median of JMH's samples, from the 10th to the 90th percentile: the slowest
		 * samples of a latency are outliers that would squeeze every bar.
		 */
		static Figure ofSamples(Statistics statistics) {
			return new Figure(statistics.getPercentile(50), statistics.getPercentile(10), statistics.getPercentile(90));
		}

		/**
		 * The same figure in a larger unit, such as nanoseconds as microseconds
		 * ({@code 1_000}).
		 */
		Figure dividedBy(double divisor) {
			return new Figure(this.value / divisor, this.low / divisor, this.high / divisor);
		}

		/**
		 * The figure as a rate: a time per call as calls per that unit's {@code perUnit},
		 * such as nanoseconds per call as calls per second ({@code 1e9}). The slowest
		 * time is the lowest rate.
		 */
		Figure rate(double perUnit) {
			return new Figure(perUnit / this.value, perUnit / this.high, perUnit / this.low);
		}

	}

}

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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.benchmarks.BenchmarkPlots.Figure;
import io.github.threadmethod.benchmarks.BenchmarkPlots.Plot;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go, on this JVM's Java, and prints a Markdown summary of
 * medians, spreads and ratios (also written to {@code benchmarks/target/benchmarks.md}),
 * with plots of its main tables as SVG images next to it
 * ({@code benchmarks/target/plots}).
 * <p>
 * The variants of each benchmark run in {@link Rounds rounds}: one fork of each per
 * round, interleaved, with the same warm-up; a figure is the median of its rounds, given
 * with the lowest and the highest, and a ratio is taken within each round (both sides
 * under the same conditions) and summarized the same way, with a verdict on its aim only
 * when every round agrees. The report ends with which ratios are stable enough to judge
 * by.
 * <p>
 * With {@code --smoke}, runs each once and briefly (one round), to prove the benchmarks
 * still run; with {@code --rounds <n>}, runs that many rounds (3 by default); with
 * {@code --only <sections>}, only those (comma-separated, among {@code dispatch},
 * {@code transactional}, {@code startup}, {@code memory}, {@code load}, {@code durable});
 * with {@code --dispatch-only}, the per-call benchmarks only; with {@code --durable}, the
 * durable mode's only (on a throwaway PostgreSQL cluster started here). With
 * {@code --plots-dir <directory>}, also copies the plots of the run to that directory
 * (such as {@code docs/images/benchmarks}); not with {@code --smoke}, whose numbers mean
 * nothing.
 *
 * @author threadmethod contributors
 */
public final class BenchmarkRunner {

	private static final Path OUTPUT = Path.of("benchmarks", "target", "benchmarks.md");

	/** The sections of a run, in the order they run; {@code --only} names some. */
	private static final List<String> SECTIONS = List.of("dispatch", "transactional", "startup", "memory", "load",
			"durable");

	private static final int ROUNDS = 3;

	private static final String AT_LEAST_ONCE = "at-least-once";

	private static final String ONCE = "once";

	/**
	 * The db-scheduler settings of every instance of the drain against a plain
	 * db-scheduler application (db-scheduler's defaults, spelled out so that both sides
	 * visibly share them).
	 */
	static final List<String> DRAIN_SETTINGS = List.of("db-scheduler.threads=10", "db-scheduler.polling-interval=10s",
			"db-scheduler.polling-strategy=fetch", "db-scheduler.polling-strategy-lower-limit-fraction-of-threads=0.5",
			"db-scheduler.polling-strategy-upper-limit-fraction-of-threads=3.0", "db-scheduler.heartbeat-interval=5m",
			"db-scheduler.missed-heartbeats-limit=6", "db-scheduler.immediate-execution-enabled=false");

	// Per fork: three rounds of one fork each measure about as long in all as the two
	// forks of five iterations before the rounds did, which keeps the full run near 40
	// minutes on 2 cores (a fork of the dispatch benchmark is about 6 s besides its
	// iterations: the JVM, the variant's context)
	private static final int WARMUP_ITERATIONS = 2;

	private static final int MEASUREMENT_ITERATIONS = 3;

	private static final int STARTUP_WARMUPS = 10;

	private static final int STARTUP_REFRESHES = 10;

	private static final String MEMORY_HEAP = "256m";

	private static final long MEMORY_RSS_FLOOR_KIB = 256;

	private final boolean smoke;

	private final int rounds;

	private final BenchmarkPlots plots;

	private final StringBuilder report = new StringBuilder();

	private final List<String> stability = new ArrayList<>();

	private BenchmarkRunner(boolean smoke, int rounds, BenchmarkPlots plots) {
		this.smoke = smoke;
		this.rounds = rounds;
		this.plots = plots;
	}

	public static void main(String[] args) throws Exception {
		List<String> flags = List.of(args);
		boolean smoke = flags.contains("--smoke");
		Path plotsCopy = plotsDirectory(flags);
		if (smoke && plotsCopy != null) {
			throw new IllegalArgumentException("--plots-dir is for plots worth keeping: a smoke run's numbers mean "
					+ "nothing (its plots are in " + OUTPUT.resolveSibling("plots") + ")");
		}
		int rounds = intFlag(flags, "--rounds", smoke ? 1 : ROUNDS);
		String run = "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, " + rounds
				+ ((rounds == 1) ? " round" : " rounds") + (smoke ? "; a smoke run: the numbers mean nothing" : "");
		BenchmarkRunner runner = new BenchmarkRunner(smoke, rounds,
				BenchmarkPlots.startIn(OUTPUT.resolveSibling("plots"), run));
		runner.run(sections(flags));
		if (plotsCopy != null) {
			for (Path copy : runner.plots.copyTo(plotsCopy)) {
				System.out.println("Plot copied to " + copy);
			}
		}
	}

	/**
	 * The sections to run: every one, or those {@code --only} names (comma-separated), or
	 * the per-call ones ({@code --dispatch-only}) or the durable mode's
	 * ({@code --durable}).
	 */
	static List<String> sections(List<String> flags) {
		if (flags.contains("--dispatch-only")) {
			return List.of("dispatch", "transactional");
		}
		if (flags.contains("--durable")) {
			return List.of("durable");
		}
		int only = flags.indexOf("--only");
		if (only < 0) {
			return SECTIONS;
		}
		List<String> named = (only + 1 < flags.size()) ? List.of(flags.get(only + 1).split(",")) : List.of();
		if (named.isEmpty() || !SECTIONS.containsAll(named)) {
			throw new IllegalArgumentException("--only needs sections among " + SECTIONS + ", comma-separated");
		}
		return SECTIONS.stream().filter(named::contains).toList();
	}

	static int intFlag(List<String> flags, String flag, int otherwise) {
		int index = flags.indexOf(flag);
		if (index < 0) {
			return otherwise;
		}
		if (index + 1 >= flags.size() || !flags.get(index + 1).matches("[1-9][0-9]*")) {
			throw new IllegalArgumentException(flag + " needs a positive number");
		}
		return Integer.parseInt(flags.get(index + 1));
	}

	private static Path plotsDirectory(List<String> flags) {
		int flag = flags.indexOf("--plots-dir");
		if (flag < 0) {
			return null;
		}
		if (flag + 1 >= flags.size() || flags.get(flag + 1).startsWith("--")) {
			throw new IllegalArgumentException("--plots-dir needs a directory, such as docs/images/benchmarks");
		}
		return Path.of(flags.get(flag + 1));
	}

	private void run(List<String> sections) throws Exception {
		line("# threadmethod benchmarks" + (this.smoke ? " (smoke run: numbers mean nothing)" : ""));
		line("");
		line("- Java: " + System.getProperty("java.vm.name") + " " + Runtime.version());
		line("- Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
				+ (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap here");
		line("- Rounds: " + this.rounds + ", each one fork (a fresh JVM) of every variant, in an order that starts "
				+ "elsewhere each round and runs backwards every other round; a figure is the median of its rounds' "
				+ "figures, with the lowest and the highest round in brackets, and a ratio is taken within each "
				+ "round, then summarized the same way");
		line("");
		if (sections.contains("dispatch")) {
			dispatch();
		}
		if (sections.contains("transactional")) {
			transactional();
		}
		if (sections.contains("startup")) {
			startup();
		}
		if (sections.contains("memory")) {
			memory();
		}
		if (sections.contains("load")) {
			load();
		}
		if (sections.contains("durable")) {
			durable();
		}
		stabilitySummary();
		Files.createDirectories(OUTPUT.getParent());
		Files.writeString(OUTPUT, this.report);
		System.out.println();
		System.out.println(this.report);
	}

	private void dispatch() throws Exception {
		List<Variant> variants = Variant.available();
		List<List<Fork>> groups = new ArrayList<>();
		for (String method : List.of("callerReturn", "callToBodyStart", "burst")) {
			groups.add(variants.stream().map((variant) -> new Fork(method, "variant", variant.name())).toList());
		}
		Map<Fork, List<RunResult>> results = Rounds.run(groups, this.rounds, (fork,
				round) -> runFork(DispatchBenchmark.class, fork, (options) -> options.addProfiler(GCProfiler.class)));
		Map<Variant, PerRound> callerReturn = new EnumMap<>(Variant.class);
		Map<Variant, PerRound> callToBody = new EnumMap<>(Variant.class);
		Map<Variant, PerRound> burst = new EnumMap<>(Variant.class);
		Map<Variant, PerRound> allocated = new EnumMap<>(Variant.class);
		for (Variant variant : variants) {
			List<RunResult> callerReturnForks = results.get(new Fork("callerReturn", "variant", variant.name()));
			callerReturn.put(variant, perRound(callerReturnForks, BenchmarkRunner::median));
			allocated.put(variant, perRound(callerReturnForks, (result) -> secondary(result, "gc.alloc.rate.norm")));
			callToBody.put(variant, perRound(results.get(new Fork("callToBodyStart", "variant", variant.name())),
					BenchmarkRunner::median));
			burst.put(variant,
					perRound(results.get(new Fork("burst", "variant", variant.name())), BenchmarkRunner::median));
		}
		Map<Variant, PerRound> rates = new EnumMap<>(Variant.class);
		burst.forEach((variant, nanos) -> rates.put(variant, nanos.map((perCall) -> 1e9 / perCall)));
		line("## One call, on the same JVM in the same run");
		line("");
		line("Caller return and call to body start in nanoseconds; the burst is " + DispatchBenchmark.BURST
				+ " calls until all have run, as calls per second; allocation per call "
				+ "from JMH's gc profiler (the caller's side only: the new thread's own allocation is not counted). "
				+ "Each round's figure is the median of its fork (of JMH's iterations; for call to body start, of "
				+ "all samples); the table gives the median of the rounds and, in brackets, the lowest and the "
				+ "highest round.");
		line("");
		line("| variant | caller return (ns) | call to body start (ns) | burst (calls/s) | allocated per call (B) |");
		line("|---|---:|---:|---:|---:|");
		for (Variant variant : variants) {
			line("| " + variant + " | " + describe(callerReturn.get(variant)) + " | "
					+ describe(callToBody.get(variant)) + " | " + describe(rates.get(variant)) + " | "
					+ describe(allocated.get(variant)) + " |");
		}
		line("");
		image(this.plots.callerReturn(figures(callerReturn)));
		image(this.plots.callToBodyStart(figures(callToBody)));
		image(this.plots.burstRate(figures(rates)));
		line("### Ratios (targets from the issues), each taken within a round");
		line("");
		ratio("caller return, FIRE_AND_FORGET / THREAD", callerReturn, Variant.FIRE_AND_FORGET, Variant.THREAD, 1.05,
				true);
		ratio("caller return, FIRE_AND_FORGET_ALL / THREAD", callerReturn, Variant.FIRE_AND_FORGET_ALL, Variant.THREAD,
				1.05, true);
		ratio("caller return, FIRE_AND_FORGET_VIRTUAL_ALL / VIRTUAL_THREAD", callerReturn,
				Variant.FIRE_AND_FORGET_VIRTUAL_ALL, Variant.VIRTUAL_THREAD, 1.5, true);
		ratio("caller return, FIRE_AND_FORGET_ALL_OBSERVED / FIRE_AND_FORGET_ALL", callerReturn,
				Variant.FIRE_AND_FORGET_ALL_OBSERVED, Variant.FIRE_AND_FORGET_ALL, Double.NaN, true);
		ratio("call to body start, FIRE_AND_FORGET_ALL_OBSERVED / FIRE_AND_FORGET_ALL", callToBody,
				Variant.FIRE_AND_FORGET_ALL_OBSERVED, Variant.FIRE_AND_FORGET_ALL, Double.NaN, true);
		ratio("call to body start, ASYNC_BOOT_POOL / FIRE_AND_FORGET_VIRTUAL_ALL (higher is better)", callToBody,
				Variant.ASYNC_BOOT_POOL, Variant.FIRE_AND_FORGET_VIRTUAL_ALL, 5, false);
		ratio("call to body start, FIRE_AND_FORGET / ASYNC_BOOT_POOL", callToBody, Variant.FIRE_AND_FORGET,
				Variant.ASYNC_BOOT_POOL, Double.NaN, true);
		ratio("caller return, FIRE_AND_FORGET_KEYED / FIRE_AND_FORGET", callerReturn, Variant.FIRE_AND_FORGET_KEYED,
				Variant.FIRE_AND_FORGET, Double.NaN, true);
		ratio("caller return, FIRE_AND_FORGET_UNIQUE / FIRE_AND_FORGET", callerReturn, Variant.FIRE_AND_FORGET_UNIQUE,
				Variant.FIRE_AND_FORGET, Double.NaN, true);
		ratio("caller return, FIRE_AND_FORGET_SERIAL / FIRE_AND_FORGET", callerReturn, Variant.FIRE_AND_FORGET_SERIAL,
				Variant.FIRE_AND_FORGET, Double.NaN, true);
		ratio("burst rate, FIRE_AND_FORGET_VIRTUAL / VIRTUAL_THREAD (higher is better)", rates,
				Variant.FIRE_AND_FORGET_VIRTUAL, Variant.VIRTUAL_THREAD, 0.5, false);
		ratio("burst rate, FIRE_AND_FORGET_VIRTUAL_ALL / VIRTUAL_THREAD (higher is better)", rates,
				Variant.FIRE_AND_FORGET_VIRTUAL_ALL, Variant.VIRTUAL_THREAD, 0.3, false);
		ratio("burst rate, FIRE_AND_FORGET / ASYNC_BOOT_POOL (higher is better)", rates, Variant.FIRE_AND_FORGET,
				Variant.ASYNC_BOOT_POOL, Double.NaN, false);
		ratio("burst rate, FIRE_AND_FORGET_ALL_OBSERVED / FIRE_AND_FORGET_ALL (higher is better)", rates,
				Variant.FIRE_AND_FORGET_ALL_OBSERVED, Variant.FIRE_AND_FORGET_ALL, Double.NaN, false);
		line("");
	}

	private void transactional() throws Exception {
		List<String> methods = List.of("plainCall", "emptyTransaction", "callInTransaction",
				"immediateCallInTransaction");
		Map<Fork, List<RunResult>> results = Rounds.run(
				List.of(methods.stream().map((method) -> new Fork(method, null, null)).toList()), this.rounds,
				(fork, round) -> runFork(TransactionalCallBenchmark.class, fork,
						(options) -> options.addProfiler(GCProfiler.class)));
		Map<String, PerRound> times = new LinkedHashMap<>();
		Map<String, PerRound> allocated = new LinkedHashMap<>();
		results.forEach((fork, forks) -> {
			times.put(fork.method(), perRound(forks, BenchmarkRunner::median));
			allocated.put(fork.method(), perRound(forks, (result) -> secondary(result, "gc.alloc.rate.norm")));
		});
		line("## A call made in a transaction, next to a plain one");
		line("");
		line("In nanoseconds, from the start of the caller's work until it "
				+ "returns: the transaction committed, and the call taken (its platform thread started). "
				+ "The transaction manager keeps no resource, so the transaction costs what Spring's "
				+ "synchronization costs, and no database is in the figures. Median of the rounds (each the "
				+ "median of its fork's iterations), the lowest and the highest round in brackets.");
		line("");
		line("| caller's work | time (ns) | allocated (B) |");
		line("|---|---:|---:|");
		transactionalRow("a call, outside a transaction", "plainCall", times, allocated);
		transactionalRow("a transaction, no call", "emptyTransaction", times, allocated);
		transactionalRow("a transaction with a call, started after the commit (`after-commit`)", "callInTransaction",
				times, allocated);
		transactionalRow("a transaction with a call, started at once (`immediate`)", "immediateCallInTransaction",
				times, allocated);
		line("");
		ratio("transaction with a call, after-commit / immediate", times, "callInTransaction",
				"immediateCallInTransaction", Double.NaN, true);
		line("");
	}

	private void transactionalRow(String label, String benchmark, Map<String, PerRound> times,
			Map<String, PerRound> allocated) {
		line("| " + label + " | " + describe(times.get(benchmark)) + " | " + describe(allocated.get(benchmark)) + " |");
	}

	private void startup() throws Exception {
		int warmups = this.smoke ? 1 : STARTUP_WARMUPS;
		int refreshes = this.smoke ? 1 : STARTUP_REFRESHES;
		List<Fork> starters = new ArrayList<>();
		for (StartupBenchmark.Starter starter : StartupBenchmark.Starter.values()) {
			starters.add(new Fork("refresh", "starter", starter.name()));
		}
		// The generated bean classes are proxied in turn, which needs
		// ClassLoader.defineClass
		Map<Fork, List<RunResult>> results = Rounds.run(List.of(starters), this.rounds,
				(fork, round) -> runFork(StartupBenchmark.class, fork,
						(options) -> options.jvmArgsAppend("--add-opens=java.base/java.lang=ALL-UNNAMED")
							.warmupIterations(warmups)
							.measurementIterations(refreshes)));
		Map<StartupBenchmark.Starter, PerRound> refresh = new EnumMap<>(StartupBenchmark.Starter.class);
		results.forEach((fork, forks) -> refresh.put(StartupBenchmark.Starter.valueOf(fork.value()),
				perRound(forks, BenchmarkRunner::median)));
		line("## Start-up: refresh of a context of " + StartupBenchmark.BEANS + " beans, "
				+ StartupBenchmark.FIRE_AND_FORGET_BEANS + " with @FireAndForget methods");
		line("");
		line("Each fork (a fresh JVM) refreshes " + warmups + " contexts to warm up, then " + refreshes
				+ " measured, each of " + StartupBenchmark.BEANS
				+ " classes that no refresh has seen before, generated before it, with the heap collected; every "
				+ "starter gets the same warm-up. A round's figure is the median of its fork's measured refreshes.");
		line("");
		line("| starter | refresh (ms) |");
		line("|---|---:|");
		refresh.forEach((starter, millis) -> line("| " + starter + " | " + describe(millis) + " |"));
		line("");
		image(this.plots.startup(figures(refresh)));
		List<String> failures = leastWorkFailures(refresh);
		if (!failures.isEmpty()) {
			line("**UNRELIABLE**: the context without the starter, which does the least work, did not refresh "
					+ "the fastest in every round, so these figures measure the machine (JIT, other load, run "
					+ "order) more than the starter, and their ratios judge nothing:");
			line("");
			failures.forEach((failure) -> line("- " + failure));
			line("");
		}
		String unreliable = failures.isEmpty() ? null : "unreliable run: the least work was not the fastest";
		ratio("refresh, WITH / WITHOUT", refresh, StartupBenchmark.Starter.WITH, StartupBenchmark.Starter.WITHOUT, 1.05,
				true, unreliable);
		ratio("refresh, WITH_FINDINGS / WITHOUT", refresh, StartupBenchmark.Starter.WITH_FINDINGS,
				StartupBenchmark.Starter.WITHOUT, Double.NaN, true, unreliable);
		ratio("refresh, WITH / ASYNC (the same beans proxied for @Async)", refresh, StartupBenchmark.Starter.WITH,
				StartupBenchmark.Starter.ASYNC, 1.2, true, unreliable);
		ratio("refresh, ASYNC / WITHOUT (what @Async's proxies cost)", refresh, StartupBenchmark.Starter.ASYNC,
				StartupBenchmark.Starter.WITHOUT, Double.NaN, true, unreliable);
		line("");
	}

	/**
	 * Where the context without the starter, which does the least work, did not refresh
	 * faster than a context with more: one line per round and starter.
	 * @param refresh each starter's refresh time per round
	 * @return the failures, none in a run fit to judge by
	 */
	static List<String> leastWorkFailures(Map<StartupBenchmark.Starter, PerRound> refresh) {
		List<String> failures = new ArrayList<>();
		PerRound without = refresh.get(StartupBenchmark.Starter.WITHOUT);
		refresh.forEach((starter, other) -> {
			for (int round = 0; starter != StartupBenchmark.Starter.WITHOUT
					&& round < Math.min(without.values().size(), other.values().size()); round++) {
				double least = without.values().get(round);
				double more = other.values().get(round);
				if (!(least < more)) {
					failures.add(String.format(Locale.ROOT, "round %d: WITHOUT %.1f ms, %s %.1f ms", round + 1, least,
							starter, more));
				}
			}
		});
		return failures;
	}

	private void memory() throws Exception {
		int calls = this.smoke ? 200 : 2_000;
		List<String> modes = new ArrayList<>(List.of("platform"));
		if (Variant.available().contains(Variant.VIRTUAL_THREAD)) {
			modes.add("virtual");
		}
		List<List<Fork>> groups = new ArrayList<>();
		for (String mode : modes) {
			groups.add(List.of(new Fork(mode, "start", "bare"), new Fork(mode, "start", "fire-and-forget")));
		}
		Map<Fork, List<Map<String, Long>>> results = Rounds.run(groups, this.rounds,
				(fork, round) -> parse(forkResult(fork.method() + " ",
						List.of("-Xms" + MEMORY_HEAP, "-Xmx" + MEMORY_HEAP, "-XX:+UseG1GC", "-XX:+AlwaysPreTouch"),
						InFlightMemory.class.getName(), fork.method(), fork.value(), String.valueOf(calls))));
		line("## Memory per call in flight: " + calls + " calls, each parked until released");
		line("");
		line("Each measurement in a JVM of its own (G1, a heap of " + MEMORY_HEAP + " committed and touched "
				+ "up front): the calls made and released once, then the JVM read with none in flight and with all "
				+ "of them parked. **Heap**: live bytes after a full collection, read until three readings agree "
				+ "(a parked virtual thread's stack is on the heap). **Outside the heap**: the growth of the "
				+ "resident set (a platform thread's stack above all). Next to each call, a bare thread started with "
				+ "the same body in the same context: the reference. Bytes per call, median of the rounds (lowest "
				+ "and highest in brackets); a figure within the measurement's resolution (the spread of its "
				+ "readings, at least " + (MEMORY_RSS_FLOOR_KIB) + " KiB of resident set) is reported as below it.");
		line("");
		line("| threads | started by | heap per call (B) | outside the heap per call (B) | OS threads before | during |");
		line("|---|---|---:|---:|---:|---:|");
		List<String> notes = new ArrayList<>();
		for (String mode : modes) {
			Map<String, PerRound> heap = new LinkedHashMap<>();
			Map<String, PerRound> outside = new LinkedHashMap<>();
			Map<String, Double> heapResolution = new LinkedHashMap<>();
			Map<String, Double> outsideResolution = new LinkedHashMap<>();
			for (String start : List.of("bare", "fire-and-forget")) {
				List<Map<String, Long>> forks = results.get(new Fork(mode, "start", start));
				heap.put(start,
						new PerRound(forks.stream()
							.map((values) -> (values.get("heapDuring") - values.get("heapBefore")) / (double) calls)
							.toList()));
				outside.put(start,
						new PerRound(forks.stream()
							.map((values) -> (values.get("rssDuringKiB") - values.get("rssBeforeKiB")) * 1024.0 / calls)
							.toList()));
				heapResolution.put(start,
						forks.stream()
							.mapToDouble((values) -> values.get("heapResolution") / (double) calls)
							.max()
							.orElse(Double.NaN));
				outsideResolution.put(start, forks.stream()
					.mapToDouble(
							(values) -> Math.max(values.get("rssResolutionKiB"), MEMORY_RSS_FLOOR_KIB) * 1024.0 / calls)
					.max()
					.orElse(Double.NaN));
				Map<String, Long> last = forks.get(forks.size() - 1);
				line("| " + mode + " | " + (start.equals("bare") ? "a bare thread start" : "`@FireAndForget`") + " | "
						+ bytes(heap.get(start), heapResolution.get(start)) + " | "
						+ bytes(outside.get(start), outsideResolution.get(start)) + " | " + last.get("threadsBefore")
						+ " | " + last.get("threadsDuring") + " |");
			}
			notes.add(memoryOverhead(mode, "heap", heap, heapResolution));
			notes.add(memoryOverhead(mode, "outside the heap", outside, outsideResolution));
		}
		line("");
		notes.forEach(this::line);
		line("");
	}

	private static String memoryOverhead(String mode, String where, Map<String, PerRound> perCall,
			Map<String, Double> resolution) {
		PerRound overhead = PerRound.difference(perCall.get("fire-and-forget"), perCall.get("bare"));
		double both = resolution.get("fire-and-forget") + resolution.get("bare");
		String figure = bytes(overhead, both);
		return "- " + mode + " threads, " + where + ", what a `@FireAndForget` call holds beyond a bare thread: "
				+ figure + " B per call" + (figure.startsWith("below") ? "" : " (" + overhead.spreadInWords() + ")");
	}

	/**
	 * Bytes per call, never negative: a figure within the resolution is reported as below
	 * it.
	 */
	static String bytes(PerRound perCall, double resolution) {
		if (perCall.rounds() == 0) {
			return "n/a";
		}
		String below = "below resolution (< " + number(resolution) + ")";
		if (!(perCall.median() > resolution)) {
			return below;
		}
		if (!(perCall.min() > resolution)) {
			return number(perCall.median()) + " (lowest round " + below + ")";
		}
		return describe(perCall);
	}

	private void load() throws Exception {
		Path jar = Path.of("sample-app", "target", "sample-app-0.1.0-SNAPSHOT.jar");
		int requests = this.smoke ? 50 : 1_000;
		Duration delay = Duration.ofMillis(20);
		line("## The sample app under load: POST /jobs on loopback, " + requests + " requests, " + delay.toMillis()
				+ "ms of simulated work per job");
		line("");
		if (!Files.exists(jar)) {
			line("Skipped: " + jar + " is not built.");
			return;
		}
		line("One request at a time shows what the client waits for; sixteen at a time shows what the "
				+ "2-core machine sustains, where every job's thread competes with the requests for the CPU.");
		line("");
		line("| threadmethod.enabled | in flight | median (ms) | p90 (ms) | p99 (ms) | requests/s |");
		line("|---|---:|---:|---:|---:|---:|");
		SampleLoad load = new SampleLoad(jar);
		for (int concurrency : new int[] { 1, 16 }) {
			for (boolean enabled : new boolean[] { true, false }) {
				SampleLoad.Result result = load.run(enabled, delay, requests, concurrency);
				List<Long> latencies = result.latencies();
				line("| " + enabled + " | " + concurrency + " | " + millis(latencies, 50) + " | "
						+ millis(latencies, 90) + " | " + millis(latencies, 99) + " | "
						+ number(result.requestsPerSecond()) + " |");
			}
		}
		line("");
	}

	private void durable() throws Exception {
		line("## The durable mode on PostgreSQL");
		line("");
		try (ThrowawayPostgreSql postgres = new ThrowawayPostgreSql()) {
			try {
				postgres.start();
			}
			catch (IllegalStateException ex) {
				// As the tests do: skipped on a machine without PostgreSQL, never under
				// CI
				if (!ThrowawayPostgreSql.BINARIES_MISSING.equals(ex.getMessage())
						|| "true".equals(System.getenv("CI"))) {
					throw ex;
				}
				line("Skipped: " + ex.getMessage());
				line("");
				return;
			}
			String url = postgres.getJdbcUrl();
			String user = postgres.getUsername();
			line("A throwaway PostgreSQL " + serverVersion(url, user) + " cluster on loopback, started "
					+ "by this run (fsync, synchronous_commit and full_page_writes off); Spring Boot's "
					+ "HikariCP pool, db-scheduler " + dbSchedulerVersion()
					+ " with its Spring Boot 4 starter and its defaults (10 threads, polling "
					+ "strategy fetch, polling interval 10 s) unless said otherwise.");
			line("");
			durableCaller(url, user);
			durableStore(url, user);
			durableLatency(url, user);
			durableWakeUp(url, user);
			durableDrain(url, user);
			durableDrainAgainstPlain(url, user);
		}
	}

	private static String serverVersion(String url, String user) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			return connection.getMetaData().getDatabaseProductVersion();
		}
	}

	private static String dbSchedulerVersion() throws IOException {
		Properties properties = new Properties();
		try (InputStream pom = Scheduler.class
			.getResourceAsStream("/META-INF/maven/com.github.kagkarlsson/db-scheduler/pom.properties")) {
			if (pom != null) {
				properties.load(pom);
			}
		}
		return properties.getProperty("version", "(version unknown)");
	}

	private void durableCaller(String url, String user) throws Exception {
		List<Fork> calls = List.of(new Fork("durableCall", null, null), new Fork("schedulerClient", null, null));
		Map<Fork, List<RunResult>> results = Rounds.run(List.of(calls), this.rounds,
				(fork, round) -> runFork(DurableCallerBenchmark.class, fork,
						(options) -> options
							.jvmArgsAppend("-D" + DurableCallerBenchmark.JDBC_URL + "=" + url,
									"-D" + DurableCallerBenchmark.USERNAME + "=" + user)
							.addProfiler(GCProfiler.class)));
		Map<String, PerRound> callerReturn = new LinkedHashMap<>();
		Map<String, PerRound> allocated = new LinkedHashMap<>();
		results.forEach((fork, forks) -> {
			callerReturn.put(fork.method(), perRound(forks, BenchmarkRunner::median).map((nanos) -> nanos / 1_000));
			allocated.put(fork.method(), perRound(forks, (result) -> secondary(result, "gc.alloc.rate.norm")));
		});
		line("### What a durable call costs its caller");
		line("");
		line("Outside a transaction, so each call is stored at once (its own connection from the pool, "
				+ "auto-commit); the instance's scheduler is paused so that no body competes for the CPU. "
				+ "Each fork starts on an empty table. Median of the rounds (each the median of its fork's "
				+ "iterations), the lowest and the highest round in brackets; allocation per call from JMH's gc "
				+ "profiler.");
		line("");
		line("| call | caller return (µs) | allocated per call (B) |");
		line("|---|---:|---:|");
		line("| `@FireAndForget`, `mode=durable` | " + describe(callerReturn.get("durableCall")) + " | "
				+ describe(allocated.get("durableCall")) + " |");
		line("| `SchedulerClient.schedule(...)`, an equivalent one-time task | "
				+ describe(callerReturn.get("schedulerClient")) + " | " + describe(allocated.get("schedulerClient"))
				+ " |");
		line("");
		image(this.plots.durableCallerReturn(callerReturn.get("durableCall").figure(),
				callerReturn.get("schedulerClient").figure()));
		ratio("caller return, durable call / SchedulerClient.schedule", callerReturn, "durableCall", "schedulerClient",
				1.2, true);
		line("");
	}

	private void durableStore(String url, String user) throws Exception {
		int calls = this.smoke ? 200 : 10_000;
		int rounds = this.smoke ? 1 : 5;
		Map<String, Long> values = parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(), "store", url, user,
				String.valueOf(calls), String.valueOf(rounds)));
		line(String.format(Locale.ROOT, "### %,d calls stored in one transaction: %d rounds", calls, rounds));
		line("");
		line("From the transaction's start to its commit's return, the instance's scheduler paused. Durable calls "
				+ "are written together, in one JDBC batch, as the transaction commits; next to them, "
				+ "one `SchedulerClient.schedule(...)` per call on the transaction's connection, as each "
				+ "durable call was stored before.");
		line("");
		line("| how | fastest (ms) | median (ms) | slowest (ms) |");
		line("|---|---:|---:|---:|");
		line("| durable calls, written as the transaction commits | " + values.get("batchedMinMs") + " | "
				+ values.get("batchedP50Ms") + " | " + values.get("batchedMaxMs") + " |");
		line("| of which the commit, the batch write included | " + values.get("commitMinMs") + " | "
				+ values.get("commitP50Ms") + " | " + values.get("commitMaxMs") + " |");
		line("| `SchedulerClient.schedule(...)` per call | " + values.get("perCallMinMs") + " | "
				+ values.get("perCallP50Ms") + " | " + values.get("perCallMaxMs") + " |");
		line("");
		if (!this.smoke) {
			long median = values.get("batchedP50Ms");
			line(String.format(Locale.ROOT, "- median for %,d durable calls: %d ms (target at most 500 ms: %s)", calls,
					median, (median <= 500) ? "met" : "MISSED"));
			line("");
		}
	}

	private void durableLatency(String url, String user) throws Exception {
		int samples = this.smoke ? 10 : 200;
		Map<String, Long> values = parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(), "latency", url, user,
				String.valueOf(samples)));
		line("### From commit to the body's start, on an idle instance: " + samples + " calls each way");
		line("");
		line("| caller | median (ms) | p90 (ms) | max (ms) |");
		line("|---|---:|---:|---:|");
		line("| `@Transactional`: from the commit | " + microsAsMillis(values.get("inTransactionP50Us")) + " | "
				+ microsAsMillis(values.get("inTransactionP90Us")) + " | "
				+ microsAsMillis(values.get("inTransactionMaxUs")) + " |");
		line("| outside a transaction: from the call's return | " + microsAsMillis(values.get("outsideP50Us")) + " | "
				+ microsAsMillis(values.get("outsideP90Us")) + " | " + microsAsMillis(values.get("outsideMaxUs"))
				+ " |");
		line("");
		image(this.plots.durableCommitToBodyStart(samples,
				spreadInMillis(values, "inTransactionMinUs", "inTransactionP50Us", "inTransactionMaxUs"),
				spreadInMillis(values, "outsideMinUs", "outsideP50Us", "outsideMaxUs")));
		double medianMillis = values.get("inTransactionP50Us") / 1e3;
		line("- median from commit to body start: " + String.format(Locale.ROOT, "%.2f", medianMillis)
				+ " ms (target under 1 s: " + ((medianMillis < 1_000) ? "met" : "MISSED") + ")");
		line("");
	}

	private void durableWakeUp(String url, String user) throws Exception {
		int notifySamples = this.smoke ? 10 : 200;
		int pollSamples = this.smoke ? 2 : 20;
		Map<String, Long> notify = parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(), "wake-up", url, user,
				String.valueOf(notifySamples), "notify", "1h"));
		Map<String, Long> poll = parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(), "wake-up", url, user,
				String.valueOf(pollSamples), "poll", "1s"));
		line("### From commit to the body's start, on another idle instance");
		line("");
		line("Two instances on one database (two contexts in one JVM); the one that stores runs nothing "
				+ "(its scheduler is paused), so the other starts every call. With `notify` it polls once an hour, "
				+ "so only the notification wakes it; with `poll`, every second, each call made at a random "
				+ "moment between two polls.");
		line("");
		line("| `threadmethod.durable.wake-up` | calls | median (ms) | p90 (ms) | min (ms) | max (ms) |");
		line("|---|---:|---:|---:|---:|---:|");
		line("| `notify` (PostgreSQL `LISTEN`/`NOTIFY`) | " + notifySamples + " | "
				+ microsAsMillis(notify.get("p50Us")) + " | " + microsAsMillis(notify.get("p90Us")) + " | "
				+ microsAsMillis(notify.get("minUs")) + " | " + microsAsMillis(notify.get("maxUs")) + " |");
		line("| `poll`, `db-scheduler.polling-interval=1s` | " + pollSamples + " | " + microsAsMillis(poll.get("p50Us"))
				+ " | " + microsAsMillis(poll.get("p90Us")) + " | " + microsAsMillis(poll.get("minUs")) + " | "
				+ microsAsMillis(poll.get("maxUs")) + " |");
		line("");
		double medianMillis = notify.get("p50Us") / 1e3;
		line("- median from commit to body start on another idle instance: "
				+ String.format(Locale.ROOT, "%.2f", medianMillis) + " ms (target at most 20 ms: "
				+ ((medianMillis <= 20) ? "met" : "MISSED") + ")");
		line("");
	}

	private void durableDrain(String url, String user) throws Exception {
		int calls = this.smoke ? 200 : 10_000;
		line(String.format(Locale.ROOT, "### %,d durable calls drained by two instances", calls));
		line("");
		line("Stored in one transaction while two instances (each a JVM of its own, on this machine's 2 CPUs) "
				+ "wait, idle, after a drain of a tenth as many by the same instances (their warm-up); from the commit until the table holds none of them. db-scheduler's default polling "
				+ "strategy (fetch: read due executions, then claim each with an update), and its other one "
				+ "(lock-and-fetch: claim a batch with `select ... for update skip locked`).");
		line("");
		line("| polling strategy | calls | stored in (ms) | drained in (ms) | calls/s | run by the first | by the second |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		Map<String, Double> rates = new LinkedHashMap<>();
		// A smoke run proves the drain once: three JVMs and a context each are most of
		// its time
		for (String strategy : this.smoke ? List.of("fetch") : List.of("fetch", "lock_and_fetch")) {
			Map<String, Long> values = parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(), "drain", url,
					user, String.valueOf(calls), DurableRun.THREADMETHOD, "db-scheduler.polling-strategy=" + strategy));
			long drainMillis = values.get("drainMillis");
			double rate = calls * 1000.0 / Math.max(1, drainMillis);
			rates.put(strategy, rate);
			line("| " + strategy + " | " + calls + " | " + values.get("storeMillis") + " | " + drainMillis + " | "
					+ number(rate) + " | " + values.get("firstRan") + " | " + values.get("secondRan") + " |");
		}
		line("");
		image(this.plots.durableDrain(calls, rates));
	}

	/**
	 * The drain of {@link #durableDrain} in rounds, against a plain db-scheduler
	 * application with the same settings: each round drains with the durable task's
	 * effects at-least-once (the default), with effects once, and in the plain
	 * application, interleaved as {@link Rounds} orders them.
	 */
	private void durableDrainAgainstPlain(String url, String user) throws Exception {
		int calls = this.smoke ? 200 : 10_000;
		List<String> variants = List.of(AT_LEAST_ONCE, ONCE, DurableRun.PLAIN);
		Map<String, List<Map<String, Long>>> results = Rounds.run(List.of(variants), this.rounds,
				(variant, round) -> parse(forkResult(DurableRun.RESULT, DurableRun.class.getName(),
						drainArguments(url, user, calls, variant))));
		Map<String, PerRound> drained = new LinkedHashMap<>();
		Map<String, PerRound> rates = new LinkedHashMap<>();
		results.forEach((variant, rounds) -> {
			PerRound millis = new PerRound(
					rounds.stream().map((values) -> (double) values.get("drainMillis")).toList());
			drained.put(variant, millis);
			rates.put(variant, millis.map((value) -> calls * 1000.0 / Math.max(1, value)));
		});
		line(String.format(Locale.ROOT,
				"### %,d calls drained by two instances, against a plain db-scheduler " + "application", calls));
		line("");
		line("As above, in rounds: each round drains with the durable task's effects `at-least-once` (the default), "
				+ "with effects `once` (each run then opens a transaction that inserts its call's done mark, and "
				+ "runs the body in it), and in a plain db-scheduler application (db-scheduler's Spring Boot 4 "
				+ "starter, none of threadmethod's auto-configurations, a one-time task whose body does what the "
				+ "durable body does, the executions scheduled through `SchedulerClient.scheduleBatch` in one "
				+ "transaction), in an order that changes from round to round. Every variant starts on empty "
				+ "tables, and its two instances first drain a tenth as many calls, its warm-up. The same "
				+ "db-scheduler settings everywhere: `" + String.join("`, `", DRAIN_SETTINGS) + "`. Median of the "
				+ "rounds, the lowest and the highest round in brackets.");
		line("");
		line("| application | calls | drained in (ms) | calls/s |");
		line("|---|---:|---:|---:|");
		line("| threadmethod, effects `at-least-once` | " + calls + " | " + describe(drained.get(AT_LEAST_ONCE)) + " | "
				+ describe(rates.get(AT_LEAST_ONCE)) + " |");
		line("| threadmethod, effects `once` | " + calls + " | " + describe(drained.get(ONCE)) + " | "
				+ describe(rates.get(ONCE)) + " |");
		line("| plain db-scheduler | " + calls + " | " + describe(drained.get(DurableRun.PLAIN)) + " | "
				+ describe(rates.get(DurableRun.PLAIN)) + " |");
		line("");
		ratio("drain rate, threadmethod (effects at-least-once) / plain db-scheduler", rates, AT_LEAST_ONCE,
				DurableRun.PLAIN, 0.9, false);
		ratio("drain rate, threadmethod (effects once) / plain db-scheduler", rates, ONCE, DurableRun.PLAIN, Double.NaN,
				false);
		ratio("drain time, effects once / at-least-once", drained, ONCE, AT_LEAST_ONCE, Double.NaN, true);
		PerRound perCall = PerRound.difference(drained.get(ONCE), drained.get(AT_LEAST_ONCE))
			.map((millis) -> millis * 1000.0 / calls);
		line("- effects `once` against `at-least-once`: " + describe(perCall, "%+.1f") + " µs of the drain per call");
		line("");
	}

	/**
	 * The arguments of {@link DurableRun}'s drain of that many calls in one variant of
	 * {@link #durableDrainAgainstPlain}.
	 */
	static String[] drainArguments(String url, String user, int calls, String variant) {
		List<String> arguments = new ArrayList<>(List.of("drain", url, user, String.valueOf(calls),
				variant.equals(DurableRun.PLAIN) ? DurableRun.PLAIN : DurableRun.THREADMETHOD));
		arguments.addAll(DRAIN_SETTINGS);
		if (!variant.equals(DurableRun.PLAIN)) {
			arguments.add("threadmethod.tasks[" + DurableApplication.TASK + "].durable.effects=" + variant);
		}
		return arguments.toArray(String[]::new);
	}

	/**
	 * Runs one fork of one benchmark method, with one value of its parameter if it has
	 * one, with the run's JMH settings (the same warm-up for every variant).
	 */
	private RunResult runFork(Class<?> benchmark, Fork fork, UnaryOperator<ChainedOptionsBuilder> customizer)
			throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include("^" + Pattern.quote(benchmark.getName() + "." + fork.method()) + "$")
			.shouldFailOnError(true)
			.forks(1);
		if (fork.param() != null) {
			options.param(fork.param(), fork.value());
		}
		if (this.smoke) {
			options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
		}
		else {
			options.warmupIterations(WARMUP_ITERATIONS)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(MEASUREMENT_ITERATIONS)
				.measurementTime(TimeValue.seconds(1));
		}
		return new Runner(customizer.apply(options).build()).runSingle();
	}

	private <K> void ratio(String label, Map<K, PerRound> figures, K numerator, K denominator, double target,
			boolean lowerIsBetter) {
		ratio(label, figures, numerator, denominator, target, lowerIsBetter, null);
	}

	/**
	 * Prints a ratio taken within each round, its spread and its verdict, and keeps it
	 * for the summary of which ratios are stable.
	 * @param unreliable why the run cannot judge this ratio, or {@code null}
	 */
	private <K> void ratio(String label, Map<K, PerRound> figures, K numerator, K denominator, double target,
			boolean lowerIsBetter, String unreliable) {
		PerRound top = figures.get(numerator);
		PerRound bottom = figures.get(denominator);
		if (top == null || bottom == null || PerRound.ratio(top, bottom).rounds() == 0) {
			line("- " + label + ": n/a on this JVM");
			return;
		}
		PerRound ratio = PerRound.ratio(top, bottom);
		String aim = Double.isNaN(target) ? "" : (lowerIsBetter ? "at most " : "at least ") + target;
		String verdict;
		if (unreliable != null) {
			verdict = "not judged: " + unreliable;
		}
		else if (Double.isNaN(target)) {
			verdict = "";
		}
		else {
			verdict = ratio.verdict(target, lowerIsBetter);
		}
		line("- " + label + ": " + describe(ratio, "%.3g") + " (" + ratio.spreadInWords() + ")"
				+ (aim.isEmpty() ? "" : "; aim " + aim + ": " + verdict)
				+ ((aim.isEmpty() && unreliable != null) ? "; " + verdict : ""));
		this.stability.add("| " + label + " | " + describe(ratio, "%.3g") + " | "
				+ (ratio.rounds() >= PerRound.MIN_ROUNDS_FOR_SPREAD
						? String.format(Locale.ROOT, "%.0f%%", ratio.spread() * 100) : "n/a")
				+ " | " + ((unreliable != null) ? "no (unreliable run)" : ratio.stable() ? "yes" : "no") + " | "
				+ (aim.isEmpty() ? "" : aim + ": " + verdict) + " |");
	}

	/**
	 * Every ratio of the run in one table: which are stable enough to judge an aim by.
	 */
	private void stabilitySummary() {
		if (this.stability.isEmpty()) {
			return;
		}
		line("## Which ratios are stable enough to judge by");
		line("");
		line("A ratio is stable when its rounds lie within " + Math.round(PerRound.STABLE_SPREAD * 100)
				+ "% of its median from lowest to highest, over at least " + PerRound.MIN_ROUNDS_FOR_SPREAD
				+ " rounds. An aim is met or missed only when every round falls on the same side of it.");
		line("");
		line("| ratio | median (lowest-highest) | spread | stable | aim: verdict |");
		line("|---|---:|---:|---|---|");
		this.stability.forEach(this::line);
		line("");
	}

	private static PerRound perRound(List<RunResult> forks, ToDoubleFunction<RunResult> figure) {
		return new PerRound(forks.stream().map(figure::applyAsDouble).toList());
	}

	private static double median(RunResult result) {
		return result.getPrimaryResult().getStatistics().getPercentile(50);
	}

	private static <K> Map<K, Figure> figures(Map<K, PerRound> perRound) {
		// In the figures' order: the plots list them so
		Map<K, Figure> figures = new LinkedHashMap<>();
		perRound.forEach((key, values) -> figures.put(key, values.figure()));
		return figures;
	}

	private static String describe(PerRound perRound) {
		return (perRound != null) ? perRound.describe(BenchmarkRunner::number) : "n/a";
	}

	private static String describe(PerRound perRound, String format) {
		return perRound.describe((value) -> String.format(Locale.ROOT, format, value));
	}

	private void image(Plot plot) {
		line("![" + plot.title() + "](" + OUTPUT.getParent().relativize(plot.file()).toString().replace('\\', '/')
				+ ")");
		line("");
	}

	private static double secondary(RunResult result, String suffix) {
		for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
			if (entry.getKey().endsWith(suffix)) {
				return entry.getValue().getStatistics().getPercentile(50);
			}
		}
		return Double.NaN;
	}

	private static Double rate(Double nanosPerCall) {
		return (nanosPerCall != null) ? 1e9 / nanosPerCall : null;
	}

	private static String number(double value) {
		return number(Double.valueOf(value));
	}

	private static String number(Double value) {
		if (value == null || value.isNaN()) {
			return "n/a";
		}
		return String.format(Locale.ROOT, (value >= 100) ? "%,.0f" : "%.2f", value);
	}

	private static String millis(List<Long> sortedNanos, int percentile) {
		if (sortedNanos.isEmpty()) {
			return "n/a";
		}
		int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1);
		return String.format(Locale.ROOT, "%.2f", sortedNanos.get(Math.max(0, index)) / 1e6);
	}

	private static String forkResult(String prefix, String mainClass, String... args) throws Exception {
		return forkResult(prefix, List.of(), mainClass, args);
	}

	private static String forkResult(String prefix, List<String> jvmArgs, String mainClass, String... args)
			throws Exception {
		List<String> lines = forkLines(jvmArgs, mainClass, args);
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith(prefix)) {
				return lines.get(i).substring(prefix.length());
			}
		}
		throw new IllegalStateException(mainClass + " printed no result: " + String.join("\n", lines));
	}

	private static List<String> forkLines(List<String> jvmArgs, String mainClass, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		if (process.waitFor() != 0) {
			throw new IllegalStateException(mainClass + " failed: " + String.join("\n", lines));
		}
		return lines;
	}

	/**
	 * A median and its spread, from microseconds to milliseconds.
	 */
	private static Figure spreadInMillis(Map<String, Long> micros, String low, String median, String high) {
		return new Figure(micros.get(median) / 1e3, micros.get(low) / 1e3, micros.get(high) / 1e3);
	}

	private static String microsAsMillis(Long micros) {
		return (micros != null) ? String.format(Locale.ROOT, "%.2f", micros / 1e3) : "n/a";
	}

	private static Map<String, Long> parse(String line) {
		Function<String, String[]> split = (pair) -> pair.split("=", 2);
		Map<String, Long> values = new java.util.HashMap<>();
		for (String pair : line.split(" ")) {
			String[] keyValue = split.apply(pair);
			if (keyValue.length == 2) {
				values.put(keyValue[0], Long.parseLong(keyValue[1]));
			}
		}
		return values;
	}

	private void line(String text) {
		this.report.append(text).append(System.lineSeparator());
	}

	/**
	 * One fork of a benchmark: its method, and the value of its parameter if it has one.
	 *
	 * @param method the benchmark method (or what a forked main class measures)
	 * @param param the parameter's name, or {@code null}
	 * @param value the parameter's value, or {@code null}
	 */
	record Fork(String method, String param, String value) {

	}

}

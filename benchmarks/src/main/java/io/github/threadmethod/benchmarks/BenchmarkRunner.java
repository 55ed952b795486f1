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
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.benchmarks.BenchmarkPlots.Figure;
import io.github.threadmethod.benchmarks.BenchmarkPlots.Plot;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every benchmark in one go, on this JVM's Java, and prints a Markdown summary of
 * medians and ratios (also written to {@code benchmarks/target/benchmarks.md}), with
 * plots of its main tables as SVG images next to it ({@code benchmarks/target/plots}).
 * With {@code --smoke}, runs each once and briefly, to prove the benchmarks still run;
 * with {@code --dispatch-only}, runs the per-call benchmarks only; with
 * {@code --durable}, the durable mode's only (on a throwaway PostgreSQL cluster started
 * here). With {@code --plots-dir <directory>}, also copies the plots of the run to that
 * directory (such as {@code docs/images/benchmarks}); not with {@code --smoke}, whose
 * numbers mean nothing.
 *
 * @author threadmethod contributors
 */
public final class BenchmarkRunner {

	private static final Path OUTPUT = Path.of("benchmarks", "target", "benchmarks.md");

	private final boolean smoke;

	private final BenchmarkPlots plots;

	private final StringBuilder report = new StringBuilder();

	private BenchmarkRunner(boolean smoke, BenchmarkPlots plots) {
		this.smoke = smoke;
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
		String run = "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs"
				+ (smoke ? "; a smoke run: the numbers mean nothing" : "");
		BenchmarkRunner runner = new BenchmarkRunner(smoke,
				BenchmarkPlots.startIn(OUTPUT.resolveSibling("plots"), run));
		runner.run(flags.contains("--dispatch-only"), flags.contains("--durable"));
		if (plotsCopy != null) {
			for (Path copy : runner.plots.copyTo(plotsCopy)) {
				System.out.println("Plot copied to " + copy);
			}
		}
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

	private void run(boolean dispatchOnly, boolean durableOnly) throws Exception {
		line("# threadmethod benchmarks" + (this.smoke ? " (smoke run: numbers mean nothing)" : ""));
		line("");
		line("- Java: " + System.getProperty("java.vm.name") + " " + Runtime.version());
		line("- Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
				+ (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap here");
		line("");
		if (!durableOnly) {
			dispatch();
			transactional();
		}
		if (!dispatchOnly && !durableOnly) {
			startup();
			memory();
			load();
		}
		if (!dispatchOnly) {
			durable();
		}
		Files.createDirectories(OUTPUT.getParent());
		Files.writeString(OUTPUT, this.report);
		System.out.println();
		System.out.println(this.report);
	}

	private void dispatch() throws Exception {
		List<Variant> variants = Variant.available();
		ChainedOptionsBuilder options = jmh(DispatchBenchmark.class.getName())
			.param("variant", variants.stream().map(Enum::name).toArray(String[]::new))
			.addProfiler(GCProfiler.class);
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<Variant, Figure> callerReturnFigures = new EnumMap<>(Variant.class);
		Map<Variant, Figure> callToBodyFigures = new EnumMap<>(Variant.class);
		Map<Variant, Figure> burstFigures = new EnumMap<>(Variant.class);
		Map<Variant, Double> allocated = new EnumMap<>(Variant.class);
		for (RunResult result : results) {
			Variant variant = Variant.valueOf(result.getParams().getParam("variant"));
			String benchmark = result.getParams().getBenchmark();
			Statistics statistics = result.getPrimaryResult().getStatistics();
			if (benchmark.endsWith(".callerReturn")) {
				callerReturnFigures.put(variant, Figure.ofIterations(statistics));
				allocated.put(variant, secondary(result, "gc.alloc.rate.norm"));
			}
			else if (benchmark.endsWith(".callToBodyStart")) {
				callToBodyFigures.put(variant, Figure.ofSamples(statistics));
			}
			else if (benchmark.endsWith(".burst")) {
				burstFigures.put(variant, Figure.ofIterations(statistics));
			}
		}
		Map<Variant, Double> callerReturn = medians(callerReturnFigures);
		Map<Variant, Double> callToBody = medians(callToBodyFigures);
		Map<Variant, Double> burst = medians(burstFigures);
		line("## One call, on the same JVM in the same run");
		line("");
		line("Medians. Caller return and call to body start in nanoseconds; the burst is " + DispatchBenchmark.BURST
				+ " calls until all have run, as calls per second; allocation per call "
				+ "from JMH's gc profiler (the caller's side only: the new thread's own allocation is not counted).");
		line("");
		line("| variant | caller return (ns) | call to body start (ns) | burst (calls/s) | allocated per call (B) |");
		line("|---|---:|---:|---:|---:|");
		for (Variant variant : variants) {
			line("| " + variant + " | " + number(callerReturn.get(variant)) + " | " + number(callToBody.get(variant))
					+ " | " + number(rate(burst.get(variant))) + " | " + number(allocated.get(variant)) + " |");
		}
		line("");
		image(this.plots.callerReturn(callerReturnFigures));
		image(this.plots.callToBodyStart(callToBodyFigures));
		Map<Variant, Figure> burstRates = new EnumMap<>(Variant.class);
		burstFigures.forEach((variant, nanos) -> burstRates.put(variant, nanos.rate(1e9)));
		image(this.plots.burstRate(burstRates));
		line("### Ratios (targets from the issue)");
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
		Map<Variant, Double> rates = new EnumMap<>(Variant.class);
		burst.forEach((variant, nanos) -> rates.put(variant, rate(nanos)));
		ratio("burst rate, FIRE_AND_FORGET_VIRTUAL / VIRTUAL_THREAD (higher is better)", rates,
				Variant.FIRE_AND_FORGET_VIRTUAL, Variant.VIRTUAL_THREAD, 0.5, false);
		ratio("burst rate, FIRE_AND_FORGET / ASYNC_BOOT_POOL (higher is better)", rates, Variant.FIRE_AND_FORGET,
				Variant.ASYNC_BOOT_POOL, Double.NaN, false);
		ratio("burst rate, FIRE_AND_FORGET_ALL_OBSERVED / FIRE_AND_FORGET_ALL (higher is better)", rates,
				Variant.FIRE_AND_FORGET_ALL_OBSERVED, Variant.FIRE_AND_FORGET_ALL, Double.NaN, false);
		line("");
	}

	private void transactional() throws Exception {
		ChainedOptionsBuilder options = jmh(TransactionalCallBenchmark.class.getName()).addProfiler(GCProfiler.class);
		Map<String, Figure> figures = new LinkedHashMap<>();
		Map<String, Double> allocated = new java.util.HashMap<>();
		for (RunResult result : new Runner(options.build()).run()) {
			String benchmark = result.getParams().getBenchmark();
			String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			figures.put(name, Figure.ofIterations(result.getPrimaryResult().getStatistics()));
			allocated.put(name, secondary(result, "gc.alloc.rate.norm"));
		}
		Map<String, Double> medians = medians(figures);
		line("## A call made in a transaction, next to a plain one");
		line("");
		line("Medians of JMH's iterations, in nanoseconds, from the start of the caller's work until it "
				+ "returns: the transaction committed, and the call taken (its platform thread started). "
				+ "The transaction manager keeps no resource, so the transaction costs what Spring's "
				+ "synchronization costs, and no database is in the figures.");
		line("");
		line("| caller's work | time (ns) | allocated (B) |");
		line("|---|---:|---:|");
		transactionalRow("a call, outside a transaction", "plainCall", medians, allocated);
		transactionalRow("a transaction, no call", "emptyTransaction", medians, allocated);
		transactionalRow("a transaction with a call, started after the commit (`after-commit`)", "callInTransaction",
				medians, allocated);
		transactionalRow("a transaction with a call, started at once (`immediate`)", "immediateCallInTransaction",
				medians, allocated);
		line("");
		ratio("transaction with a call, after-commit / immediate", medians, "callInTransaction",
				"immediateCallInTransaction", Double.NaN, true);
		line("");
	}

	private void transactionalRow(String label, String benchmark, Map<String, Double> medians,
			Map<String, Double> allocated) {
		line("| " + label + " | " + number(medians.get(benchmark)) + " | " + number(allocated.get(benchmark)) + " |");
	}

	private void startup() throws Exception {
		// The generated bean classes are proxied in turn, which needs
		// ClassLoader.defineClass
		ChainedOptionsBuilder options = jmh(StartupBenchmark.class.getName())
			.jvmArgsAppend("--add-opens=java.base/java.lang=ALL-UNNAMED")
			.warmupIterations(this.smoke ? 1 : 10)
			.measurementIterations(this.smoke ? 1 : 20);
		Map<StartupBenchmark.Starter, Figure> refreshFigures = new EnumMap<>(StartupBenchmark.Starter.class);
		for (RunResult result : new Runner(options.build()).run()) {
			refreshFigures.put(StartupBenchmark.Starter.valueOf(result.getParams().getParam("starter")),
					Figure.ofIterations(result.getPrimaryResult().getStatistics()));
		}
		Map<StartupBenchmark.Starter, Double> refresh = medians(refreshFigures);
		line("## Start-up: refresh of a context of " + StartupBenchmark.BEANS + " beans, "
				+ StartupBenchmark.FIRE_AND_FORGET_BEANS + " with @FireAndForget methods");
		line("");
		line("| starter | refresh (ms, median) |");
		line("|---|---:|");
		refresh.forEach((starter, millis) -> line("| " + starter + " | " + number(millis) + " |"));
		line("");
		image(this.plots.startup(refreshFigures));
		ratio("refresh, WITH / WITHOUT", refresh, StartupBenchmark.Starter.WITH, StartupBenchmark.Starter.WITHOUT, 1.05,
				true);
		ratio("refresh, WITH_FINDINGS / WITHOUT", refresh, StartupBenchmark.Starter.WITH_FINDINGS,
				StartupBenchmark.Starter.WITHOUT, Double.NaN, true);
		ratio("refresh, WITH / ASYNC (the same beans proxied for @Async)", refresh, StartupBenchmark.Starter.WITH,
				StartupBenchmark.Starter.ASYNC, Double.NaN, true);
		line("");
	}

	private void memory() throws Exception {
		int calls = this.smoke ? 200 : 2_000;
		line("## Memory per call in flight: " + calls + " calls, each blocked for a second");
		line("");
		line("| threads | RSS before (MiB) | RSS during (MiB) | per call (KiB) | OS threads before | during |");
		line("|---|---:|---:|---:|---:|---:|");
		List<String> modes = new ArrayList<>(List.of("platform"));
		if (Variant.available().contains(Variant.VIRTUAL_THREAD)) {
			modes.add("virtual");
		}
		for (String mode : modes) {
			Map<String, Long> values = parse(fork(InFlightMemory.class.getName(), mode, String.valueOf(calls)));
			long before = values.get("rssBeforeKiB");
			long during = values.get("rssDuringKiB");
			line("| " + mode + " | " + (before >> 10) + " | " + (during >> 10) + " | "
					+ number((during - before) / (double) calls) + " | " + values.get("threadsBefore") + " | "
					+ values.get("threadsDuring") + " |");
		}
		line("");
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
			durableLatency(url, user);
			durableDrain(url, user);
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
		ChainedOptionsBuilder options = jmh(DurableCallerBenchmark.class.getName())
			.jvmArgsAppend("-D" + DurableCallerBenchmark.JDBC_URL + "=" + url,
					"-D" + DurableCallerBenchmark.USERNAME + "=" + user)
			.addProfiler(GCProfiler.class);
		Map<String, Figure> callerReturnFigures = new java.util.HashMap<>();
		Map<String, Double> allocated = new java.util.HashMap<>();
		for (RunResult result : new Runner(options.build()).run()) {
			String benchmark = result.getParams().getBenchmark();
			String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			callerReturnFigures.put(name,
					Figure.ofIterations(result.getPrimaryResult().getStatistics()).dividedBy(1_000));
			allocated.put(name, secondary(result, "gc.alloc.rate.norm"));
		}
		Map<String, Double> callerReturn = medians(callerReturnFigures);
		line("### What a durable call costs its caller");
		line("");
		line("Outside a transaction, so each call is stored at once (its own connection from the pool, "
				+ "auto-commit); the instance's scheduler is paused so that no body competes for the CPU. "
				+ "Medians of JMH's iterations; allocation per call from JMH's gc profiler.");
		line("");
		line("| call | caller return (µs) | allocated per call (B) |");
		line("|---|---:|---:|");
		line("| `@FireAndForget`, `mode=durable` | " + number(callerReturn.get("durableCall")) + " | "
				+ number(allocated.get("durableCall")) + " |");
		line("| `SchedulerClient.schedule(...)`, an equivalent one-time task | "
				+ number(callerReturn.get("schedulerClient")) + " | " + number(allocated.get("schedulerClient"))
				+ " |");
		line("");
		image(this.plots.durableCallerReturn(callerReturnFigures.get("durableCall"),
				callerReturnFigures.get("schedulerClient")));
		ratio("caller return, durable call / SchedulerClient.schedule", callerReturn, "durableCall", "schedulerClient",
				1.2, true);
		line("");
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

	private void durableDrain(String url, String user) throws Exception {
		int calls = this.smoke ? 200 : 10_000;
		line(String.format(Locale.ROOT, "### %,d durable calls drained by two instances", calls));
		line("");
		line("Stored in one transaction while two instances (each a JVM of its own, on this machine's 2 CPUs) "
				+ "wait, idle; from the commit until the table holds none of them. db-scheduler's default polling "
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
					user, String.valueOf(calls), "db-scheduler.polling-strategy=" + strategy));
			long drainMillis = values.get("drainMillis");
			double rate = calls * 1000.0 / Math.max(1, drainMillis);
			rates.put(strategy, rate);
			line("| " + strategy + " | " + calls + " | " + values.get("storeMillis") + " | " + drainMillis + " | "
					+ number(rate) + " | " + values.get("firstRan") + " | " + values.get("secondRan") + " |");
		}
		line("");
		image(this.plots.durableDrain(calls, rates));
	}

	private ChainedOptionsBuilder jmh(String include) {
		ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true);
		if (this.smoke) {
			return options.forks(1)
				.warmupIterations(0)
				.measurementIterations(1)
				.measurementTime(TimeValue.milliseconds(100));
		}
		return options.forks(2)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1));
	}

	private <K> void ratio(String label, Map<K, Double> values, K numerator, K denominator, double target,
			boolean lowerIsBetter) {
		Double top = values.get(numerator);
		Double bottom = values.get(denominator);
		if (top == null || bottom == null || bottom == 0) {
			line("- " + label + ": n/a on this JVM");
			return;
		}
		double ratio = top / bottom;
		String verdict = "";
		if (!Double.isNaN(target)) {
			boolean met = lowerIsBetter ? ratio <= target : ratio >= target;
			verdict = " (target " + (lowerIsBetter ? "<= " : ">= ") + target + ": " + (met ? "met" : "MISSED") + ")";
		}
		line("- " + label + ": " + String.format(Locale.ROOT, "%.2f", ratio) + verdict);
	}

	private void image(Plot plot) {
		line("![" + plot.title() + "](" + OUTPUT.getParent().relativize(plot.file()).toString().replace('\\', '/')
				+ ")");
		line("");
	}

	private static <K> Map<K, Double> medians(Map<K, Figure> figures) {
		// In the figures' order: the tables list them so
		Map<K, Double> medians = new LinkedHashMap<>();
		figures.forEach((key, figure) -> medians.put(key, figure.value()));
		return medians;
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

	private static String fork(String mainClass, String... args) throws Exception {
		List<String> lines = forkLines(mainClass, args);
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	private static String forkResult(String prefix, String mainClass, String... args) throws Exception {
		List<String> lines = forkLines(mainClass, args);
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith(prefix)) {
				return lines.get(i).substring(prefix.length());
			}
		}
		throw new IllegalStateException(mainClass + " printed no result: " + String.join("\n", lines));
	}

	private static List<String> forkLines(String mainClass, String... args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), mainClass));
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

}

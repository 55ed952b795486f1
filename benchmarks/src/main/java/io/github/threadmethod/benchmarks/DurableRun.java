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
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable mode's measurements that are not per-call JMH figures, each in a JVM of its
 * own, printing its results last, as {@code key=value} pairs after {@value #RESULT}:
 * <ul>
 * <li>{@code latency <jdbc-url> <user> <samples>}: on an idle instance, the time from the
 * caller's commit (a call in a transaction) or from the call's return (outside one, where
 * it is stored at once) until the body starts;</li>
 * <li>{@code wake-up <jdbc-url> <user> <samples> notify|poll <polling-interval>}: with
 * that {@code threadmethod.durable.wake-up}, the time from the caller's commit until the
 * body starts on another idle instance (a second context in this JVM), the one that
 * stores running nothing;</li>
 * <li>{@code store <jdbc-url> <user> <calls> <rounds>}: the time to store that many calls
 * in one transaction, its commit included, each round: as durable calls (written together
 * as the transaction commits), and, as each durable call was stored before, one
 * {@code SchedulerClient.schedule} per call on the transaction's connection;</li>
 * <li>{@code drain <jdbc-url> <user> <calls> threadmethod|plain [property=value...]}:
 * that many calls stored in one transaction, then drained by two instances, each a JVM of
 * its own ({@code worker}, with the given properties), started and idle before the
 * commit, after a drain of a tenth as many by the same instances, its warm-up; the calls
 * are durable ones ({@code threadmethod}), or, in a {@link PlainSchedulerApplication}
 * ({@code plain}), executions of a one-time task scheduled through
 * {@code SchedulerClient.scheduleBatch}; every variant starts on empty tables;</li>
 * <li>{@code worker <jdbc-url> <user> threadmethod|plain [property=value...]}: one of
 * those instances, told on its standard input when to look for work ({@code go}) and when
 * to report how many bodies it ran ({@code report}), until its standard input ends.</li>
 * </ul>
 *
 * @author threadmethod contributors
 */
public final class DurableRun {

	/**
	 * What starts the line of results, printed last.
	 */
	static final String RESULT = "result: ";

	/**
	 * The drain's variant of threadmethod's durable calls.
	 */
	static final String THREADMETHOD = "threadmethod";

	/**
	 * The drain's variant of a plain db-scheduler application.
	 */
	static final String PLAIN = "plain";

	private static final long TIMEOUT_SECONDS = 120;

	private static final String SCHEDULED_TASKS = "scheduled_tasks";

	/** The table of effects 'once': its done marks. */
	private static final String DONE_MARKS = "threadmethod_done_calls";

	/** The db-scheduler task that runs every durable call. */
	private static final String DURABLE_TASK_NAME = "threadmethod";

	private final String jdbcUrl;

	private final String username;

	private DurableRun(String jdbcUrl, String username) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
	}

	public static void main(String[] args) throws Exception {
		DurableRun run = new DurableRun(args[1], args[2]);
		switch (args[0]) {
			case "latency" -> run.latency(Integer.parseInt(args[3]));
			case "wake-up" -> run.wakeUp(Integer.parseInt(args[3]), args[4], args[5]);
			case "store" -> run.store(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			case "drain" -> run.drain(Integer.parseInt(args[3]), args[4], Arrays.copyOfRange(args, 5, args.length));
			case "worker" -> run.worker(args[3], Arrays.copyOfRange(args, 4, args.length));
			default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
		}
		System.exit(0);
	}

	private void latency(int samples) throws Exception {
		String result;
		try (ConfigurableApplicationContext context = DurableApplication.start(this.jdbcUrl, this.username)) {
			DurableApplication.Receipts receipts = context.getBean(DurableApplication.Receipts.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			// A few rounds first, so that the first samples do not measure class loading
			int warmUp = Math.max(5, samples / 5);
			long[] inTransaction = new long[samples];
			long[] outside = new long[samples];
			for (int i = -warmUp; i < samples; i++) {
				CompletableFuture<Long> started = DurableApplication.Bodies.next();
				long[] committing = new long[1];
				transaction.executeWithoutResult((status) -> {
					receipts.send(1, "order-42");
					// The caller asks to commit: the row becomes visible to every
					// instance
					committing[0] = System.nanoTime();
				});
				long inTransactionNanos = started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) - committing[0];
				idle();
				started = DurableApplication.Bodies.next();
				receipts.send(2, "order-42");
				long stored = System.nanoTime();
				long outsideNanos = started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) - stored;
				idle();
				if (i >= 0) {
					inTransaction[i] = inTransactionNanos;
					outside[i] = outsideNanos;
				}
			}
			Arrays.sort(inTransaction);
			Arrays.sort(outside);
			result = "samples=" + samples + " inTransactionMinUs=" + micros(inTransaction, 0) + " inTransactionP50Us="
					+ micros(inTransaction, 50) + " inTransactionP90Us=" + micros(inTransaction, 90)
					+ " inTransactionMaxUs=" + micros(inTransaction, 100) + " outsideMinUs=" + micros(outside, 0)
					+ " outsideP50Us=" + micros(outside, 50) + " outsideP90Us=" + micros(outside, 90) + " outsideMaxUs="
					+ micros(outside, 100);
		}
		System.out.println(RESULT + result);
	}

	private void wakeUp(int samples, String wakeUp, String pollingInterval) throws Exception {
		String[] properties = { "threadmethod.durable.wake-up=" + wakeUp,
				"db-scheduler.polling-interval=" + pollingInterval };
		boolean polling = wakeUp.equals("poll");
		long intervalNanos = DurationStyle.detectAndParse(pollingInterval).toNanos();
		String result;
		try (ConfigurableApplicationContext storing = DurableApplication.start(this.jdbcUrl, this.username, properties);
				ConfigurableApplicationContext other = DurableApplication.start(this.jdbcUrl, this.username,
						properties)) {
			// Only the other instance runs bodies
			storing.getBean(Scheduler.class).pause();
			DurableApplication.Receipts receipts = storing.getBean(DurableApplication.Receipts.class);
			TransactionTemplate transaction = storing.getBean(TransactionTemplate.class);
			int warmUp = polling ? 1 : Math.max(5, samples / 5);
			long[] latencies = new long[samples];
			for (int i = -warmUp; i < samples; i++) {
				if (polling) {
					// Anywhere between two polls of the other, as a call would come
					LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(intervalNanos));
				}
				CompletableFuture<Long> started = DurableApplication.Bodies.next();
				long[] committing = new long[1];
				transaction.executeWithoutResult((status) -> {
					receipts.send(3, "order-42");
					committing[0] = System.nanoTime();
				});
				long nanos = started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) - committing[0];
				idle();
				if (i >= 0) {
					latencies[i] = nanos;
				}
			}
			Arrays.sort(latencies);
			result = "samples=" + samples + " minUs=" + micros(latencies, 0) + " p50Us=" + micros(latencies, 50)
					+ " p90Us=" + micros(latencies, 90) + " maxUs=" + micros(latencies, 100);
		}
		System.out.println(RESULT + result);
	}

	private void store(int calls, int rounds) {
		String result;
		// Paused, so that no body runs and competes with the caller for the CPU
		try (ConfigurableApplicationContext context = DurableApplication.start(this.jdbcUrl, this.username)) {
			Scheduler scheduler = context.getBean(Scheduler.class);
			scheduler.pause();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			DurableApplication.Receipts receipts = context.getBean(DurableApplication.Receipts.class);
			@SuppressWarnings("unchecked")
			OneTimeTask<DurableApplication.Receipt> direct = (OneTimeTask<DurableApplication.Receipt>) context
				.getBeanProvider(
						ResolvableType.forClassWithGenerics(OneTimeTask.class, DurableApplication.Receipt.class))
				.getObject();
			// When each transaction's work ended and it asked to commit
			long[] committing = new long[1];
			Runnable durable = () -> transaction.executeWithoutResult((status) -> {
				for (int i = 0; i < calls; i++) {
					receipts.send(i, "order-" + i);
				}
				committing[0] = System.nanoTime();
			});
			Runnable perCall = () -> transaction.executeWithoutResult((status) -> {
				for (int i = 0; i < calls; i++) {
					scheduler.schedule(direct.instance(DurableApplication.DIRECT_TASK + "/" + UUID.randomUUID(),
							new DurableApplication.Receipt(i, "order-" + i)), Instant.now());
				}
			});
			// A round of each first, so that the first samples do not measure class
			// loading
			timed(durable, jdbc, new long[1]);
			timed(perCall, jdbc, new long[1]);
			long[] batched = new long[rounds];
			long[] commits = new long[rounds];
			long[] perCallNanos = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long[] ended = new long[1];
				batched[i] = timed(durable, jdbc, ended);
				commits[i] = ended[0] - committing[0];
				perCallNanos[i] = timed(perCall, jdbc, new long[1]);
			}
			Arrays.sort(batched);
			Arrays.sort(commits);
			Arrays.sort(perCallNanos);
			result = "calls=" + calls + " rounds=" + rounds + " batchedMinMs=" + millis(batched, 0) + " batchedP50Ms="
					+ millis(batched, 50) + " batchedMaxMs=" + millis(batched, 100) + " commitMinMs="
					+ millis(commits, 0) + " commitP50Ms=" + millis(commits, 50) + " commitMaxMs="
					+ millis(commits, 100) + " perCallMinMs=" + millis(perCallNanos, 0) + " perCallP50Ms="
					+ millis(perCallNanos, 50) + " perCallMaxMs=" + millis(perCallNanos, 100);
		}
		System.out.println(RESULT + result);
	}

	/**
	 * Time the given transaction, from an empty table, and empty it again.
	 * @param ended set to when the transaction ended ({@link System#nanoTime()})
	 */
	private static long timed(Runnable transaction, JdbcTemplate jdbc, long[] ended) {
		jdbc.update("delete from scheduled_tasks");
		long start = System.nanoTime();
		transaction.run();
		ended[0] = System.nanoTime();
		jdbc.update("delete from scheduled_tasks");
		return ended[0] - start;
	}

	private static long millis(long[] sortedNanos, int percentile) {
		return TimeUnit.NANOSECONDS.toMillis(sortedNanos[percentileIndex(sortedNanos, percentile)]);
	}

	/**
	 * Let the instance's engine go back to waiting, so that the next call finds it idle.
	 */
	private static void idle() {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
	}

	private void drain(int calls, String variant, String[] properties) throws Exception {
		boolean plain = variant.equals(PLAIN);
		if (!plain && !variant.equals(THREADMETHOD)) {
			throw new IllegalArgumentException("Unknown drain variant " + variant);
		}
		int warmUpCalls = Math.max(1, calls / 10);
		String result;
		// This instance only stores: its scheduler is paused, so the two workers run
		// everything
		try (ConfigurableApplicationContext context = instance(plain, properties)) {
			context.getBean(Scheduler.class).pause();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// Every variant starts on empty tables, whatever the forks before it left
			// (dead rows included)
			jdbc.execute("truncate " + SCHEDULED_TASKS);
			if (hasDoneMarks(jdbc)) {
				jdbc.execute("truncate " + DONE_MARKS);
			}
			Storing storing = plain ? plainStoring(context) : durableStoring(context);
			String task = plain ? PlainSchedulerApplication.TASK : DURABLE_TASK_NAME;
			List<Worker> workers = List.of(new Worker(this.jdbcUrl, this.username, variant, properties),
					new Worker(this.jdbcUrl, this.username, variant, properties));
			try {
				for (Worker worker : workers) {
					worker.awaitLine("ready");
				}
				// The same warm-up for every variant: a smaller drain by the same
				// workers, so that the measured one does not time class loading and
				// the first compilations; then its dead rows are vacuumed away
				drainOnce(warmUpCalls, storing, task, jdbc, workers);
				long[] warmedUp = ran(workers);
				if (hasDoneMarks(jdbc)) {
					jdbc.update("delete from " + DONE_MARKS);
					jdbc.execute("vacuum analyze " + DONE_MARKS);
				}
				jdbc.execute("vacuum analyze " + SCHEDULED_TASKS);
				long[] times = drainOnce(calls, storing, task, jdbc, workers);
				long[] ran = ran(workers);
				result = "calls=" + calls + " warmUpCalls=" + warmUpCalls + " storeMillis="
						+ TimeUnit.NANOSECONDS.toMillis(times[0]) + " drainMillis="
						+ TimeUnit.NANOSECONDS.toMillis(times[1]) + " firstRan=" + (ran[0] - warmedUp[0])
						+ " secondRan=" + (ran[1] - warmedUp[1]);
			}
			finally {
				for (Worker worker : workers) {
					worker.stop();
				}
			}
		}
		System.out.println(RESULT + result);
	}

	private ConfigurableApplicationContext instance(boolean plain, String[] properties) {
		return plain ? PlainSchedulerApplication.start(this.jdbcUrl, this.username, properties)
				: DurableApplication.start(this.jdbcUrl, this.username, properties);
	}

	/**
	 * Durable calls, made in one transaction: written together as it commits.
	 */
	private static Storing durableStoring(ConfigurableApplicationContext context) {
		DurableApplication.Receipts receipts = context.getBean(DurableApplication.Receipts.class);
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		return (calls) -> transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < calls; i++) {
				receipts.send(i, "order-" + i);
			}
		});
	}

	/**
	 * As a plain db-scheduler application would: one batch through
	 * {@code SchedulerClient.scheduleBatch}, in one transaction.
	 */
	private static Storing plainStoring(ConfigurableApplicationContext context) {
		Scheduler scheduler = context.getBean(Scheduler.class);
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		@SuppressWarnings("unchecked")
		OneTimeTask<DurableApplication.Receipt> task = (OneTimeTask<DurableApplication.Receipt>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(OneTimeTask.class, DurableApplication.Receipt.class))
			.getObject();
		return (calls) -> transaction.executeWithoutResult((status) -> {
			List<TaskInstance<?>> instances = new ArrayList<>(calls);
			for (int i = 0; i < calls; i++) {
				instances
					.add(task.instance(UUID.randomUUID().toString(), new DurableApplication.Receipt(i, "order-" + i)));
			}
			scheduler.scheduleBatch(instances, Instant.now());
		});
	}

	/**
	 * Store that many calls, tell the workers, and wait until the table holds none.
	 * @return the nanoseconds the storing took, and those from the commit to the drain's
	 * end
	 */
	private static long[] drainOnce(int calls, Storing storing, String task, JdbcTemplate jdbc, List<Worker> workers)
			throws IOException {
		long storingStarted = System.nanoTime();
		storing.store(calls);
		long committed = System.nanoTime();
		// The commit wakes this instance only, or none: the others are told, as the
		// instance that commits would wake itself
		for (Worker worker : workers) {
			worker.tell("go");
		}
		while (pending(jdbc, task) > 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			if (System.nanoTime() - committed > TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)) {
				throw new IllegalStateException(pending(jdbc, task) + " calls still pending");
			}
		}
		long drained = System.nanoTime();
		return new long[] { committed - storingStarted, drained - committed };
	}

	private static long[] ran(List<Worker> workers) throws IOException {
		long[] ran = new long[workers.size()];
		for (int i = 0; i < ran.length; i++) {
			workers.get(i).tell("report");
			ran[i] = Long.parseLong(workers.get(i).awaitLine("ran=").substring("ran=".length()));
		}
		return ran;
	}

	private static boolean hasDoneMarks(JdbcTemplate jdbc) {
		return Boolean.TRUE
			.equals(jdbc.queryForObject("select to_regclass('" + DONE_MARKS + "') is not null", Boolean.class));
	}

	private static int pending(JdbcTemplate jdbc, String task) {
		Integer count = jdbc.queryForObject("select count(*) from " + SCHEDULED_TASKS + " where task_name = ?",
				Integer.class, task);
		return (count != null) ? count : 0;
	}

	private void worker(String variant, String[] properties) throws IOException {
		try (ConfigurableApplicationContext context = instance(variant.equals(PLAIN), properties)) {
			Scheduler scheduler = context.getBean(Scheduler.class);
			PrintStream out = System.out;
			out.println("ready");
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			// Until its standard input ends
			while ((line = in.readLine()) != null) {
				if (line.equals("go")) {
					scheduler.triggerCheckForDueExecutions();
				}
				else if (line.equals("report")) {
					out.println("ran=" + DurableApplication.Bodies.RAN.get());
					out.flush();
				}
			}
		}
	}

	/**
	 * Stores calls for the workers to drain.
	 */
	@FunctionalInterface
	private interface Storing {

		/**
		 * Store that many calls in one transaction.
		 */
		void store(int calls);

	}

	private static long micros(long[] sortedNanos, int percentile) {
		return TimeUnit.NANOSECONDS.toMicros(sortedNanos[percentileIndex(sortedNanos, percentile)]);
	}

	private static int percentileIndex(long[] sorted, int percentile) {
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return Math.max(0, index);
	}

	/**
	 * An instance in a JVM of its own, with this JVM's class path.
	 */
	private static final class Worker {

		private final Process process;

		private final BufferedReader output;

		private final Writer input;

		Worker(String jdbcUrl, String username, String variant, String[] properties) throws IOException {
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
							System.getProperty("java.class.path"), DurableRun.class.getName(), "worker", jdbcUrl,
							username, variant));
			command.addAll(List.of(properties));
			this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
			this.output = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
			this.input = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		}

		String awaitLine(String prefix) throws IOException {
			String line;
			while ((line = this.output.readLine()) != null) {
				if (line.startsWith(prefix)) {
					return line;
				}
				// What else the worker prints (warnings, a failure) goes to this JVM's
				// error stream, which the runner shows when this JVM fails
				System.err.println("worker: " + line);
			}
			throw new IllegalStateException("A worker ended before printing " + prefix);
		}

		void tell(String command) throws IOException {
			this.input.write(command + "\n");
			this.input.flush();
		}

		void stop() throws InterruptedException {
			// Its standard input ends: the worker stops
			try {
				this.input.close();
			}
			catch (IOException ex) {
				// It has ended already
			}
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}

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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Memory per call in flight: what a number of calls, each parked until released, hold
 * while they wait, on the heap and outside it. Run in a JVM of its own per measurement,
 * once for each kind of thread ({@code platform}, {@code virtual}) and each way of
 * starting one ({@code fire-and-forget}: a {@code @FireAndForget} call; {@code bare}: a
 * bare thread start with the same body, the reference); prints one line.
 * <p>
 * Both ways start the same application context, make and release the same calls once
 * before measuring (so that classes are loaded and caches filled on both sides alike),
 * then read the JVM with none in flight and with all of them parked:
 * <ul>
 * <li>the heap's live bytes after a full collection, read until {@value #STABLE_READINGS}
 * readings in a row agree within {@value #HEAP_TOLERANCE} bytes (a virtual thread's stack
 * lives on the heap, so this holds a parked virtual thread whole);</li>
 * <li>the resident set size ({@code VmRSS}), with the heap committed and touched up front
 * ({@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}, set by the runner)
 * so that a collection cannot return heap pages to the OS or take more mid-measurement:
 * what grows is outside the heap, a platform thread's stack above all.</li>
 * </ul>
 * Each figure comes with its resolution, the spread of its last readings, so that a
 * difference below it is reported as such rather than as a number.
 *
 * @author threadmethod contributors
 */
public final class InFlightMemory {

	static final int STABLE_READINGS = 3;

	static final long HEAP_TOLERANCE = 16 * 1024;

	private static final int MAX_READINGS = 20;

	private InFlightMemory() {
	}

	public static void main(String[] args) throws Exception {
		boolean virtual = args[0].equals("virtual");
		boolean bare = args[1].equals("bare");
		int calls = Integer.parseInt(args[2]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BlockerConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn", "threadmethod.thread.virtual=" + virtual)
			.run()) {
			Blocker blocker = context.getBean(Blocker.class);
			FireAndForgetCalls running = context.getBean(FireAndForgetCalls.class);
			Starter starter = starter(virtual, bare, blocker);
			// The same calls once, unmeasured: classes, JIT and caches as warm on both
			// sides
			inFlight(starter, calls, running, () -> {
			});
			Reading before = Reading.take();
			AtomicReference<Reading> during = new AtomicReference<>();
			inFlight(starter, calls, running, () -> during.set(Reading.take()));
			System.out.printf(
					"%s %s calls=%d heapBefore=%d heapDuring=%d heapResolution=%d rssBeforeKiB=%d rssDuringKiB=%d "
							+ "rssResolutionKiB=%d threadsBefore=%d threadsDuring=%d%n",
					virtual ? "virtual" : "platform", bare ? "bare" : "fire-and-forget", calls, before.heap(),
					during.get().heap(), before.heapResolution() + during.get().heapResolution(), before.rssKiB(),
					during.get().rssKiB(), before.rssResolutionKiB() + during.get().rssResolutionKiB(),
					before.threads(), during.get().threads());
		}
	}

	private static Starter starter(boolean virtual, boolean bare, Blocker blocker) {
		if (!bare) {
			return (body) -> {
				blocker.block(body);
				return null;
			};
		}
		if (!virtual) {
			return (body) -> {
				Thread thread = new Thread(body);
				thread.start();
				return thread;
			};
		}
		// Compiled for Java 17: the bare virtual thread start as the dispatch benchmark
		// makes it
		Targets.Dispatcher startVirtual = Variant.VIRTUAL_THREAD.setUp().dispatcher();
		return (body) -> {
			startVirtual.dispatch(body);
			return null;
		};
	}

	/**
	 * Starts the calls, waits until each has started and parked, runs the measurement,
	 * then releases them and waits until every thread has finished.
	 */
	private static void inFlight(Starter starter, int calls, FireAndForgetCalls running, Runnable measurement)
			throws InterruptedException {
		CountDownLatch started = new CountDownLatch(calls);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(calls);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			Thread thread = starter.start(() -> park(started, release, finished));
			if (thread != null) {
				threads.add(thread);
			}
		}
		started.await();
		measurement.run();
		release.countDown();
		finished.await();
		running.awaitIdle(Duration.ofMinutes(1));
		for (Thread thread : threads) {
			thread.join();
		}
	}

	static void park(CountDownLatch started, CountDownLatch release, CountDownLatch finished) {
		started.countDown();
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			finished.countDown();
		}
	}

	/**
	 * Read a number from {@code /proc/self/status}: {@code VmRSS} in KiB,
	 * {@code Threads}.
	 */
	private static long status(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read /proc/self/status", ex);
		}
		return -1;
	}

	/**
	 * Reads a figure until its last {@value #STABLE_READINGS} readings agree within a
	 * tolerance, or {@value #MAX_READINGS} readings were made.
	 * @param reading reads the figure once
	 * @param tolerance how far apart the last readings may be
	 * @return the last reading and the spread of the last readings
	 */
	static long[] stable(LongSupplier reading, long tolerance) {
		List<Long> readings = new ArrayList<>();
		long spread = Long.MAX_VALUE;
		while (readings.size() < MAX_READINGS) {
			readings.add(reading.getAsLong());
			if (readings.size() >= STABLE_READINGS) {
				List<Long> last = readings.subList(readings.size() - STABLE_READINGS, readings.size());
				spread = last.stream().mapToLong(Long::longValue).max().getAsLong()
						- last.stream().mapToLong(Long::longValue).min().getAsLong();
				if (spread <= tolerance) {
					break;
				}
			}
		}
		return new long[] { readings.get(readings.size() - 1), spread };
	}

	/**
	 * The JVM's memory at one moment, each figure with its resolution.
	 */
	private record Reading(long heap, long heapResolution, long rssKiB, long rssResolutionKiB, long threads) {

		static Reading take() {
			// Threads of calls that have just finished may still be on their way out
			long threads = stable(() -> {
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
				return status("Threads");
			}, 0)[0];
			long[] heap = stable(() -> {
				// A full collection (the runner leaves System.gc() as one): only what
				// is reachable stays
				System.gc();
				return liveHeap();
			}, HEAP_TOLERANCE);
			long[] rss = stable(() -> status("VmRSS"), HEAP_TOLERANCE / 1024);
			return new Reading(heap[0], heap[1], rss[0], rss[1], threads);
		}

		/**
		 * The heap's bytes in use right after the last collection, pool by pool: what the
		 * collection kept, without the buffers the threads have allocated into since.
		 */
		private static long liveHeap() {
			long used = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				MemoryUsage afterCollection = pool.getCollectionUsage();
				if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
					used += afterCollection.getUsed();
				}
			}
			return used;
		}

	}

	/**
	 * Starts a body on a thread of its own.
	 */
	@FunctionalInterface
	interface Starter {

		/**
		 * Starts the body.
		 * @param body what the thread runs
		 * @return the thread, or {@code null} if the caller cannot have it
		 */
		Thread start(Runnable body);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class BlockerConfiguration {

		@Bean
		Blocker blocker() {
			return new Blocker();
		}

	}

	public static class Blocker {

		@FireAndForget
		public void block(Runnable body) {
			body.run();
		}

	}

}

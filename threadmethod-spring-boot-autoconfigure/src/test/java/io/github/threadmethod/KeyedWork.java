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
package io.github.threadmethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean with keyed {@code @FireAndForget} methods, and what their bodies saw: for each
 * key, the calls that ran, in the order they started, and how many bodies of one key ever
 * ran at once.
 *
 * @author threadmethod contributors
 */
public class KeyedWork {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, AtomicInteger> inBody = new ConcurrentHashMap<>();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final Map<String, List<Run>> runs = new ConcurrentHashMap<>();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	@FireAndForget(name = "unique-work", key = "#key")
	public void unique(String key, String caller, int seq) {
		run(key, caller, seq);
	}

	@FireAndForget(name = "serial-work", key = "#key")
	public void serial(String key, String caller, int seq) {
		run(key, caller, seq);
	}

	@FireAndForget(name = "named-work", key = "'order-' + #p0")
	public void named(String key, String caller, int seq) {
		run(key, caller, seq);
	}

	/**
	 * Make every body wait, once it has been recorded, until {@link #release()}.
	 */
	public void hold() {
		this.gate = new CountDownLatch(1);
	}

	public void release() {
		this.gate.countDown();
	}

	private void run(String key, String caller, int seq) {
		AtomicInteger atOnce = this.inBody.computeIfAbsent(key, (k) -> new AtomicInteger());
		this.mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
		try {
			this.runs.computeIfAbsent(key, (k) -> Collections.synchronizedList(new ArrayList<>()))
				.add(new Run(caller, seq, Thread.currentThread()));
			try {
				assertThat(this.gate.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("released").isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// Work a little, so that another body of the key, if one were let in, would
			// overlap this one
			for (int i = 0; i < 50; i++) {
				Thread.yield();
			}
		}
		finally {
			atOnce.decrementAndGet();
		}
	}

	/**
	 * Return the most bodies of one key that ever ran at once.
	 */
	public int mostAtOnce() {
		return this.mostAtOnce.get();
	}

	/**
	 * Return the calls that ran, by key, each key's in the order they started.
	 */
	public Map<String, List<Run>> runs() {
		Map<String, List<Run>> runs = new TreeMap<>();
		this.runs.forEach((key, list) -> {
			synchronized (list) {
				runs.put(key, List.copyOf(list));
			}
		});
		return runs;
	}

	public int runCount() {
		return runs().values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Make calls from several threads at once: each thread, named {@code caller-<n>},
	 * makes its calls one after another, numbered from 0, and all start together.
	 * @param threads how many threads call
	 * @param callsEach how many calls each makes
	 * @param call makes one call, given the caller's name and the call's number
	 */
	public static void callConcurrently(int threads, int callsEach, BiConsumer<String, Integer> call)
			throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> callers = new ArrayList<>();
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < threads; t++) {
			String caller = "caller-" + t;
			Thread thread = new Thread(() -> {
				try {
					assertThat(start.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
					for (int i = 0; i < callsEach; i++) {
						call.accept(caller, i);
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}, caller);
			thread.start();
			callers.add(thread);
		}
		start.countDown();
		for (Thread caller : callers) {
			caller.join(TIMEOUT.toMillis());
			assertThat(caller.isAlive()).as("%s still calling", caller.getName()).isFalse();
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * One call that ran.
	 *
	 * @param caller the name of the thread that made it
	 * @param seq its number among that thread's calls
	 * @param thread the thread its body ran on
	 */
	public record Run(String caller, int seq, Thread thread) {

	}

}

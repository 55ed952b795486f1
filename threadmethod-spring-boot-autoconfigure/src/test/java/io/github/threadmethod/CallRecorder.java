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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the calls that reach a test bean's body, so tests can wait for them and check
 * where they ran.
 *
 * @author threadmethod contributors
 */
public class CallRecorder {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger finished = new AtomicInteger();

	private volatile boolean blocking;

	private volatile Runnable onRecord = () -> {
	};

	/**
	 * Make every recorded body wait until {@link #release()} is called.
	 */
	public void blockBodies() {
		this.blocking = true;
	}

	/**
	 * Run the given code in every body that records a call, once it is recorded.
	 * @param onRecord the code
	 */
	public void onRecord(Runnable onRecord) {
		this.onRecord = onRecord;
	}

	/**
	 * Let bodies waiting in {@link #record} go on.
	 */
	public void release() {
		this.release.countDown();
	}

	/**
	 * Record a call from a body, then block if asked to.
	 * @param name what was called
	 * @param arguments what it was called with
	 */
	public void record(String name, Object... arguments) {
		this.calls.add(new Call(name, Thread.currentThread(), List.of(arguments)));
		this.onRecord.run();
		if (this.blocking) {
			try {
				assertThat(this.release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("released").isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.finished.incrementAndGet();
	}

	/**
	 * Wait until the given number of calls has been recorded.
	 * @param count the number of calls
	 * @return the calls
	 */
	public List<Call> awaitCalls(int count) {
		org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> this.calls.size() >= count);
		return List.copyOf(this.calls);
	}

	/**
	 * Return how many recorded bodies have returned from {@link #record}.
	 * @return the number of finished calls
	 */
	public int finished() {
		return this.finished.get();
	}

	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	public record Call(String name, Thread thread, List<Object> arguments) {

	}

}

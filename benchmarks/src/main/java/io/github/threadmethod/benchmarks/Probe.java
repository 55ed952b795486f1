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

import java.util.concurrent.locks.LockSupport;

/**
 * What a benchmarked body does: note when it started and that it is done. The caller's
 * side waits on it outside the measured time.
 *
 * @author threadmethod contributors
 */
public final class Probe implements Runnable {

	private volatile long startedAt;

	private volatile boolean done;

	void reset() {
		this.startedAt = 0;
		this.done = false;
	}

	@Override
	public void run() {
		this.startedAt = System.nanoTime();
		this.done = true;
	}

	long awaitStart() {
		long started;
		while ((started = this.startedAt) == 0) {
			Thread.onSpinWait();
		}
		return started;
	}

	void awaitDone() {
		while (!this.done) {
			LockSupport.parkNanos(1_000);
		}
	}

}

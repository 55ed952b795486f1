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
package io.github.threadmethod.launch;

import java.util.concurrent.atomic.LongAdder;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.launch.CallListener.Rejection;

/**
 * The live counters of one task.
 *
 * @author threadmethod contributors
 */
final class TaskCounters {

	final LongAdder started = new LongAdder();

	final LongAdder completed = new LongAdder();

	final LongAdder failed = new LongAdder();

	// By reason: a limit, a shutdown, no start, or no key
	private final LongAdder[] rejected = { new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder() };

	final LongAdder running = new LongAdder();

	final LongAdder stored = new LongAdder();

	final LongAdder discarded = new LongAdder();

	final LongAdder deduplicated = new LongAdder();

	/**
	 * Read the counters in the reverse of the order a call moves them: a call is counted
	 * started before it is counted finished, so a snapshot never shows more calls
	 * finished than started.
	 */
	TaskTotals totals() {
		long completed = this.completed.sum();
		long failed = this.failed.sum();
		long running = this.running.sum();
		long started = this.started.sum();
		long rejected = 0;
		for (LongAdder reason : this.rejected) {
			rejected += reason.sum();
		}
		return new TaskTotals(started, completed, failed, rejected, running, this.stored.sum(), this.discarded.sum(),
				this.deduplicated.sum());
	}

	LongAdder rejected(Rejection reason) {
		return this.rejected[reason.ordinal()];
	}

}

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
package io.github.threadmethod.autoconfigure.durable;

import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.launch.CallLauncher;

import org.springframework.context.SmartLifecycle;

/**
 * Stops this instance's scheduler from taking new executions when the application shuts
 * down, just before the launcher waits for running calls (its phase is one above the
 * launcher's): the stored calls running here then get the launcher's shutdown timeout,
 * and db-scheduler's own stop, when the scheduler bean is destroyed, waits for them up to
 * {@code db-scheduler.shutdown-max-wait}. A call that cannot finish stays picked in the
 * table, and another instance revives it once this one's heartbeats stop.
 *
 * @author threadmethod contributors
 */
final class SchedulerPause implements SmartLifecycle {

	private final Supplier<Scheduler> scheduler;

	private volatile boolean running;

	SchedulerPause(Supplier<Scheduler> scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		// Started again after a stop: take executions again
		this.scheduler.get().resume();
		this.running = true;
	}

	@Override
	public void stop() {
		this.scheduler.get().pause();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return CallLauncher.DEFAULT_PHASE + 1;
	}

}

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

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Logs, once, each call that has been running longer than a threshold, with its task,
 * thread and current stack, so that stuck work is found before it piles up. One daemon
 * thread looks at the running calls a few times per threshold.
 *
 * @author threadmethod contributors
 */
final class SlowCallWatchdog {

	private static final Log logger = LogFactory.getLog(SlowCallWatchdog.class);

	private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final CallAccount account;

	private final long thresholdNanos;

	private @Nullable ScheduledExecutorService scheduler;

	SlowCallWatchdog(CallAccount account, Duration threshold) {
		this.account = account;
		this.thresholdNanos = threshold.toNanos();
	}

	synchronized void start() {
		if (this.scheduler == null) {
			CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("threadmethod-watchdog-");
			threadFactory.setDaemon(true);
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threadFactory);
			long period = Math.min(MAX_PERIOD_NANOS, Math.max(MIN_PERIOD_NANOS, this.thresholdNanos / 4));
			scheduler.scheduleWithFixedDelay(() -> check(System.nanoTime()), period, period, TimeUnit.NANOSECONDS);
			this.scheduler = scheduler;
		}
	}

	synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	/**
	 * Log the calls that have run longer than the threshold at the given time and were
	 * not logged before.
	 * @param nowNanos the time, as {@link System#nanoTime()} tells it
	 */
	void check(long nowNanos) {
		for (LaunchedCall call : this.account.running()) {
			if (call.getThread() != null && nowNanos - call.getStartNanos() > this.thresholdNanos
					&& call.markReportedSlow()) {
				try {
					report(call, nowNanos);
				}
				catch (Throwable ex) {
					// Anything thrown would cancel the schedule for good
					logger.debug("Could not report a slow @FireAndForget call", ex);
				}
			}
		}
	}

	private void report(LaunchedCall call, long nowNanos) {
		Thread thread = call.getThread();
		if (thread != null && logger.isWarnEnabled()) {
			StringBuilder message = new StringBuilder("@FireAndForget task '").append(call.getTask().getName())
				.append("' has been running for ")
				.append(TimeUnit.NANOSECONDS.toMillis(nowNanos - call.getStartNanos()))
				.append("ms on thread '")
				.append(thread.getName())
				.append("', longer than the slow-call threshold of ")
				.append(TimeUnit.NANOSECONDS.toMillis(this.thresholdNanos))
				.append("ms; it is now at:");
			for (StackTraceElement element : thread.getStackTrace()) {
				message.append(System.lineSeparator()).append("\tat ").append(element);
			}
			logger.warn(message);
		}
	}

}

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
package io.github.threadmethod.durable;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the marks of the calls done whose stored calls are gone from db-scheduler's
 * table, once they are older than their retention, so that they do not pile up: every
 * interval, on a thread of its own on each instance, in statements that each remove a
 * bounded batch, until a batch comes short. Instances that run it at once remove the same
 * marks, which is harmless. It runs only when a task's effects are {@code once}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DoneMarkCleanup implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DoneMarkCleanup.class);

	private final EffectivelyOnce once;

	private final String tableName;

	private final Duration retention;

	private final Duration interval;

	private final int batchSize;

	private @Nullable ScheduledExecutorService executor;

	private volatile boolean running;

	/**
	 * Create the clean-up of the done marks.
	 * @param once the runs of the tasks whose effects are {@code once}, and their marks
	 * @param tableName the name of db-scheduler's table
	 * @param retention how long a mark is kept at least
	 * @param interval the time between two runs
	 * @param batchSize the most marks one statement removes
	 */
	public DoneMarkCleanup(EffectivelyOnce once, String tableName, Duration retention, Duration interval,
			int batchSize) {
		this.once = once;
		this.tableName = tableName;
		this.retention = retention;
		this.interval = interval;
		this.batchSize = batchSize;
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.once.isUsed()) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "threadmethod-done-marks");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void runSafely() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove the done marks of durable calls: " + ex.getMessage());
		}
	}

	/**
	 * Remove the marks due, batch after batch, until a batch comes short or the clean-up
	 * stops.
	 * @return how many were removed
	 */
	int run() {
		DoneMarks marks = this.once.marks();
		// Each batch commits on its own, whatever the pool's auto-commit
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(marks.dataSource()));
		int total = 0;
		int removed;
		do {
			try {
				Integer batch = transaction.execute((status) -> marks.removeGone(this.tableName, DurableCallTask.NAME,
						this.retention, this.batchSize));
				removed = (batch != null) ? batch : 0;
			}
			catch (DataAccessException ex) {
				logger.warn("Could not remove the done marks of durable calls: " + ex.getMessage());
				return total;
			}
			total += removed;
		}
		while (removed == this.batchSize && !Thread.currentThread().isInterrupted());
		if (total > 0 && logger.isDebugEnabled()) {
			logger.debug("Removed " + total + " done marks of durable calls gone");
		}
		return total;
	}

}

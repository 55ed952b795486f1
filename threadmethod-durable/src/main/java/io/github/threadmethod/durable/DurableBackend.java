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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.durable.StoredCallCommits.Commit;
import io.github.threadmethod.durable.StoredCallObservations.Observed;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code durable} backend: stores each call in db-scheduler's table and hands it
 * over, so that its body runs later, on whichever instance the scheduler gives it to,
 * through {@link DurableCallTask}. Inside the caller's transaction the row is written on
 * the transaction's connection (the starter's {@code DataSource} is transaction-aware),
 * so the call exists if and only if the caller commits; outside one, after its commit
 * included, it is stored and committed at once, whatever the pool's auto-commit (see
 * {@link StoredCallCommits}). Once committed, the call counts as stored, and the
 * scheduler of this instance is woken to look for it, so that an idle cluster starts the
 * call at once rather than at its next poll.
 *
 * <p>
 * Storing is observed as a child of the caller's observation, and the trace it carries is
 * stored with the call, so that each attempt at running it continues the caller's trace
 * (see {@link StoredCallObservations}). The backend counts the calls of its table, by
 * task, for the actuator endpoint.
 * <p>
 * A call of a task whose key policy is {@code unique} is stored under an id made of the
 * task and its key, and only if no call of that id is in the table: one that is (waiting,
 * running, or kept as failed) makes the new call deduplicated, on every instance alike. A
 * call stored in its caller's transaction holds its key only if that transaction commits:
 * a rollback takes its row, and the key, away.
 * <p>
 * Nothing falls back to a thread: a call that cannot be stored, or whose stored form is
 * larger than {@link StoredCallSizes} allow, is rejected, naming why.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableBackend implements FireAndForgetBackend, StoredCalls {

	/**
	 * The mode of this backend, as {@code threadmethod.mode} and
	 * {@code threadmethod.tasks[<task>].mode} name it. The core module names it too, to
	 * say what to add when this module is missing.
	 */
	public static final String MODE = "durable";

	private final DurableTasks tasks;

	private final StoredCallFormat format;

	private final DurableCallTask task;

	private final Supplier<Scheduler> scheduler;

	private final StoredCallObservations observations;

	private final Supplier<StoredCallCounter> counter;

	private final StoredCallSizes sizes;

	private final StoredCallCommits commits;

	/**
	 * Create a backend that stores the calls of the given tasks for the given
	 * db-scheduler task to run.
	 * @param tasks the tasks in the durable mode
	 * @param format the format calls are stored in
	 * @param task the db-scheduler task that runs stored calls
	 * @param observations observes the storing of each call
	 * @param scheduler supplies the scheduler, once the first call is stored
	 * @param dataSource supplies the {@code DataSource} of db-scheduler's table, as its
	 * starter is given it, once the first call is stored or calls are first counted
	 * @param tableName the name of db-scheduler's table
	 * @param sizes bounds the size of each stored call, and is told it
	 */
	public DurableBackend(DurableTasks tasks, StoredCallFormat format, DurableCallTask task,
			StoredCallObservations observations, Supplier<Scheduler> scheduler, Supplier<DataSource> dataSource,
			String tableName, StoredCallSizes sizes) {
		this.tasks = tasks;
		this.sizes = sizes;
		this.format = format;
		this.task = task;
		this.observations = observations;
		this.scheduler = scheduler;
		this.counter = SingletonSupplier
			.of(() -> new StoredCallCounter(dataSource.get(), tableName, () -> tasks.tasks().keySet()));
		this.commits = new StoredCallCommits(dataSource);
	}

	@Override
	public String getMode() {
		return MODE;
	}

	@Override
	public void execute(FireAndForgetExecution call) {
		String taskName = call.getTask().getName();
		DurableTask durable = this.tasks.get(taskName);
		if (durable == null) {
			throw new TaskRejectedException("the durable mode found no single bean for it at start-up (a lazy bean, or "
					+ "one registered by hand?); nothing was stored");
		}
		// A unique key is the call's id: the table holds one call of the task and key at
		// a
		// time, whichever instance stores it
		String key = (call.getKeyPolicy() == KeyPolicy.UNIQUE) ? call.getKey() : null;
		String id = (key != null) ? StoredCallIds.keyedId(taskName, key) : StoredCallIds.newId(taskName);
		Observed store = this.observations.store(taskName, id);
		Scheduler scheduler;
		byte[] json;
		Commit commit;
		AtomicBoolean stored = new AtomicBoolean();
		try {
			json = this.format.write(durable, call.getArguments(), store.carrier(), Instant.now());
			this.sizes.check(json);
			scheduler = this.scheduler.get();
			commit = this.commits.store(() -> stored.set(schedule(scheduler, id, json, key != null)));
		}
		catch (RuntimeException ex) {
			store.end(ex);
			throw ex;
		}
		store.end(null);
		if (!stored.get()) {
			// Nothing was written: there is no row to wait for
			call.deduplicate();
			return;
		}
		Runnable counted = call.handOverUncommitted();
		// Counted stored, and looked for, only once the row is there for every instance
		commit.then(() -> {
			if (counted != null) {
				counted.run();
			}
			this.sizes.stored(taskName, json);
			scheduler.triggerCheckForDueExecutions();
		});
	}

	/**
	 * Store a call to run now.
	 * @return {@code true} if it is stored; {@code false} if it is unique and a call of
	 * the same id is in the table already: waiting, running, or kept as failed
	 */
	private boolean schedule(Scheduler scheduler, String id, byte[] json, boolean unique) {
		try {
			TaskInstance<DurableCallData> instance = this.task.instance(id, new DurableCallData(json));
			if (unique) {
				return scheduler.scheduleIfNotExists(instance, Instant.now());
			}
			scheduler.schedule(instance, Instant.now());
			return true;
		}
		catch (RuntimeException ex) {
			throw new TaskRejectedException("it could not be stored in db-scheduler's table (" + ex.getClass().getName()
					+ ": " + ex.getMessage() + "); nothing was stored, and nothing runs it on a thread instead", ex);
		}
	}

	/**
	 * Count the calls in db-scheduler's table of each durable task, across every instance
	 * that shares the table.
	 */
	@Override
	public Map<String, Counts> countByTask() {
		return this.counter.get().countByTask();
	}

	/**
	 * Return {@code false}: storing a call starts no thread here, and a limit's policy
	 * must never run a durable call on its caller's thread instead.
	 */
	@Override
	public boolean isLimited() {
		return false;
	}

	/**
	 * Return {@code "durable: db-scheduler"}, for the start-up summary of active tasks.
	 */
	@Override
	public String describe() {
		return MODE + ": db-scheduler";
	}

	@Override
	public String toString() {
		return "DurableBackend [db-scheduler]";
	}

}

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
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.durable.StoredCallCommits.Commit;
import io.github.threadmethod.durable.StoredCallObservations.Observed;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;

/**
 * The {@code durable} backend: stores each call in db-scheduler's table and hands it
 * over, so that its body runs later, on whichever instance the scheduler gives it to,
 * through {@link DurableCallTask}. Inside the caller's transaction the row is written on
 * the transaction's connection (the starter's {@code DataSource} is transaction-aware),
 * so the call exists if and only if the caller commits: the rows of the calls one
 * transaction makes are written together, in one batch, as it commits (see
 * {@link TransactionRows}), except those of unique keys, written at their call, which
 * must know whether the key is held already. Outside a transaction, after its commit
 * included, a call is stored and committed at once, whatever the pool's auto-commit (see
 * {@link StoredCallCommits}). Once committed, the call counts as stored, and the
 * scheduler of this instance is woken to look for it (once for the rows a transaction
 * writes together), so that an idle instance starts the call at once rather than at its
 * next poll. On PostgreSQL the other instances are woken too: by a notification that
 * commits with the rows of the caller's transaction (see {@link PostgresWakeUps}), or,
 * for a call stored outside one, by a notification sent after its commit from a thread of
 * the {@link WakeUpSender}, so that the caller's thread spends on it no more than
 * db-scheduler's own client does.
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

	private final @Nullable PostgresWakeUps wakeUps;

	private final @Nullable WakeUpSender sender;

	// Announces the rows of a transaction written together, on their connection
	private final @Nullable Runnable announce;

	// Announces the rows of a transaction written once it had committed, after theirs
	private final @Nullable Runnable announceCommitted;

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
	 * @param wakeUps announces each call stored in the caller's transaction to the other
	 * instances with its row, or {@code null} where they find it at their next poll
	 * @param sender announces the calls stored outside a transaction to the other
	 * instances once they have committed, or {@code null} where they find them at their
	 * next poll
	 */
	public DurableBackend(DurableTasks tasks, StoredCallFormat format, DurableCallTask task,
			StoredCallObservations observations, Supplier<Scheduler> scheduler, Supplier<DataSource> dataSource,
			String tableName, StoredCallSizes sizes, @Nullable PostgresWakeUps wakeUps, @Nullable WakeUpSender sender) {
		this.tasks = tasks;
		this.sizes = sizes;
		this.format = format;
		this.task = task;
		this.observations = observations;
		this.scheduler = scheduler;
		this.counter = new LookedUpOnce<>(
				() -> new StoredCallCounter(dataSource.get(), tableName, () -> tasks.tasks().keySet()));
		this.commits = new StoredCallCommits(dataSource);
		this.wakeUps = wakeUps;
		this.sender = sender;
		this.announce = (wakeUps != null) ? wakeUps::send : null;
		this.announceCommitted = (sender != null) ? sender::announce : null;
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
		boolean held;
		AtomicBoolean stored = new AtomicBoolean();
		try {
			Instant now = Instant.now();
			json = this.format.write(durable, call.getArguments(), store.carrier(), now);
			this.sizes.check(json);
			scheduler = this.scheduler.get();
			TaskInstance<DurableCallData> instance = instance(id, json);
			// A unique call is written at once: whether it is deduplicated is known at
			// the call, as the core needs it
			commit = (key != null) ? null : this.commits.hold(scheduler, taskName,
					SchedulableInstance.of(instance, now), this.announce, this.announceCommitted);
			held = commit != null;
			if (held) {
				stored.set(true);
			}
			else {
				commit = this.commits.store(() -> stored.set(store(scheduler, instance, now, key != null)));
			}
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
		// Counted stored, and looked for, only once the row is there for every instance;
		// a held row is looked for with the transaction's other rows, once for them all
		commit.then(() -> {
			if (counted != null) {
				counted.run();
			}
			this.sizes.stored(taskName, json);
			if (!held) {
				scheduler.triggerCheckForDueExecutions();
			}
		});
		if (commit.isOnItsOwn() && this.sender != null) {
			// Committed already: announced off the caller's thread, with the calls
			// committed close to it
			this.sender.announce();
		}
	}

	/**
	 * Store a call to run now; in the caller's transaction, announce it to the other
	 * instances on the connection its row is written on, so that they hear of it when,
	 * and only if, it commits (on a connection of its own, it is announced after its
	 * commit, by the sender).
	 * @return whether it is stored, as {@link #schedule} tells
	 */
	private boolean store(Scheduler scheduler, TaskInstance<DurableCallData> instance, Instant now, boolean unique) {
		boolean stored = schedule(scheduler, instance, now, unique);
		if (stored && this.wakeUps != null) {
			this.wakeUps.send();
		}
		return stored;
	}

	/**
	 * Store a call to run now.
	 * @return {@code true} if it is stored; {@code false} if it is unique and a call of
	 * the same id is in the table already: waiting, running, or kept as failed
	 */
	private boolean schedule(Scheduler scheduler, TaskInstance<DurableCallData> instance, Instant now, boolean unique) {
		try {
			if (unique) {
				return scheduler.scheduleIfNotExists(instance, now);
			}
			scheduler.schedule(instance, now);
			return true;
		}
		catch (RuntimeException ex) {
			throw notStored(ex);
		}
	}

	private TaskInstance<DurableCallData> instance(String id, byte[] json) {
		try {
			return this.task.instance(id, new DurableCallData(json));
		}
		catch (RuntimeException ex) {
			throw notStored(ex);
		}
	}

	private static TaskRejectedException notStored(RuntimeException ex) {
		return new TaskRejectedException("it could not be stored in db-scheduler's table (" + ex.getClass().getName()
				+ ": " + ex.getMessage() + "); nothing was stored, and nothing runs it on a thread instead", ex);
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

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
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The {@link DurableCalls} of db-scheduler's table: lists the calls of a task with the
 * table's own SQL (see {@link StoredCallListing}), and acts on a call through
 * db-scheduler's {@code SchedulerClient}, which refuses to change a call that an instance
 * runs and changes a row only if no instance changed it meanwhile. Running a call again
 * is db-scheduler's reschedule to now, which also sets its failures back to none, so the
 * call gets its attempts anew; giving it up is db-scheduler's cancel, which deletes it.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class StoredCallOperations implements DurableCalls {

	// The logger of the API, which an application sets a level for
	private static final Log logger = LogFactory.getLog(DurableCalls.class);

	private final DurableTasks tasks;

	private final Supplier<Scheduler> scheduler;

	private final Supplier<StoredCallListing> listing;

	/**
	 * Create the operations on the stored calls of the given tasks.
	 * @param tasks the tasks in the durable mode
	 * @param format the format calls are stored in
	 * @param scheduler supplies the scheduler, once an action is first taken
	 * @param dataSource supplies the database of db-scheduler's table, once calls are
	 * first listed
	 * @param tableName the name of db-scheduler's table
	 */
	public StoredCallOperations(DurableTasks tasks, StoredCallFormat format, Supplier<Scheduler> scheduler,
			Supplier<DataSource> dataSource, String tableName) {
		this.tasks = tasks;
		this.scheduler = scheduler;
		this.listing = new LookedUpOnce<>(() -> new StoredCallListing(dataSource.get(), tableName, format));
	}

	@Override
	public List<StoredCall> list(String taskName, int limit) {
		Assert.isTrue(limit > 0, () -> "The limit must be positive, not " + limit);
		StoredCallListing listing = this.listing.get();
		List<StoredCall> calls = listing.list(taskName, limit);
		if (calls.isEmpty() && this.tasks.get(taskName) == null && listing.anyStored(taskName)) {
			// A call of a task not known here that failed between the listing's two
			// queries: listed again, rather than the task said unknown
			calls = listing.list(taskName, limit);
		}
		if (calls.isEmpty()) {
			assertKnown(taskName);
		}
		return calls;
	}

	@Override
	public void runAgain(String id) {
		if (!reschedule(id)) {
			throw new IllegalStateException("Durable @FireAndForget call '" + id
					+ "' changed while it was set to run again (an instance picked it?); nothing was changed");
		}
		logger.info("Durable @FireAndForget call '" + id + "' runs again now, with its attempts anew, as asked");
		this.scheduler.get().triggerCheckForDueExecutions();
	}

	@Override
	public int runFailedAgain(String taskName) {
		List<String> ids = this.listing.get().failedIds(taskName);
		if (ids.isEmpty()) {
			assertKnown(taskName);
		}
		int count = 0;
		for (String id : ids) {
			try {
				if (this.scheduler.get().reschedule(TaskInstanceId.of(DurableCallTask.NAME, id), Instant.now())) {
					logger.info("Durable @FireAndForget call '" + id + "', failed, runs again now, with its attempts "
							+ "anew, as asked for every failed call of task '" + taskName + "'");
					count++;
				}
			}
			catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException ex) {
				// Run, or given up, meanwhile: by another operator, or after another one
				// ran
				// it again
				logger.info("Durable @FireAndForget call '" + id + "' was left as it is, no longer failed: "
						+ ex.getMessage());
			}
		}
		if (count > 0) {
			this.scheduler.get().triggerCheckForDueExecutions();
		}
		return count;
	}

	@Override
	public void giveUp(String id) {
		try {
			this.scheduler.get().cancel(TaskInstanceId.of(DurableCallTask.NAME, id));
		}
		catch (TaskInstanceNotFoundException ex) {
			throw notFound(id);
		}
		catch (TaskInstanceCurrentlyExecutingException ex) {
			throw running(id);
		}
		logger.info("Durable @FireAndForget call '" + id + "' was given up, as asked: it is deleted from "
				+ "db-scheduler's table and never runs");
	}

	/**
	 * Reschedule the call of the given id to now.
	 * @return whether it was rescheduled: {@code false} if its row changed meanwhile
	 */
	private boolean reschedule(String id) {
		try {
			return this.scheduler.get().reschedule(TaskInstanceId.of(DurableCallTask.NAME, id), Instant.now());
		}
		catch (TaskInstanceNotFoundException ex) {
			throw notFound(id);
		}
		catch (TaskInstanceCurrentlyExecutingException ex) {
			throw running(id);
		}
	}

	private void assertKnown(String taskName) {
		if (this.tasks.get(taskName) == null) {
			throw new NoSuchElementException("No @FireAndForget task '" + taskName
					+ "' is in the durable mode here, and no call of it is stored; the durable tasks are "
					+ this.tasks.tasks().keySet());
		}
	}

	private static NoSuchElementException notFound(String id) {
		return new NoSuchElementException(
				"No durable @FireAndForget call '" + id + "' is stored: it has run, was given up, or never existed");
	}

	private static IllegalStateException running(String id) {
		return new IllegalStateException(
				"Durable @FireAndForget call '" + id + "' is running now, on an instance; nothing was changed");
	}

	@Override
	public String toString() {
		return "StoredCallOperations [db-scheduler]";
	}

}

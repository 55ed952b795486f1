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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * How the scheduler goes on after an attempt at a stored call fails, or dies with its
 * instance, by the retries of the call's task.
 *
 * <ul>
 * <li>A failed attempt is tried again while the call has attempts left, after the task's
 * back-off, doubled for each attempt before it, and never more than {@link #MAX_DELAY}.
 * </li>
 * <li>A run whose instance died (its heartbeats stopped) is revived at once as the next
 * attempt, as db-scheduler does, but only while the call has attempts left: a call that
 * kills its JVM on every run is not revived for ever. The dead run counts as a failed
 * attempt.</li>
 * <li>After the last attempt, or at once for a call that cannot run at all (data that is
 * not a stored call, or a call no instance knew within its grace period), the row is
 * kept, marked failed: its next execution is set to {@link #FAILED_AT}, which the
 * scheduler never reaches, so it is neither retried in a loop nor dropped.</li>
 * <li>An attempt that failed before its body could run (start-up not over, an interceptor
 * of the engine) is retried after the default back-off, since its task is not known.</li>
 * </ul>
 *
 * Each time, what the attempt failed with is written into the call's data as it is
 * rescheduled (see {@link LastFailures}), so that the application can list it.
 * <p>
 * db-scheduler's own {@link FailureHandler#maxRetries(int) max-retries handlers} decide
 * by one count and back off without a bound, so this one decides by task and keeps the
 * bound.
 *
 * @author threadmethod contributors
 */
final class DurableRetryPolicy implements FailureHandler<DurableCallData>, DeadExecutionHandler<DurableCallData> {

	/**
	 * When a call kept as failed would next run: never, in practice.
	 */
	static final Instant FAILED_AT = Instant.parse("9999-01-01T00:00:00Z");

	/**
	 * The longest wait between two attempts, whatever the back-off and the attempt.
	 */
	static final Duration MAX_DELAY = Duration.ofDays(30);

	// The task's logger, whose rows these are
	private static final Log logger = LogFactory.getLog(DurableCallTask.class);

	private final DurableRetries defaults;

	private final Map<String, DurableRetries> retries;

	// The same, by the prefix of the ids of their calls, which is all a dead run tells:
	// an id holds a hash in place of a name too long for it
	private final Map<String, DurableRetries> retriesByIdPrefix;

	private final LastFailures lastFailures;

	/**
	 * Create the policy of the given retries.
	 * @param defaults the retries of a task without retries of its own
	 * @param retries the retries of each task with retries of its own, by task name
	 * @param lastFailures keeps what each failed attempt failed with
	 */
	DurableRetryPolicy(DurableRetries defaults, Map<String, DurableRetries> retries, LastFailures lastFailures) {
		this.defaults = defaults;
		this.lastFailures = lastFailures;
		this.retries = Map.copyOf(retries);
		Map<String, DurableRetries> byIdPrefix = new HashMap<>();
		retries.forEach((taskName, taskRetries) -> byIdPrefix.put(StoredCallIds.prefix(taskName), taskRetries));
		this.retriesByIdPrefix = Map.copyOf(byIdPrefix);
	}

	/**
	 * Return the given attempt at the call of the given id, with the attempts its task
	 * gives it: one and its retries, as many as an {@code int} holds.
	 */
	DurableCall call(String id, String taskName, int attempt) {
		int maxRetries = retriesOf(taskName).maxRetries();
		int maxAttempts = (maxRetries < Integer.MAX_VALUE) ? maxRetries + 1 : Integer.MAX_VALUE;
		return new DurableCall(id, taskName, attempt, maxAttempts);
	}

	/**
	 * Return what an attempt whose body failed throws back to the scheduler.
	 */
	FailedAttempt failed(DurableCall call, Throwable failure) {
		return new FailedAttempt(call, failure);
	}

	private DurableRetries retriesOf(String taskName) {
		return this.retries.getOrDefault(taskName, this.defaults);
	}

	@Override
	public void onFailure(ExecutionComplete complete, ExecutionOperations<DurableCallData> operations) {
		Throwable cause = complete.getCause().orElse(null);
		String id = complete.getExecution().taskInstance.getId();
		if (cause instanceof FailedAttempt failed) {
			if (!failed.call.isLastAttempt()) {
				reschedule(operations, complete, complete.getTimeDone().plus(delay(failed.call)));
				return;
			}
			logger.error(failed.call + " failed on its last attempt; it is kept in db-scheduler's table as failed "
					+ "(task_name '" + DurableCallTask.NAME + "', task_instance '" + id + "')");
		}
		else if (!(cause instanceof UnrunnableCallException)) {
			// Failed outside the body: retried as by default, since its task is not known
			int attempt = complete.getExecution().consecutiveFailures + 1;
			if (attempt <= this.defaults.maxRetries()) {
				reschedule(operations, complete, complete.getTimeDone().plus(this.defaults.backoff()));
				return;
			}
			logger.error("Durable @FireAndForget call '" + id + "' failed " + attempt
					+ " times before its body could run; it is kept in db-scheduler's table as failed", cause);
		}
		reschedule(operations, complete, FAILED_AT);
	}

	/**
	 * Reschedule the given failed or dead execution, with what it failed with written
	 * into its data when it holds a stored call.
	 */
	private void reschedule(ExecutionOperations<DurableCallData> operations, ExecutionComplete failed, Instant next) {
		DurableCallData data = this.lastFailures.record(failed);
		if (data != null) {
			operations.reschedule(failed, next, data);
		}
		else {
			operations.reschedule(failed, next);
		}
	}

	/**
	 * Return how long to wait before the next attempt at the given call: its task's
	 * back-off, doubled for each attempt before this one, and never more than
	 * {@link #MAX_DELAY}, so that the next attempt's time stays within what every
	 * database can store.
	 */
	private Duration delay(DurableCall call) {
		int doublings = Math.min(call.getAttempt() - 1, 30);
		try {
			Duration delay = retriesOf(call.getTaskName()).backoff().multipliedBy(1L << doublings);
			return (delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay;
		}
		catch (ArithmeticException ex) {
			return MAX_DELAY;
		}
	}

	@Override
	public void deadExecution(ExecutionComplete dead, ExecutionOperations<DurableCallData> operations) {
		String id = dead.getExecution().taskInstance.getId();
		int attempt = dead.getExecution().consecutiveFailures + 1;
		if (attempt <= retriesOfCall(id).maxRetries()) {
			reschedule(operations, dead, Instant.now());
			return;
		}
		logger.error("Durable @FireAndForget call '" + id + "' died with its instance on its last attempt (" + attempt
				+ "); it is kept in db-scheduler's table as failed (task_name '" + DurableCallTask.NAME
				+ "', task_instance '" + id + "')");
		reschedule(operations, dead, FAILED_AT);
	}

	/**
	 * Return the retries of the task whose call has the given id, by its prefix: the
	 * defaults for an id that no task's calls have.
	 */
	private DurableRetries retriesOfCall(String id) {
		String prefix = id.substring(0, id.lastIndexOf('/') + 1);
		return this.retriesByIdPrefix.getOrDefault(prefix, this.defaults);
	}

	/**
	 * A failed attempt at a stored call, as it goes back to the scheduler: its cause is
	 * what the body threw.
	 */
	@SuppressWarnings("serial")
	static final class FailedAttempt extends RuntimeException {

		private final transient DurableCall call;

		FailedAttempt(DurableCall call, Throwable failure) {
			super(call + " failed", failure);
			this.call = call;
		}

	}

}

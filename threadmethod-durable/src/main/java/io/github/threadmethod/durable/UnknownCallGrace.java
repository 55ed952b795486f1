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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What becomes of a stored call that this instance does not know: during a rolling
 * deploy, an instance of one version picks calls that another version stored. Such a call
 * is put back, not run and not counted as an attempt, for an instance that knows it to
 * take, until its grace period is over; then it is kept as failed.
 *
 * <p>
 * The grace period counts from the first time an instance did not know the call, kept in
 * the row as its {@code last_success}: a put-back completes the run as a success with
 * that time, which db-scheduler writes there, and resets {@code consecutive_failures}, as
 * any success does. No other run of a durable call ends with its row kept after a
 * success, so the column is free for it (db-scheduler's client clears it when a call is
 * run again by hand). Each put-back waits as long again as the call has waited so far, at
 * least the default back-off and at most {@link #MAX_WAIT}, so that an instance that
 * knows the call soon has its turn, and a call that none knows costs little until its
 * grace ends.
 *
 * @author threadmethod contributors
 */
final class UnknownCallGrace {

	/**
	 * The longest wait between two put-backs of a call.
	 */
	static final Duration MAX_WAIT = Duration.ofMinutes(15);

	// The task's logger, whose rows these are
	private static final Log logger = LogFactory.getLog(DurableCallTask.class);

	private final Duration grace;

	private final Duration firstWait;

	private final Clock clock;

	/**
	 * Create the policy of the given grace period.
	 * @param grace how long a call no instance knows is put back before it is kept as
	 * failed
	 * @param firstWait how long a call is put back for the first time: the default
	 * back-off
	 * @param clock the clock
	 */
	UnknownCallGrace(Duration grace, Duration firstWait, Clock clock) {
		this.grace = grace;
		this.firstWait = firstWait;
		this.clock = clock;
	}

	/**
	 * Return what completes the run of the given call, which this instance does not know:
	 * it puts the call back.
	 * @throws UnrunnableCallException if the call's grace period is over: it is then kept
	 * as failed
	 */
	CompletionHandler<DurableCallData> putBack(Execution execution, UnknownCallException unknown) {
		Instant now = this.clock.instant();
		boolean first = execution.lastSuccess == null;
		Instant since = first ? now : execution.lastSuccess;
		Instant until = since.plus(this.grace);
		String id = execution.taskInstance.getId();
		if (!now.isBefore(until)) {
			throw new UnrunnableCallException(unknown.getMessage() + ", and no instance that knows it ran it within "
					+ "threadmethod.durable.unknown-call-grace (" + this.grace + ") of " + since);
		}
		Instant next = min(now.plus(wait(Duration.between(since, now))), until);
		if (first) {
			logger.info("Durable @FireAndForget call '" + id + "' cannot run on this instance: " + unknown.getMessage()
					+ ". It is put back, not as an attempt, for an instance of the version that knows it; one of this "
					+ "version tries it again at " + next + ", and keeps it as failed if no instance has run it by "
					+ until + " (threadmethod.durable.unknown-call-grace)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Durable @FireAndForget call '" + id + "' put back again until " + next + ": "
					+ unknown.getMessage());
		}
		return (complete, operations) -> operations
			.reschedule(ExecutionComplete.success(complete.getExecution(), since, since), next);
	}

	/**
	 * Return how long to put back a call that has waited the given time: as long again,
	 * at least the first wait and at most {@link #MAX_WAIT}.
	 */
	private Duration wait(Duration waited) {
		Duration wait = (waited.compareTo(this.firstWait) > 0) ? waited : this.firstWait;
		return (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
	}

	private static Instant min(Instant first, Instant second) {
		return first.isBefore(second) ? first : second;
	}

}

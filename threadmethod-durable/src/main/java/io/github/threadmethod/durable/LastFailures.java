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

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import io.github.threadmethod.durable.DurableCalls.LastFailure;
import io.github.threadmethod.durable.DurableRetryPolicy.FailedAttempt;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps what the last failed attempt at a stored call failed with in the call's own data,
 * which the scheduler writes back as it reschedules the call after the failure.
 * <p>
 * db-scheduler's table has no column for it. The call's data, rather than a table of our
 * own beside db-scheduler's: it is written in the same update that reschedules the call
 * (no second write that could fail alone, and no new table for an application's schema
 * tools to create), it goes when the call goes (run, or given up), and every instance
 * reads it with the call. The cost, one rewrite of the data per failed attempt, is paid
 * only on failure. The {@link StoredCallFormat} cuts the class name and the message to a
 * bounded length, so a long message never bloats the row.
 *
 * @author threadmethod contributors
 */
final class LastFailures {

	private static final Log logger = LogFactory.getLog(LastFailures.class);

	private final StoredCallFormat format;

	LastFailures(StoredCallFormat format) {
		this.format = format;
	}

	/**
	 * Return the data of the given failed or dead execution with what it failed with
	 * written in, or {@code null} to keep its data as it is: it has none, or none that is
	 * a stored call of this version, or it could not be rewritten.
	 */
	@Nullable DurableCallData record(ExecutionComplete failed) {
		try {
			if (!(failed.getExecution().taskInstance.getData() instanceof DurableCallData data)) {
				return null;
			}
			byte[] json = this.format.withLastFailure(data.json(), lastFailure(failed));
			return (json != null) ? new DurableCallData(json) : null;
		}
		catch (RuntimeException ex) {
			// Never worth failing the reschedule for: the call would stay picked
			logger.warn("What durable @FireAndForget call '" + failed.getExecution().taskInstance.getId()
					+ "' failed with could not be kept with it", ex);
			return null;
		}
	}

	/**
	 * Return what the given execution failed with: what its body threw, or what kept the
	 * body from running; a dead execution threw nothing, its instance stopped.
	 */
	static LastFailure lastFailure(ExecutionComplete failed) {
		Throwable cause = failed.getCause().orElse(null);
		if (cause instanceof FailedAttempt attempt && attempt.getCause() != null) {
			cause = attempt.getCause();
		}
		if (cause == null) {
			return new LastFailure(failed.getTimeDone(), null, "its run on instance '" + failed.getExecution().pickedBy
					+ "' stopped without ending: the instance died or shut down first");
		}
		return new LastFailure(failed.getTimeDone(), cause.getClass().getName(), cause.getMessage());
	}

}

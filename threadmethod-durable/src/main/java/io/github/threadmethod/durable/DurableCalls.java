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

import org.jspecify.annotations.Nullable;

/**
 * The stored calls of the durable mode, as an application sees and handles them: the
 * calls of a task that are failed, waiting or running, and the actions an operator takes
 * on them once the cause of a failure is fixed: run a call again now, run every failed
 * call of a task again, or give a call up. It acts on db-scheduler's table, shared by
 * every instance of the application. The {@code threadmethodcalls} actuator endpoint
 * offers the same over HTTP; inject this bean to build a screen of your own.
 *
 * <pre class="code">
 * for (DurableCalls.StoredCall call : durableCalls.list("Mailer.send", 20)) {
 *     if (call.status() == DurableCalls.Status.FAILED) {
 *         durableCalls.runAgain(call.id());
 *     }
 * }
 * </pre>
 *
 * Every action is logged at {@code INFO}, with the call's id, by the logger of this type.
 * An action on a call that an instance runs at that moment is refused: it cannot be
 * changed under the run.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface DurableCalls {

	/**
	 * List the stored calls of the given task: the failed ones first, the most recently
	 * failed first, then the others by when they run next. A call that has run is not
	 * stored any more, so it is not listed. Calls of a task that this version of the
	 * application no longer has are listed too, by their task's name.
	 * @param taskName the name of the task
	 * @param limit the most calls to list
	 * @return the calls, at most {@code limit}
	 * @throws NoSuchElementException if the task is not in the durable mode here and has
	 * no stored call
	 * @throws IllegalArgumentException if the limit is not positive
	 */
	List<StoredCall> list(String taskName, int limit);

	/**
	 * Run the stored call of the given id again, now: a failed call, or one waiting for
	 * its next attempt. It runs on whichever instance picks it first, with its attempts
	 * anew: if it fails, it is retried as a new call would be, then kept as failed again.
	 * Its last failure stays listed until its next attempt ends.
	 * @param id the call's id
	 * @throws NoSuchElementException if no call of that id is stored (it ran, was given
	 * up, or never existed)
	 * @throws IllegalStateException if an instance runs the call now
	 */
	void runAgain(String id);

	/**
	 * Run every failed call of the given task again, now, as {@link #runAgain(String)}
	 * does for one. A call that runs, or is no longer stored, by then is left as it is.
	 * @param taskName the name of the task
	 * @return how many calls will run again
	 * @throws NoSuchElementException if the task is not in the durable mode here and has
	 * no stored call
	 */
	int runFailedAgain(String taskName);

	/**
	 * Give the stored call of the given id up: delete it, so that it never runs. A failed
	 * call or one waiting to run may be given up.
	 * @param id the call's id
	 * @throws NoSuchElementException if no call of that id is stored (it ran, was given
	 * up, or never existed)
	 * @throws IllegalStateException if an instance runs the call now
	 */
	void giveUp(String id);

	/**
	 * Where a stored call stands.
	 */
	enum Status {

		/**
		 * Waiting to run: for its first attempt, or for its next one after a failure.
		 */
		WAITING,

		/**
		 * Running now, on one instance.
		 */
		RUNNING,

		/**
		 * Kept as failed, after its last attempt or because this version of the
		 * application cannot run it: it is not tried again unless it is run again.
		 */
		FAILED

	}

	/**
	 * A stored call, as listed.
	 *
	 * @param id the call's id, the same on every attempt (db-scheduler's
	 * {@code task_instance}, and {@link DurableCall#getId()} in its body)
	 * @param task the name of its task
	 * @param status where it stands
	 * @param attempts how many attempts it has had since it was stored or last run again,
	 * the one running now included
	 * @param storedAt when it was stored, or {@code null} if its data does not say
	 * @param nextRunAt when it runs next, if it is waiting
	 * @param lastFailure what its last failed attempt failed with, or {@code null} if no
	 * attempt failed
	 */
	record StoredCall(String id, String task, Status status, int attempts, @Nullable Instant storedAt,
			@Nullable Instant nextRunAt, @Nullable LastFailure lastFailure) {

	}

	/**
	 * What the last failed attempt at a stored call failed with, as stored with the call
	 * when the attempt failed: the class and the message of what was thrown, each cut to
	 * a bounded length.
	 *
	 * @param at when the attempt failed: when the call was last tried
	 * @param type the class name of what the attempt threw, or {@code null} when it threw
	 * nothing (its instance stopped before it ended)
	 * @param message the message, or {@code null} if there was none
	 */
	record LastFailure(Instant at, @Nullable String type, @Nullable String message) {

	}

}

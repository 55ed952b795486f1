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

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.support.CurrentCall;
import org.jspecify.annotations.Nullable;

/**
 * The durable call being run on the current thread: its stable id, the same on every
 * attempt, and which attempt this is. Read it in the body of a
 * {@link io.github.threadmethod.FireAndForget @FireAndForget} method whose task is in the
 * durable mode, or in the {@link io.github.threadmethod.FireAndForgetExceptionHandler}
 * that hears of its failure, to make the body idempotent (a call runs at least once:
 * twice, if an instance dies after the body did its work and before the call was marked
 * done) or to tell the last failure from one that will be retried.
 * <p>
 * The same body runs in the other modes too, in tests above all
 * ({@code threadmethod.mode=synchronous}): there each call gets an id of its own when its
 * body first asks, of the same form as a stored call's and the same for the rest of that
 * call, and is attempt 1 of 1, since nothing retries it.
 *
 * <pre class="code">
 * &#64;FireAndForget
 * public void sendReceipt(String orderId) {
 *     DurableCall call = DurableCall.current();
 *     if (sentReceipts.existsById(call.getId())) {
 *         return; // an earlier attempt sent it
 *     }
 *     mail.send(...);
 *     sentReceipts.save(new SentReceipt(call.getId()));
 * }
 * </pre>
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableCall {

	private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

	// The ids given to the calls of other modes run on this thread, by call: weakly held,
	// so that a call that has ended takes its id with it
	private static final ThreadLocal<Map<RunningCall, DurableCall>> UNSTORED = ThreadLocal
		.withInitial(WeakHashMap::new);

	private final String id;

	private final String taskName;

	private final int attempt;

	private final int maxAttempts;

	private final boolean stored;

	/**
	 * Create an attempt at a stored call.
	 */
	DurableCall(String id, String taskName, int attempt, int maxAttempts) {
		this(id, taskName, attempt, maxAttempts, true);
	}

	private DurableCall(String id, String taskName, int attempt, int maxAttempts, boolean stored) {
		this.id = id;
		this.taskName = taskName;
		this.attempt = attempt;
		this.maxAttempts = maxAttempts;
		this.stored = stored;
	}

	/**
	 * Return the call being run on this thread: in its body and in the exception handler
	 * that hears of its failure. For a call of another mode (thread, synchronous), see
	 * the {@linkplain DurableCall class description}.
	 * @return the call, or {@code null} outside the body of a
	 * {@link io.github.threadmethod.FireAndForget @FireAndForget} call
	 */
	public static @Nullable DurableCall current() {
		Current current = CURRENT.get();
		if (current != null) {
			// Not in a call that its body makes on this thread, synchronously
			RunningCall running = current.runner().currentCall();
			DurableCall call = current.call();
			if (running == null || running.getTask().getName().equals(call.taskName)) {
				return call;
			}
		}
		RunningCall running = CurrentCall.get();
		return (running != null) ? UNSTORED.get().computeIfAbsent(running, DurableCall::unstored) : null;
	}

	private static DurableCall unstored(RunningCall running) {
		String taskName = running.getTask().getName();
		return new DurableCall(StoredCallIds.newId(taskName), taskName, 1, 1, false);
	}

	/**
	 * Run the given code with the given call current on this thread, while the given
	 * runner runs it.
	 */
	static <T> T runAs(DurableCall call, StoredCallRunner runner, Supplier<T> code) {
		Current previous = CURRENT.get();
		CURRENT.set(new Current(call, runner));
		try {
			return code.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * Return the id of the call, given when it was stored and the same on every attempt.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the name of the call's task.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * Return which attempt this is, from 1: one more than the failures db-scheduler has
	 * recorded for the call ({@code consecutive_failures}).
	 * <p>
	 * A run that never ended counts as a failure too: when the instance running a call
	 * dies or shuts down before it finishes, another instance revives the call once the
	 * first one's heartbeats have stopped ({@code db-scheduler.missed-heartbeats-limit}
	 * times {@code db-scheduler.heartbeat-interval}), and db-scheduler records the dead
	 * run as a failure as it revives it. The revived run is therefore the next attempt,
	 * with the same {@linkplain #getId() id}, and may find some or all of the earlier
	 * run's work done. A revival comes at once, without the back-off, and only while the
	 * call has attempts left: a call whose last attempt died with its instance is kept as
	 * failed, so a call that kills its JVM on every run is not revived for ever.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Return how many attempts the call gets: one and its retries, at most
	 * {@link Integer#MAX_VALUE}.
	 * @return the attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return whether the call is stored, in the durable mode: tried again after a failure
	 * while it has attempts left, and revived on another instance if its own dies. A call
	 * of another mode is run once, and its id is this call's only.
	 * @return whether the call is stored
	 */
	public boolean isStored() {
		return this.stored;
	}

	/**
	 * Return whether this is the call's last attempt: if it fails, the call is not tried
	 * again, and stays in the table as failed.
	 * @return whether this is the last attempt
	 */
	public boolean isLastAttempt() {
		return this.attempt >= this.maxAttempts;
	}

	@Override
	public String toString() {
		return "DurableCall " + this.id + " of task '" + this.taskName + "' (attempt " + this.attempt + " of "
				+ this.maxAttempts + ")";
	}

	/**
	 * The durable call of this thread, and the runner that runs it, which tells it from a
	 * call its body makes.
	 */
	private record Current(DurableCall call, StoredCallRunner runner) {

	}

}

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
package io.github.threadmethod;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The account of {@link FireAndForget @FireAndForget} calls: the ones running now, and
 * totals per task since start-up. It is kept above the backends, so it counts every call
 * whatever runs its body. Shutdown, the actuator endpoint, metrics and tests read it.
 *
 * <p>
 * In a test, inject it and wait for the calls your code made instead of sleeping:
 *
 * <pre class="code">
 * orderService.place(order);                      // calls a @FireAndForget method
 * calls.awaitIdle(Duration.ofSeconds(5));         // every call in flight has finished
 * assertThat(calls.getTotals("ReceiptService.send").completed()).isEqualTo(1);
 * </pre>
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface FireAndForgetCalls {

	/**
	 * Return the calls taken and not yet finished, longest-running first: those whose
	 * body runs now, and those handed to their backend whose body has not started yet.
	 * @return a snapshot of the running calls
	 */
	List<RunningCall> getRunning();

	/**
	 * Return the totals of every task known since start-up, by task name.
	 * @return a snapshot of the totals, sorted by task name
	 */
	Map<String, TaskTotals> getTotals();

	/**
	 * Return the totals of one task.
	 * @param taskName the task name
	 * @return a snapshot of the totals, all zero for a task never called
	 */
	TaskTotals getTotals(String taskName);

	/**
	 * Wait until no call is running. Once it returns, every call taken before it was
	 * called has finished, been accounted for, and given back its concurrency permits. A
	 * call made in a transaction that has not committed yet is not taken until it does,
	 * so it is not waited for.
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if calls are still running after the timeout, naming
	 * them
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	void awaitIdle(Duration timeout) throws InterruptedException;

	/**
	 * Wait until the calls of the given task that its backend stored to run later (the
	 * durable mode) have run: its store holds none of them waiting to run, running, or
	 * waiting to be tried again. A call kept as failed after its last attempt has run.
	 * For a test that uses the real store (H2, say) rather than the synchronous mode:
	 * <pre class="code">
	 * orderService.place(order);                                    // a durable call
	 * calls.awaitStoredCalls("ReceiptService.send", Duration.ofSeconds(10));
	 * assertThat(calls.getTotals("ReceiptService.send").completed()).isEqualTo(1);
	 * </pre> The store is read again each time a call ends here, and at least every
	 * {@code 50ms}. It counts the calls of every instance that shares it; a call stored
	 * within a transaction not yet committed is not there yet. For a task whose backend
	 * stores no calls, it waits until no call of the task runs here.
	 * @param taskName the task name
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if calls of the task are still to run after the
	 * timeout, saying how many
	 * @throws InterruptedException if the waiting thread is interrupted
	 * @since 0.1.0
	 */
	void awaitStoredCalls(String taskName, Duration timeout) throws InterruptedException;

	/**
	 * What has happened to the calls of one task since start-up, in this JVM. A snapshot
	 * read so that it never shows more calls finished than started.
	 * <p>
	 * A call that its backend stores to run elsewhere (the durable mode) counts as
	 * {@code stored} where it is made; each run of a stored call counts as started, and
	 * then completed or failed, on the instance that runs it (one per attempt: a call
	 * tried three times counts three times started).
	 *
	 * @param started calls whose body started
	 * @param completed calls whose body returned
	 * @param failed calls whose body threw, or whose context could not be set up on the
	 * call's thread
	 * @param rejected calls that never ran: a limit, a shutdown, or a backend that could
	 * not take them
	 * @param running calls taken and not yet finished
	 * @param stored calls that their backend stored to run elsewhere, and handed over;
	 * one stored with its caller's transaction counts once that transaction commits, and
	 * not at all if it rolls back
	 * @param discarded calls that were to start when the transaction they were made in
	 * committed, and that it rolled back instead: they never ran
	 * @param deduplicated calls not started because a call of the task with the same key
	 * was still waiting or running, under the task's {@link KeyPolicy#UNIQUE key policy}
	 */
	record TaskTotals(long started, long completed, long failed, long rejected, long running, long stored,
			long discarded, long deduplicated) {

		/**
		 * Create the totals of a task none of whose calls was discarded or deduplicated.
		 * @param started calls whose body started
		 * @param completed calls whose body returned
		 * @param failed calls whose body threw, or whose context could not be set up
		 * @param rejected calls that never ran
		 * @param running calls taken and not yet finished
		 * @param stored calls that their backend stored to run elsewhere
		 */
		public TaskTotals(long started, long completed, long failed, long rejected, long running, long stored) {
			this(started, completed, failed, rejected, running, stored, 0, 0);
		}

		/**
		 * Return how many calls have finished, returned or thrown.
		 * @return the number of finished calls
		 */
		public long finished() {
			return this.completed + this.failed;
		}

	}

}

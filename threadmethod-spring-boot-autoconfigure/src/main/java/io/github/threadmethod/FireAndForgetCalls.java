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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The account of {@link FireAndForget @FireAndForget} calls: the ones running now, and
 * totals per task since start-up. The launcher keeps it; shutdown, the actuator endpoint,
 * metrics and tests read it.
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
 */
public class FireAndForgetCalls {

	private static final Log logger = LogFactory.getLog(FireAndForgetCalls.class);

	private final Set<RunningCall> running = ConcurrentHashMap.newKeySet();

	private final Map<String, Counters> counters = new ConcurrentHashMap<>();

	private final List<CallListener> listeners = new CopyOnWriteArrayList<>();

	// A lock rather than a monitor, so that a virtual thread signalling it is not pinned
	private final Lock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	/**
	 * Return the calls running now, longest-running first.
	 * @return a snapshot of the running calls
	 */
	public List<RunningCall> getRunning() {
		return this.running.stream().sorted(Comparator.comparingLong(RunningCall::getStartNanos)).toList();
	}

	/**
	 * Return the totals of every task called since start-up, by task name.
	 * @return a snapshot of the totals, sorted by task name
	 */
	public Map<String, TaskTotals> getTotals() {
		return this.counters.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().totals(), (a, b) -> a,
					TreeMap::new));
	}

	/**
	 * Return the totals of one task.
	 * @param taskName the task name
	 * @return a snapshot of the totals, all zero for a task never called
	 */
	public TaskTotals getTotals(String taskName) {
		Counters taskCounters = this.counters.get(taskName);
		return (taskCounters != null) ? taskCounters.totals() : new TaskTotals(0, 0, 0, 0, 0);
	}

	/**
	 * Wait until no call is running.
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if calls are still running after the timeout, naming
	 * them
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public void awaitIdle(Duration timeout) throws InterruptedException {
		if (!waitForIdle(timeout)) {
			throw new IllegalStateException("@FireAndForget calls still running after waiting " + timeout.toMillis()
					+ "ms: " + describeRunning());
		}
	}

	/**
	 * Wait until no call is running, or the timeout has passed.
	 * @param timeout how long to wait at most
	 * @return {@code true} if no call is running
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean waitForIdle(Duration timeout) throws InterruptedException {
		Assert.notNull(timeout, "Timeout must not be null");
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (!this.running.isEmpty()) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.idle.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	String describeRunning() {
		return getRunning().stream().map(RunningCall::toString).collect(Collectors.joining(", "));
	}

	int runningCount() {
		return this.running.size();
	}

	void addListener(CallListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Return the counters of the given task, shared by every task of the same name.
	 */
	Counters countersFor(FireAndForgetTask task) {
		return this.counters.computeIfAbsent(task.getName(), (name) -> new Counters());
	}

	/**
	 * Account for a call whose thread is about to start. Registered before the start, so
	 * that a shutdown that begins now sees it.
	 */
	RunningCall register(FireAndForgetTask task, Thread thread, Counters taskCounters) {
		RunningCall call = new RunningCall(task, thread, System.nanoTime());
		this.running.add(call);
		taskCounters.running.increment();
		return call;
	}

	void started(RunningCall call, Counters taskCounters) {
		taskCounters.started.increment();
		notifyListeners((listener) -> listener.callStarted(call));
	}

	/**
	 * Account for a call that was registered but whose thread never ran its body.
	 */
	void withdrawn(RunningCall call, Counters taskCounters, CallListener.Rejection reason) {
		remove(call, taskCounters);
		rejected(call.getTask(), taskCounters, reason);
	}

	void rejected(FireAndForgetTask task, Counters taskCounters, CallListener.Rejection reason) {
		taskCounters.rejected.increment();
		notifyListeners((listener) -> listener.callRejected(task, reason));
	}

	void finished(RunningCall call, Counters taskCounters, @Nullable Throwable failure) {
		long duration = System.nanoTime() - call.getStartNanos();
		((failure != null) ? taskCounters.failed : taskCounters.completed).increment();
		try {
			notifyListeners((listener) -> listener.callFinished(call, duration, failure));
		}
		finally {
			remove(call, taskCounters);
		}
	}

	/**
	 * Tell every listener, none of which may stop the account or reach the caller.
	 */
	private void notifyListeners(Consumer<CallListener> event) {
		for (CallListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener of @FireAndForget calls failed", ex);
			}
		}
	}

	private void remove(RunningCall call, Counters taskCounters) {
		this.running.remove(call);
		taskCounters.running.decrement();
		if (this.running.isEmpty()) {
			this.lock.lock();
			try {
				this.idle.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * What has happened to the calls of one task since start-up.
	 *
	 * @param started calls whose thread started
	 * @param completed calls whose body returned
	 * @param failed calls whose body threw
	 * @param rejected calls that never ran: a limit, a shutdown or no thread
	 * @param running calls running now
	 */
	public record TaskTotals(long started, long completed, long failed, long rejected, long running) {

		/**
		 * Return how many calls have finished, returned or thrown.
		 * @return the number of finished calls
		 */
		public long finished() {
			return this.completed + this.failed;
		}

	}

	/**
	 * The live counters of one task.
	 */
	static final class Counters {

		final LongAdder started = new LongAdder();

		final LongAdder completed = new LongAdder();

		final LongAdder failed = new LongAdder();

		final LongAdder rejected = new LongAdder();

		final LongAdder running = new LongAdder();

		TaskTotals totals() {
			return new TaskTotals(this.started.sum(), this.completed.sum(), this.failed.sum(), this.rejected.sum(),
					this.running.sum());
		}

	}

}

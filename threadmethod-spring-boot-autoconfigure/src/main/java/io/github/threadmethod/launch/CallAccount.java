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
package io.github.threadmethod.launch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.launch.CallListener.Rejection;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The account of calls that the launcher keeps: each call is registered when it is taken,
 * counted started when its body starts, and leaves in two steps, finished (the counters
 * and the running calls no longer show it) and then settled (its permits are back), so
 * that the calls holding a slot never show more than a limit allows, and a caller that
 * has waited for idle finds every slot free. Calls that a limit's {@code caller-runs}
 * policy runs on their caller are counted running too, but hold no slot.
 *
 * @author threadmethod contributors
 */
final class CallAccount implements FireAndForgetCalls {

	// How often awaitStoredCalls reads the store at least: a stored call leaves its
	// store after its run has ended here, with no event to tell of it
	private static final long STORE_POLL_NANOS = Duration.ofMillis(50).toNanos();

	private final Set<LaunchedCall> running = ConcurrentHashMap.newKeySet();

	// By task name: every task the launcher knows, from its registration or first call
	private final Map<String, TaskCounters> counters = new ConcurrentHashMap<>(64);

	// Read by every call, replaced when one is added: an array, which the loops over it
	// read without allocating an iterator
	private volatile CallListener[] listeners = new CallListener[0];

	private final Set<CallListener> failedListeners = ConcurrentHashMap.newKeySet();

	// Registered calls not yet settled: what waiting for idle waits for
	private final AtomicInteger unsettled = new AtomicInteger();

	// A lock rather than a monitor, so that a virtual thread signalling it is not pinned
	private final ReentrantLock lock = new ReentrantLock();

	private final Condition settled = this.lock.newCondition();

	// Changed under the lock only; read without it by settled()
	private volatile int waiters;

	private final Function<String, @Nullable StoredCalls> stores;

	/**
	 * Create an account that reads the stored calls of a task from the given stores.
	 * @param stores the store of each task's calls, by task name, or {@code null} for a
	 * task whose backend stores none
	 */
	CallAccount(Function<String, @Nullable StoredCalls> stores) {
		this.stores = stores;
	}

	@Override
	public List<RunningCall> getRunning() {
		return this.running.stream()
			.sorted(Comparator.comparingLong(LaunchedCall::getStartNanos))
			.collect(Collectors.toUnmodifiableList());
	}

	@Override
	public Map<String, TaskTotals> getTotals() {
		Map<String, TaskTotals> totals = new TreeMap<>();
		this.counters.forEach((name, task) -> totals.put(name, task.totals()));
		return totals;
	}

	@Override
	public TaskTotals getTotals(String taskName) {
		TaskCounters counters = this.counters.get(taskName);
		return (counters != null) ? counters.totals() : new TaskTotals(0, 0, 0, 0, 0, 0);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Called from the body of a call, it does not wait for that call, which cannot finish
	 * while its body waits.
	 */
	@Override
	public void awaitIdle(Duration timeout) throws InterruptedException {
		Set<LaunchedCall> leftOut = callsOn(Thread.currentThread());
		if (!awaitSettled(timeout, leftOut)) {
			throw new IllegalStateException("@FireAndForget calls still running after waiting " + timeout.toMillis()
					+ "ms: " + describe(leftOut));
		}
	}

	@Override
	public void awaitStoredCalls(String taskName, Duration timeout) throws InterruptedException {
		Assert.notNull(taskName, "Task name must not be null");
		Assert.notNull(timeout, "Timeout must not be null");
		StoredCalls store = this.stores.apply(taskName);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			// Not a call on this thread, which cannot end while it waits
			long runningHere = this.running.stream()
				.filter((call) -> call.getTask().getName().equals(taskName)
						&& call.getThread() != Thread.currentThread())
				.count();
			long stored = (store != null) ? pending(store, taskName) : 0;
			if (runningHere == 0 && stored == 0) {
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new IllegalStateException("@FireAndForget calls of task '" + taskName
						+ "' still to run after waiting " + timeout.toMillis() + "ms: " + stored
						+ " stored waiting, running or to be tried again, " + runningHere + " running here");
			}
			awaitCallEnd(Math.min(left, STORE_POLL_NANOS));
		}
	}

	private static long pending(StoredCalls store, String taskName) {
		StoredCalls.Counts counts = store.countByTask().get(taskName);
		return (counts != null) ? counts.pending() : 0;
	}

	/**
	 * Wait until a call settles, or the given time has passed.
	 */
	private void awaitCallEnd(long nanos) throws InterruptedException {
		this.lock.lock();
		try {
			this.waiters++;
			try {
				this.settled.awaitNanos(nanos);
			}
			finally {
				this.waiters--;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the running calls whose body runs on the given thread.
	 */
	Set<LaunchedCall> callsOn(Thread thread) {
		return this.running.stream().filter((call) -> call.getThread() == thread).collect(Collectors.toSet());
	}

	/**
	 * Wait until every registered call has settled, but for the ones left out (which
	 * cannot settle while this thread waits), or the timeout has passed.
	 * @param timeout how long to wait at most
	 * @param leftOut the calls not to wait for
	 * @return {@code true} if no other call is running
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean awaitSettled(Duration timeout, Set<LaunchedCall> leftOut) throws InterruptedException {
		Assert.notNull(timeout, "Timeout must not be null");
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			this.waiters++;
			try {
				while (this.unsettled.get() > count(leftOut)) {
					if (nanos <= 0) {
						return false;
					}
					nanos = this.settled.awaitNanos(nanos);
				}
				return true;
			}
			finally {
				this.waiters--;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private long count(Set<LaunchedCall> leftOut) {
		if (leftOut.isEmpty()) {
			return 0;
		}
		return leftOut.stream().filter(this.running::contains).count();
	}

	/**
	 * Describe the running calls, but for the ones left out.
	 */
	String describe(Set<LaunchedCall> leftOut) {
		return this.running.stream()
			.filter((call) -> !leftOut.contains(call))
			.sorted(Comparator.comparingLong(LaunchedCall::getStartNanos))
			.map(LaunchedCall::toString)
			.collect(Collectors.joining(", "));
	}

	Set<LaunchedCall> running() {
		return this.running;
	}

	/**
	 * Return the counters of the given task, which the account lists from now on.
	 */
	TaskCounters countersOf(String taskName) {
		return this.counters.computeIfAbsent(taskName, (name) -> new TaskCounters());
	}

	synchronized void addListener(CallListener listener) {
		CallListener[] listeners = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		listeners[listeners.length - 1] = listener;
		this.listeners = listeners;
	}

	/**
	 * Account for a call that has been taken and is about to go to its backend, so that a
	 * shutdown that begins now waits for it.
	 */
	void register(LaunchedCall call) {
		this.unsettled.incrementAndGet();
		this.running.add(call);
		call.counters().running.increment();
	}

	void started(LaunchedCall call) {
		call.counters().started.increment();
		// A loop per event rather than one taking a lambda: no allocation per call
		for (CallListener listener : this.listeners) {
			try {
				listener.callStarted(call);
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	/**
	 * Account for the end of a call's body. Its permits are given back after this, and
	 * then it {@linkplain #settle settles}.
	 */
	void finished(LaunchedCall call, @Nullable Throwable failure) {
		TaskCounters taskCounters = call.counters();
		((failure != null) ? taskCounters.failed : taskCounters.completed).increment();
		long duration = System.nanoTime() - call.getBodyStartNanos();
		for (CallListener listener : this.listeners) {
			try {
				listener.callFinished(call, duration, failure);
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
		remove(call);
	}

	/**
	 * Account for a call that its backend stored to run elsewhere: it leaves without
	 * having started. Its permits are given back after this, and then it settles.
	 */
	void handedOver(LaunchedCall call) {
		remove(call);
	}

	/**
	 * Count a call handed over as stored, once its store keeps it: at once, or once the
	 * transaction it was stored with commits.
	 */
	void stored(LaunchedCall call) {
		call.counters().stored.increment();
		for (CallListener listener : this.listeners) {
			try {
				listener.callHandedOver(call.getTask());
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	/**
	 * Account for a call that was not taken, or that its backend did not store, because a
	 * call of the same key is still waiting or running.
	 */
	void deduplicated(FireAndForgetTask task, TaskCounters taskCounters) {
		taskCounters.deduplicated.increment();
		for (CallListener listener : this.listeners) {
			try {
				listener.callDeduplicated(task);
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	/**
	 * Account for a call that its backend deduplicated: it leaves without having started.
	 * Its permits are given back after this, and then it settles.
	 */
	void deduplicated(LaunchedCall call) {
		deduplicated(call.getTask(), call.counters());
		remove(call);
	}

	/**
	 * Account for a call that was registered but will never run: it leaves without having
	 * started. Its permits are given back after this, and then it settles.
	 */
	void withdrawn(LaunchedCall call) {
		remove(call);
	}

	/**
	 * Return how many calls of the given task were rejected for the given reason.
	 */
	long rejected(String taskName, Rejection reason) {
		TaskCounters counters = this.counters.get(taskName);
		return (counters != null) ? counters.rejected(reason).sum() : 0;
	}

	void rejected(FireAndForgetTask task, TaskCounters taskCounters, Rejection reason) {
		taskCounters.rejected(reason).increment();
		for (CallListener listener : this.listeners) {
			try {
				listener.callRejected(task, reason);
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	/**
	 * Account for a call that was to start when its caller's transaction committed, and
	 * that was discarded instead. It was never registered, so nothing settles.
	 */
	void discarded(FireAndForgetTask task, TaskCounters taskCounters) {
		taskCounters.discarded.increment();
		for (CallListener listener : this.listeners) {
			try {
				listener.callDiscarded(task);
			}
			catch (Throwable ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	/**
	 * The last step of every registered call, once its permits are back.
	 */
	void settle() {
		this.unsettled.decrementAndGet();
		if (this.waiters > 0) {
			this.lock.lock();
			try {
				this.settled.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private void remove(LaunchedCall call) {
		this.running.remove(call);
		call.counters().running.decrement();
	}

	/**
	 * Log the first failure of a listener with its stack, and later ones briefly, so that
	 * a listener broken for good (mismatched jars) does not flood the log. No listener
	 * failure, even an error, may stop the account or reach the caller.
	 */
	private void listenerFailed(CallListener listener, Throwable ex) {
		if (this.failedListeners.add(listener)) {
			Failures.log("Listener of @FireAndForget calls failed: " + listener
					+ " (its later failures are logged at DEBUG)", ex);
		}
		else if (Failures.logger.isDebugEnabled()) {
			Failures.logger
				.debug("Listener of @FireAndForget calls failed again: " + listener + ": " + Failures.summary(ex));
		}
	}

}

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
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.support.CurrentCall;
import io.micrometer.observation.Observation;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;

/**
 * One call as the launcher tracks it: the account's entry, the backend's
 * {@link FireAndForgetExecution}, and the guard that makes it run its body at most once.
 * Its body runs only if it claims the call first; the launcher runs nothing if it
 * withdraws the call first, a backend that stored the call elsewhere hands it over, and
 * one that holds a call of the same key deduplicates it, so a call is run, handed over,
 * deduplicated or rejected, exactly one of them, whatever a decorator or a backend does
 * with it. It reports each step to its {@link CallCompletion}.
 *
 * @author threadmethod contributors
 */
final class LaunchedCall implements FireAndForgetExecution, RunningCall {

	private static final int PENDING = 0;

	private static final int CLAIMED = 1;

	private static final int WITHDRAWN = 2;

	private static final int HANDED_OVER = 3;

	private static final int DEDUPLICATED = 4;

	private static final AtomicIntegerFieldUpdater<LaunchedCall> STATE = AtomicIntegerFieldUpdater
		.newUpdater(LaunchedCall.class, "state");

	private final CallCompletion completion;

	private final TaskRuntime runtime;

	private final FireAndForgetTask task;

	private final MethodInvocation invocation;

	private final boolean holdsPermits;

	private final @Nullable String key;

	private final @Nullable Observation parentObservation;

	private final long startNanos = System.nanoTime();

	// Cheaper than the identity hash a new object would compute on entering the account
	private final int hash = ThreadLocalRandom.current().nextInt();

	private volatile int state = PENDING;

	private volatile @Nullable Thread thread;

	// Written and read on the call's thread only
	private long bodyStartNanos;

	// Written on the caller's thread before the backend is handed the call; volatile so
	// that no backend needs to publish the call safely for it to be seen
	private volatile @Nullable Runnable decorated;

	private volatile boolean reportedSlow;

	// Written and read on the call's thread only: what the body, or what ran before it,
	// failed with
	private @Nullable Throwable failure;

	/**
	 * Take a call on its caller's thread.
	 */
	LaunchedCall(CallCompletion completion, TaskRuntime runtime, FireAndForgetTask task, MethodInvocation invocation,
			boolean holdsPermits, @Nullable String key) {
		this(completion, runtime, task, invocation, holdsPermits, key, completion.callerObservation());
	}

	/**
	 * Take a call whose caller's observation was read when the call was made, earlier.
	 */
	LaunchedCall(CallCompletion completion, TaskRuntime runtime, FireAndForgetTask task, MethodInvocation invocation,
			boolean holdsPermits, @Nullable String key, @Nullable Observation parentObservation) {
		this.completion = completion;
		this.runtime = runtime;
		this.task = task;
		this.invocation = invocation;
		this.holdsPermits = holdsPermits;
		this.key = key;
		this.parentObservation = parentObservation;
	}

	/**
	 * Let the given decorator capture the caller's context, on the caller's thread.
	 */
	void decorate(@Nullable TaskDecorator decorator) {
		if (decorator != null) {
			this.decorated = decorator.decorate(this::runBody);
		}
	}

	/**
	 * Run through the given capture of the caller's context, which a decorator made when
	 * the call was made, earlier, and which runs this call's {@linkplain #runBody()
	 * body}.
	 */
	void decorated(Runnable decorated) {
		this.decorated = decorated;
	}

	/**
	 * Run the call as its backend asks: the decorators, then the body. A decorator that
	 * fails before the body, or never runs it, fails the call instead, so that it is
	 * still handled, accounted for and its permits given back.
	 */
	@Override
	public void run() {
		Runnable decorated = this.decorated;
		if (decorated == null) {
			runBody();
			return;
		}
		Throwable decoratorFailure = null;
		try {
			decorated.run();
		}
		catch (Throwable ex) {
			decoratorFailure = ex;
		}
		if (claim()) {
			runClaimed((decoratorFailure != null) ? decoratorFailure : new IllegalStateException(
					"A TaskDecorator did not run the call of task '" + this.task.getName() + "'"));
		}
		else if (decoratorFailure != null && this.state == CLAIMED) {
			Failures.log(
					"TaskDecorator failed after the @FireAndForget call of task '" + this.task.getName() + "' had run",
					decoratorFailure);
		}
	}

	/**
	 * Run the body on this thread, if the call is still to run.
	 */
	void runBody() {
		if (claim()) {
			runClaimed(null);
		}
	}

	/**
	 * Run a call claimed on this thread: observed, counted started, its body run unless
	 * it has failed already, its failure handled within its observation, then ended.
	 */
	private void runClaimed(@Nullable Throwable failureBeforeBody) {
		// For what must tell this call from a call its body makes on the same thread (a
		// synchronous or caller-runs one)
		RunningCall outer = CurrentCall.enter(this);
		CallObservation observation = this.completion.observe(this);
		Throwable failure = failureBeforeBody;
		try {
			this.completion.started(this);
			if (failure == null) {
				this.invocation.proceed();
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		try {
			if (failure != null) {
				this.completion.handleFailure(failure, this);
			}
		}
		finally {
			this.failure = failure;
			observation.end(failure);
			CurrentCall.restore(outer);
			this.completion.finish(this, failure);
		}
	}

	@Override
	public boolean handOver() {
		if (!STATE.compareAndSet(this, PENDING, HANDED_OVER)) {
			return false;
		}
		this.completion.handedOver(this, true);
		return true;
	}

	@Override
	public @Nullable Runnable handOverUncommitted() {
		if (!STATE.compareAndSet(this, PENDING, HANDED_OVER)) {
			return null;
		}
		this.completion.handedOver(this, false);
		return () -> this.completion.stored(this);
	}

	@Override
	public boolean deduplicate() {
		if (!STATE.compareAndSet(this, PENDING, DEDUPLICATED)) {
			return false;
		}
		this.completion.deduplicated(this);
		return true;
	}

	private boolean claim() {
		if (STATE.compareAndSet(this, PENDING, CLAIMED)) {
			this.thread = Thread.currentThread();
			this.bodyStartNanos = System.nanoTime();
			return true;
		}
		return false;
	}

	/**
	 * Take the call back before it runs.
	 * @return {@code true} if its body has not run and now never will; {@code false} if
	 * it has run or is running
	 */
	boolean withdraw() {
		return STATE.compareAndSet(this, PENDING, WITHDRAWN);
	}

	/**
	 * Return what the call failed with, once it has run on this thread.
	 */
	@Nullable Throwable failure() {
		return this.failure;
	}

	TaskRuntime runtime() {
		return this.runtime;
	}

	CallCompletion completion() {
		return this.completion;
	}

	TaskCounters counters() {
		return this.runtime.counters();
	}

	boolean holdsPermits() {
		return this.holdsPermits;
	}

	@Nullable Observation getParentObservation() {
		return this.parentObservation;
	}

	long getStartNanos() {
		return this.startNanos;
	}

	long getBodyStartNanos() {
		return this.bodyStartNanos;
	}

	/**
	 * Mark the call as reported slow.
	 * @return whether this is the first time
	 */
	boolean markReportedSlow() {
		if (this.reportedSlow) {
			return false;
		}
		this.reportedSlow = true;
		return true;
	}

	@Override
	public FireAndForgetTask getTask() {
		return this.task;
	}

	@Override
	public Object[] getArguments() {
		return this.invocation.getArguments();
	}

	@Override
	public @Nullable String getKey() {
		return this.key;
	}

	@Override
	public @Nullable KeyPolicy getKeyPolicy() {
		return (this.key != null) ? this.runtime.settings().keyPolicy() : null;
	}

	@Override
	public @Nullable Thread getThread() {
		return this.thread;
	}

	@Override
	public Instant getStartedAt() {
		return Instant.now().minus(getRunningFor());
	}

	@Override
	public Duration getRunningFor() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		Thread thread = this.thread;
		String where = (thread != null) ? " on thread '" + thread.getName() + "'" : " (not started yet)";
		String key = (this.key != null) ? " with key '" + this.key + "'" : "";
		return this.task.getName() + key + where + " for " + getRunningFor().toMillis() + "ms";
	}

}

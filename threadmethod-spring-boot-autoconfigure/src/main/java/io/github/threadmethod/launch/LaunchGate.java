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

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallListener.Rejection;
import org.jspecify.annotations.Nullable;

/**
 * Whether a launcher takes calls, and the shutdown that stops it: the gate closes to new
 * callers, the permits close so that the callers waiting for a slot are woken and turned
 * away, and the running calls are drained, up to the shutdown timeout. Opening it again,
 * when a stopped context starts, undoes all but the drain. The slow-call watchdog runs
 * while the gate is open.
 *
 * @author threadmethod contributors
 */
final class LaunchGate {

	private final TaskRuntimes runtimes;

	private final CallAccount account;

	private final @Nullable SlowCallWatchdog slowCallWatchdog;

	private volatile State state = State.OPEN;

	// Whether the application context is closing, which makes a stop final
	private volatile boolean closing;

	LaunchGate(TaskRuntimes runtimes, CallAccount account) {
		this.runtimes = runtimes;
		this.account = account;
		LaunchSettings settings = runtimes.settings();
		this.slowCallWatchdog = settings.slowCallThreshold().isZero() ? null
				: new SlowCallWatchdog(account, settings.slowCallThreshold());
	}

	/**
	 * Let a call of the given task pass, if calls are taken.
	 * @throws CallRejectedException if they are not
	 */
	void check(FireAndForgetTask task) {
		State state = this.state;
		if (state != State.OPEN) {
			throw rejection(task, state);
		}
	}

	/**
	 * Return the rejection to throw to a caller that was turned away while it waited for
	 * a slot: one woken by a shutdown is told why, as a caller arriving now is.
	 */
	CallRejectedException explain(FireAndForgetTask task, CallRejectedException ex) {
		State state = this.state;
		return (ex.getReason() == Rejection.SHUTDOWN && state != State.OPEN) ? rejection(task, state) : ex;
	}

	private static CallRejectedException rejection(FireAndForgetTask task, State state) {
		return new CallRejectedException(Rejection.SHUTDOWN,
				"@FireAndForget call of task '" + task.getName() + "' rejected: " + state.reason);
	}

	/**
	 * Take calls again after a stop, with every limit open, and start the slow-call
	 * watchdog.
	 */
	void open() {
		if (this.state != State.OPEN) {
			this.state = State.OPEN;
			this.runtimes.openPermits();
		}
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.start();
		}
	}

	/**
	 * Note that the application context is closing: its lifecycle beans are about to be
	 * stopped for good.
	 */
	void contextClosing() {
		this.closing = true;
	}

	/**
	 * Stop taking calls until {@link #open()}, or for good if the context is closing, and
	 * drain the running ones.
	 */
	void stop() {
		shutDown(this.closing ? State.CLOSED : State.STOPPED);
	}

	/**
	 * Stop taking calls for good, and drain the running ones, or those that a stop's
	 * drain left running.
	 */
	void close() {
		this.closing = true;
		shutDown(State.CLOSED);
	}

	private void shutDown(State state) {
		State previous = this.state;
		this.state = state;
		// Closing after a stop waits again, for what the stop's wait left running
		if (previous == State.OPEN || (previous == State.STOPPED && state == State.CLOSED)) {
			this.runtimes.closePermits();
			new Drain(this.account, this.runtimes.settings().shutdownTimeout()).run();
		}
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.stop();
		}
	}

	/**
	 * Whether the launcher takes calls and, if not, why.
	 */
	private enum State {

		OPEN(""),

		STOPPED("the application context is stopped; calls are taken again once it is started"),

		CLOSED("the application is shutting down");

		private final String reason;

		State(String reason) {
			this.reason = reason;
		}

	}

}

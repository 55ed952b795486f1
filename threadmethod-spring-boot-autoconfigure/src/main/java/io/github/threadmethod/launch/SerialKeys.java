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

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The turns of one task's calls under the {@link io.github.threadmethod.KeyPolicy#SERIAL
 * serial} key policy: for each key that has a call waiting or running, the call whose
 * turn it is, and the calls queued behind it in the order they were taken.
 *
 * <p>
 * A call whose key has no call before it goes to its backend at once. The others wait in
 * the queue, taken (in the account, so that a shutdown waits for them; with their slots
 * of the limits, so that a limit caps them too) but holding no thread: when the call
 * whose turn it is ends, whichever way, the next one is handed to its backend on the
 * thread where that call ended. A backend that runs calls on that thread (the synchronous
 * one, or a limit's {@code caller-runs} policy) runs the queue there one call after
 * another, never nested.
 *
 * @author threadmethod contributors
 */
final class SerialKeys {

	// The calls this thread is handing on, while it is doing so: those that come due
	// meanwhile wait here rather than nest
	private static final ThreadLocal<ArrayDeque<LaunchedCall>> handingOn = new ThreadLocal<>();

	private final Map<String, Turns> byKey = new ConcurrentHashMap<>(64);

	/**
	 * Give the given call the turn of its key, or queue it behind the call whose turn it
	 * is. Called once the call is taken and decorated, before its backend is handed it.
	 * @return {@code true} if it is the call's turn, and it goes to its backend now;
	 * {@code false} if it is queued, and goes there when its turn comes
	 */
	boolean enter(LaunchedCall call) {
		Turns turns = this.byKey.compute(key(call), (key, existing) -> {
			if (existing == null) {
				return new Turns(call);
			}
			existing.queue(call);
			return existing;
		});
		// Made for this call, or queued: decided within the compute, not read after it
		return turns.openedBy == call;
	}

	/**
	 * Note that the given call has ended, and hand the next call of its key, if any, to
	 * its backend. A call that did not have the turn of its key (one withdrawn before it
	 * entered) changes nothing.
	 */
	void leave(LaunchedCall call) {
		LaunchedCall[] next = new LaunchedCall[1];
		this.byKey.computeIfPresent(key(call), (key, turns) -> {
			if (turns.current != call) {
				return turns;
			}
			next[0] = turns.pass();
			return (next[0] != null) ? turns : null;
		});
		if (next[0] != null) {
			handOn(next[0]);
		}
	}

	private static String key(LaunchedCall call) {
		String key = call.getKey();
		if (key == null) {
			throw new IllegalStateException("A call without a key has no turn");
		}
		return key;
	}

	/**
	 * Hand a call whose turn has come to its backend, on this thread; or, if this thread
	 * is handing calls on already (a backend ran the last one here, and it has just
	 * ended), once the one in hand is done.
	 */
	private static void handOn(LaunchedCall call) {
		ArrayDeque<LaunchedCall> pending = handingOn.get();
		if (pending != null) {
			pending.add(call);
			return;
		}
		pending = new ArrayDeque<>();
		handingOn.set(pending);
		try {
			for (LaunchedCall next = call; next != null; next = pending.poll()) {
				start(next);
			}
		}
		finally {
			handingOn.remove();
		}
	}

	/**
	 * Start a call whose turn has come. Its caller has long returned: a backend that
	 * cannot take it has it rejected to the exception handler, and the turn passes on.
	 */
	private static void start(LaunchedCall call) {
		try {
			if (call.holdsPermits()) {
				call.runtime().backend().execute(call);
			}
			else {
				// Over a limit whose policy ran it on its caller's thread: its turn came
				// on this one, where it runs, decorated, and starts no thread
				call.run();
			}
		}
		catch (Throwable ex) {
			call.completion().notStarted(call, ex);
		}
	}

	/**
	 * The call whose turn it is for one key, and those queued behind it.
	 */
	private static final class Turns {

		private final LaunchedCall openedBy;

		private LaunchedCall current;

		private @Nullable ArrayDeque<LaunchedCall> queued;

		Turns(LaunchedCall call) {
			this.openedBy = call;
			this.current = call;
		}

		void queue(LaunchedCall call) {
			if (this.queued == null) {
				this.queued = new ArrayDeque<>();
			}
			this.queued.add(call);
		}

		/**
		 * Pass the turn to the next call queued.
		 * @return that call, or {@code null} if none is queued
		 */
		@Nullable LaunchedCall pass() {
			LaunchedCall next = (this.queued != null) ? this.queued.poll() : null;
			if (next != null) {
				this.current = next;
			}
			return next;
		}

	}

}

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

import io.github.threadmethod.FireAndForgetBackend;
import org.jspecify.annotations.Nullable;

/**
 * Everything the launcher needs at each call of one task, worked out at its first: the
 * one piece of per-task state, shared by every task of the same name.
 *
 * @param settings the task's settings, defaults applied
 * @param backend the backend that runs its calls
 * @param permits the slots its calls need
 * @param counters its counters in the account
 * @param uniqueKeys the keys of its calls in this JVM, under the unique key policy, or
 * {@code null}
 * @param serialKeys the turns of its calls, under the serial key policy, or {@code null}
 * @author threadmethod contributors
 */
record TaskRuntime(TaskSettings settings, FireAndForgetBackend backend, TaskPermits permits, TaskCounters counters,
		@Nullable UniqueKeys uniqueKeys, @Nullable SerialKeys serialKeys) {

	/**
	 * Hold the given key for a call about to take its slots.
	 * @return {@code false} if a call of the same key is waiting or running, under the
	 * unique key policy, and the call is not to be started; otherwise {@code true}
	 */
	boolean hold(String key) {
		return this.uniqueKeys == null || this.uniqueKeys.hold(key);
	}

	/**
	 * Let go of the key held for a call that was not taken after all.
	 */
	void release(String key) {
		if (this.uniqueKeys != null) {
			this.uniqueKeys.release(key);
		}
	}

	/**
	 * Return whether the calls of the given key wait their turn.
	 */
	boolean takesTurns(@Nullable String key) {
		return key != null && this.serialKeys != null;
	}

	/**
	 * Give a call that is taken, and about to go to its backend, the turn of its key.
	 * @return {@code false} if it is queued behind a call of its key, which hands it on
	 * when it ends; {@code true} if it goes to its backend now
	 */
	boolean enter(LaunchedCall call) {
		return this.serialKeys == null || call.getKey() == null || this.serialKeys.enter(call);
	}

	/**
	 * Let go of what the key of a call that has ended holds: the key itself, or its turn,
	 * which passes to the next call of the key.
	 */
	void leave(LaunchedCall call) {
		String key = call.getKey();
		if (key == null) {
			return;
		}
		release(key);
		if (this.serialKeys != null) {
			this.serialKeys.leave(call);
		}
	}

}

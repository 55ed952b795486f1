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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one task's calls under the {@link io.github.threadmethod.KeyPolicy#UNIQUE
 * unique} key policy that are waiting or running in this JVM: a call whose key is held is
 * not started. A call holds its key from before it takes its slots (so that a duplicate
 * never waits for one) until it has ended, whichever way.
 *
 * @author threadmethod contributors
 */
final class UniqueKeys {

	private final Set<String> held = ConcurrentHashMap.newKeySet();

	/**
	 * Hold the given key for a call.
	 * @return {@code true} if the key is now held for the call; {@code false} if a call
	 * of the same key holds it
	 */
	boolean hold(String key) {
		return this.held.add(key);
	}

	/**
	 * Let go of a key held for a call that has ended, or was not taken after all.
	 */
	void release(String key) {
		this.held.remove(key);
	}

}

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

/**
 * What the business key of a call does: the value of
 * {@code threadmethod.tasks[<task>].key-policy}, for a task whose
 * {@link FireAndForget @FireAndForget} methods give each call a
 * {@linkplain FireAndForget#key() key}. A task with a key and no policy runs its calls as
 * any other, the key only naming each call in logs and in its observation.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetExecution#getKeyPolicy()
 */
public enum KeyPolicy {

	/**
	 * A call is not started while a call of the same task with the same key is still
	 * waiting or running: it is counted deduplicated and its caller returns as from any
	 * other call. In this JVM, the launcher keeps it; a backend that stores calls to run
	 * elsewhere keeps it in its store, for every instance that shares the store (the
	 * durable mode: the stored call's id is made of the task and the key).
	 */
	UNIQUE,

	/**
	 * The calls of a task with the same key run one after another, in the order they were
	 * made (the order of each calling thread's calls), never two at once; calls of other
	 * keys run beside them as usual. A call waits its turn without holding a thread: it
	 * is handed to its backend when the call before it ends. Only for the modes that run
	 * calls in this JVM: start-up refuses it for a backend that stores calls to run
	 * elsewhere.
	 */
	SERIAL

}

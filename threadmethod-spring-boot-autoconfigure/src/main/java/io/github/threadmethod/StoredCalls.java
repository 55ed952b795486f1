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

import java.util.Map;

/**
 * Implemented by a {@link FireAndForgetBackend} that stores calls to run them elsewhere
 * (the durable mode): counts the calls its store holds now, by task, for every instance
 * of the application that shares the store. The actuator endpoint shows them beside the
 * {@linkplain FireAndForgetCalls account} of this JVM, and the metrics learn from it
 * which tasks store their calls.
 * <p>
 * Counting reads the store, so it may take a moment or fail (a database that cannot be
 * reached): it is done on demand, never for a call.
 * <p>
 * Calls that such a backend stores are not the launcher's once handed over, so it is the
 * backend that keeps the {@link KeyPolicy#UNIQUE unique} key policy, in its store (see
 * {@link FireAndForgetExecution#deduplicate()}); start-up refuses the
 * {@link KeyPolicy#SERIAL serial} one for its tasks, as no launcher could keep the order
 * of calls run on any instance.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface StoredCalls {

	/**
	 * Count the stored calls of each task of this backend's mode, tasks with none
	 * included.
	 * @return the counts, by task name
	 * @throws RuntimeException if the store cannot be read
	 */
	Map<String, Counts> countByTask();

	/**
	 * The stored calls of one task.
	 *
	 * @param pending calls waiting to run, running, or waiting to be tried again
	 * @param failed calls kept as failed after their last attempt, or because they cannot
	 * run at all; they are not tried again
	 */
	record Counts(long pending, long failed) {

	}

}

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

/**
 * When a call made while a transaction is active on its caller's thread is started.
 * Spring-managed transactions are meant (those that register transaction synchronizations
 * on the caller's thread); outside one, every call is started at once.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see TaskSettings
 */
public enum Dispatch {

	/**
	 * The call is started once its caller's transaction has committed, and discarded if
	 * it rolls back, so that its body finds what the caller wrote, and never runs for
	 * work that was undone. A call made in a nested transaction waits for the outer one;
	 * a call made in a {@code REQUIRES_NEW} transaction waits for that one. Calls that a
	 * backend stores in the caller's transaction (the durable mode) are handed to it at
	 * once, whatever this says.
	 */
	AFTER_COMMIT,

	/**
	 * The call is started at once, whether or not a transaction is active: its body may
	 * run before its caller's transaction commits, and runs even if it rolls back.
	 */
	IMMEDIATE

}

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
 * What a call does when it finds its concurrency limit reached.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see TaskSettings
 */
public enum ConcurrencyLimitPolicy {

	/**
	 * The caller waits for a running call to finish, up to the limit's maximum wait, and
	 * is then rejected with a
	 * {@link org.springframework.core.task.TaskRejectedException}.
	 */
	WAIT,

	/**
	 * The caller is rejected at once with a
	 * {@link org.springframework.core.task.TaskRejectedException}.
	 */
	REJECT,

	/**
	 * The body runs on the caller's thread, as a plain synchronous call outside the
	 * limit; a failure still goes to the exception handler.
	 */
	CALLER_RUNS

}

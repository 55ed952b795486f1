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

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One call of a {@link FireAndForget @FireAndForget} method that has been taken and has
 * not finished yet.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetCalls#getRunning()
 */
public interface RunningCall {

	/**
	 * Return the task the call belongs to.
	 * @return the task
	 */
	FireAndForgetTask getTask();

	/**
	 * Return the thread the body runs on.
	 * @return the thread, or {@code null} while the backend has not started the body yet
	 */
	@Nullable Thread getThread();

	/**
	 * Return when the call was made, as near as the wall clock tells.
	 * @return the time the call was taken
	 */
	Instant getStartedAt();

	/**
	 * Return how long ago the call was made.
	 * @return the time since the call was taken
	 */
	Duration getRunningFor();

}

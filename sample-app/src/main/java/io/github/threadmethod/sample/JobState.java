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
package io.github.threadmethod.sample;

/**
 * Where a job is in its life.
 *
 * @author threadmethod contributors
 */
public enum JobState {

	/**
	 * Recorded and handed over; the work has not started yet.
	 */
	ACCEPTED,

	/**
	 * The work is under way.
	 */
	RUNNING,

	/**
	 * The work finished and its result is recorded.
	 */
	DONE,

	/**
	 * The work failed and its error is recorded.
	 */
	FAILED,

	/**
	 * The process that accepted the job ended before the work finished: fire-and-forget
	 * work does not survive the JVM.
	 */
	ABANDONED

}

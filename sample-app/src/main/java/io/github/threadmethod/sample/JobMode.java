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

import io.github.threadmethod.autoconfigure.ThreadMethodProperties;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The mode this process runs the jobs' work in, as threadmethod is configured: the mode
 * of the {@value JobProcessor#TASK} task, else {@code threadmethod.mode}, else
 * {@value #THREAD}; {@value #THREAD} too when {@code @FireAndForget} is off, since the
 * work then runs on the request's thread. Recorded on each job, so that a start-up marks
 * as abandoned only the jobs whose work lived in a process's memory, never the durable
 * ones, which another instance may be running.
 *
 * @author threadmethod contributors
 */
@Component
class JobMode {

	static final String THREAD = "thread";

	static final String DURABLE = "durable";

	private final String mode;

	JobMode(ObjectProvider<ThreadMethodProperties> properties) {
		this.mode = mode(properties.getIfAvailable());
	}

	private static String mode(@Nullable ThreadMethodProperties properties) {
		// No settings when @FireAndForget is off
		if (properties == null || !properties.isEnabled()) {
			return THREAD;
		}
		Task task = properties.getTasks().get(JobProcessor.TASK);
		String taskMode = (task != null) ? task.getMode() : null;
		if (taskMode != null) {
			return taskMode;
		}
		String mode = properties.getMode();
		return (mode != null) ? mode : THREAD;
	}

	String get() {
		return this.mode;
	}

}

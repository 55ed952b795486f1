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

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Every setting of the launcher, with every default already applied.
 *
 * <p>
 * Public for threadmethod's own auto-configuration, endpoint and durable mode; not an
 * API, may change in any release.
 *
 * @param globalLimit how many calls of all tasks together may run at once, or
 * {@code null} for no global limit
 * @param shutdownTimeout how long closing the application context waits for running calls
 * @param slowCallThreshold how long a call may run before it is logged once, or zero for
 * never
 * @param defaults the settings of a task that has none of its own
 * @param tasks the settings of single tasks, by task name
 * @author threadmethod contributors
 * @since 0.1.0
 */
public record LaunchSettings(@Nullable Integer globalLimit, Duration shutdownTimeout, Duration slowCallThreshold,
		TaskSettings defaults, Map<String, TaskSettings> tasks) {

	public LaunchSettings {
		Assert.isTrue(globalLimit == null || globalLimit > 0,
				() -> "Concurrency limit must be at least 1, but was " + globalLimit);
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"Shutdown timeout must not be negative");
		Assert.isTrue(slowCallThreshold != null && !slowCallThreshold.isNegative(),
				"Slow-call threshold must not be negative");
		Assert.notNull(defaults, "Defaults must not be null");
		Assert.notNull(tasks, "Tasks must not be null");
		tasks = Collections.unmodifiableMap(new TreeMap<>(tasks));
	}

	/**
	 * Return the settings of the given task.
	 * @param taskName the task name
	 * @return its own settings, or the defaults
	 */
	public TaskSettings forTask(String taskName) {
		TaskSettings settings = this.tasks.get(taskName);
		return (settings != null) ? settings : this.defaults;
	}

}

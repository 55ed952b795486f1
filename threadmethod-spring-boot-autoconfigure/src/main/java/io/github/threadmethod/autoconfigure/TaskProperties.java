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
package io.github.threadmethod.autoconfigure;

import java.util.Collections;
import java.util.Map;

import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * The settings of single tasks, {@code threadmethod.tasks}, bound from the environment
 * once, when first read. The post-processor that asks which tasks are enabled is created
 * before any configuration properties bean can be, so these settings cannot come from
 * {@link ThreadMethodProperties}; the post-processor, the check of configured tasks and
 * the launcher's settings all read them here. The properties bean binds them too, to
 * validate them and describe them in the configuration metadata.
 *
 * @author threadmethod contributors
 */
final class TaskProperties {

	private final SingletonSupplier<Map<String, Task>> tasks;

	TaskProperties(Environment environment) {
		this.tasks = SingletonSupplier.of(() -> Binder.get(environment)
			.bind("threadmethod.tasks", Bindable.mapOf(String.class, Task.class))
			.map(Collections::unmodifiableMap)
			.orElse(Map.of()));
	}

	/**
	 * Return the settings of each task that has some, by task name, in the order
	 * configured.
	 * @return the settings by task name
	 */
	Map<String, Task> get() {
		return this.tasks.obtain();
	}

	/**
	 * Return whether the calls of the given task are fire-and-forget: unless its settings
	 * say {@code enabled=false}.
	 * @param taskName the task name
	 * @return whether the task is enabled
	 */
	boolean isEnabled(String taskName) {
		Task task = get().get(taskName);
		return task == null || task.isEnabled();
	}

}

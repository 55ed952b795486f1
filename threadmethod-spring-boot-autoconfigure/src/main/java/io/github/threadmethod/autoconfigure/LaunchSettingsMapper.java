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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Concurrency;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import io.github.threadmethod.launch.LaunchSettings;
import io.github.threadmethod.launch.SynchronousBackend;
import io.github.threadmethod.launch.TaskSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Turns the {@code threadmethod.*} properties into the settings the launcher uses: the
 * one place where a property meets its default, where a mode that names no backend fails
 * start-up naming the property (or, for the durable mode, the dependency it needs), and
 * where the backends the application declares are joined by the built-in ones: the
 * {@link SynchronousBackend synchronous} one that every application has, and those
 * contributed as {@link io.github.threadmethod.launch.BuiltInBackend}.
 *
 * @author threadmethod contributors
 */
final class LaunchSettingsMapper {

	private LaunchSettingsMapper() {
	}

	/**
	 * The mode of the durable backend, which is there only with its engine.
	 */
	static final String DURABLE_MODE = "durable";

	// Looked up by name: this package does not depend on the optional engine
	private static final String DB_SCHEDULER = "com.github.kagkarlsson.scheduler.Scheduler";

	private static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

	private static final String JACKSON_2 = "com.fasterxml.jackson.databind.ObjectMapper";

	/**
	 * Return the backends the launcher runs calls on: those the application declares, and
	 * the built-in ones (the synchronous backend, and those contributed), unless a
	 * declared one has their mode.
	 * @param declared the backends the application declares, the thread backend included
	 * @param builtIn the backends contributed beside them, such as the durable one
	 * @return the backends of every mode
	 */
	static List<FireAndForgetBackend> backends(Collection<? extends FireAndForgetBackend> declared,
			Collection<? extends FireAndForgetBackend> builtIn) {
		List<FireAndForgetBackend> backends = new ArrayList<>(declared);
		List<FireAndForgetBackend> candidates = new ArrayList<>(builtIn);
		candidates.add(new SynchronousBackend());
		for (FireAndForgetBackend candidate : candidates) {
			if (backends.stream().noneMatch((backend) -> candidate.getMode().equals(backend.getMode()))) {
				backends.add(candidate);
			}
		}
		return backends;
	}

	/**
	 * Map the given properties.
	 * @param properties the properties
	 * @param declared the backends the application declares, the thread backend included
	 * @param builtIn the backends contributed beside them, which are never the default
	 * @param classLoader the application's class loader, to say what a missing mode needs
	 * @return the settings, every default applied
	 * @throws InvalidConfigurationPropertyValueException if a mode names no backend
	 */
	static LaunchSettings map(ThreadMethodProperties properties, Collection<? extends FireAndForgetBackend> declared,
			Collection<? extends FireAndForgetBackend> builtIn, @Nullable ClassLoader classLoader) {
		String mode = properties.getMode();
		if (mode == null) {
			// Only the modes the application declares count: the synchronous backend is
			// always there, and only ever chosen by name
			Set<String> declaredModes = new TreeSet<>();
			declared.forEach((backend) -> declaredModes.add(backend.getMode()));
			mode = (declaredModes.size() == 1) ? declaredModes.iterator().next() : ThreadPerCallBackend.MODE;
		}
		Set<String> modes = new TreeSet<>();
		backends(declared, builtIn).forEach((backend) -> modes.add(backend.getMode()));
		checkMode("threadmethod.mode", mode, modes, classLoader);
		Concurrency concurrency = properties.getConcurrency();
		TaskSettings defaults = new TaskSettings(true, mode, null, concurrency.getPolicy(), concurrency.getMaxWait());
		Map<String, TaskSettings> tasks = new LinkedHashMap<>();
		properties.getTasks()
			.forEach((name, task) -> tasks.put(name, taskSettings(name, task, defaults, modes, classLoader)));
		return new LaunchSettings(concurrency.getLimit(), properties.getShutdown().getTimeout(),
				properties.getSlowCall().getThreshold(), defaults, tasks);
	}

	private static TaskSettings taskSettings(String name, Task task, TaskSettings defaults, Set<String> modes,
			@Nullable ClassLoader classLoader) {
		String mode = (task.getMode() != null) ? task.getMode() : defaults.mode();
		checkMode("threadmethod.tasks[" + name + "].mode", mode, modes, classLoader);
		ThreadMethodProperties.TaskConcurrency concurrency = task.getConcurrency();
		return new TaskSettings(task.isEnabled(), mode, concurrency.getLimit(),
				(concurrency.getPolicy() != null) ? concurrency.getPolicy() : defaults.policy(),
				(concurrency.getMaxWait() != null) ? concurrency.getMaxWait() : defaults.maxWait());
	}

	private static void checkMode(String property, String mode, Set<String> modes, @Nullable ClassLoader classLoader) {
		if (modes.contains(mode)) {
			return;
		}
		if (DURABLE_MODE.equals(mode)) {
			throw new InvalidConfigurationPropertyValueException(property, mode, durableUnavailable(classLoader));
		}
		throw new InvalidConfigurationPropertyValueException(property, mode,
				"No @FireAndForget backend has this mode; the modes known are " + modes);
	}

	private static String durableUnavailable(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(DB_SCHEDULER, classLoader)) {
			return "The durable mode stores calls with db-scheduler, which is not on the class path: add "
					+ "com.github.kagkarlsson:db-scheduler-spring-boot-4-starter (Spring Boot 4) or "
					+ "com.github.kagkarlsson:db-scheduler-spring-boot-starter (Spring Boot 3.5), and a DataSource";
		}
		if (!ClassUtils.isPresent(JACKSON_3, classLoader) && !ClassUtils.isPresent(JACKSON_2, classLoader)) {
			return "The durable mode writes stored calls as JSON with Jackson, which is not on the class path: add "
					+ "tools.jackson.core:jackson-databind (Spring Boot 4) or "
					+ "com.fasterxml.jackson.core:jackson-databind (Spring Boot 3.5)";
		}
		return "The durable mode stores calls with db-scheduler, but the application has no db-scheduler Scheduler "
				+ "made by its Spring Boot starter: is there a DataSource, and is db-scheduler.enabled true?";
	}

	/**
	 * Tell, by task name, whether a task is fire-and-forget, reading the environment
	 * directly, once, when first asked: the post-processor that asks is created before
	 * configuration properties beans can be.
	 * @param environment the environment
	 * @return whether a task is enabled
	 */
	/**
	 * Return the names of the tasks that {@code threadmethod.tasks[...]} has settings
	 * for.
	 * @param environment the environment
	 * @return the task names
	 */
	static Set<String> configuredTasks(Environment environment) {
		return Binder.get(environment)
			.bind("threadmethod.tasks", Bindable.mapOf(String.class, Task.class))
			.map(Map::keySet)
			.map(Set::copyOf)
			.orElse(Set.of());
	}

	static Predicate<String> enabledTasks(Environment environment) {
		SingletonSupplier<Map<String, Task>> tasks = SingletonSupplier.of(() -> Binder.get(environment)
			.bind("threadmethod.tasks", Bindable.mapOf(String.class, Task.class))
			.orElse(Map.of()));
		return (taskName) -> {
			@Nullable Task task = tasks.obtain().get(taskName);
			return task == null || task.isEnabled();
		};
	}

}

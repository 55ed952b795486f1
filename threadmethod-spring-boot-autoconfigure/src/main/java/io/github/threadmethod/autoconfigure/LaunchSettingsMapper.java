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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Concurrency;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Retries;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import io.github.threadmethod.launch.LaunchSettings;
import io.github.threadmethod.launch.SynchronousBackend;
import io.github.threadmethod.launch.TaskSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Turns the {@code threadmethod.*} properties into the settings the launcher uses: the
 * one place where a property meets its default, where a mode that names no backend fails
 * start-up naming the property (or, for the durable mode, the dependency it needs), and
 * where the backends the application declares are joined by the built-in ones: the
 * {@link SynchronousBackend synchronous} one that every application has, and those
 * contributed as {@link io.github.threadmethod.launch.BuiltInBackend}.
 *
 * <p>
 * Public for threadmethod's own durable auto-configuration, which reads its retries here;
 * not an API, may change in any release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class LaunchSettingsMapper {

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

	// The defaults of the properties that ThreadMethodProperties leaves null when not
	// set,
	// as additional-spring-configuration-metadata.json describes them

	static final ConcurrencyLimitPolicy DEFAULT_POLICY = ConcurrencyLimitPolicy.WAIT;

	static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

	static final int DEFAULT_MAX_RETRIES = 3;

	static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

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
	 * @param tasks the settings of single tasks
	 * @param declared the backends the application declares, the thread backend included
	 * @param builtIn the backends contributed beside them, which are never the default
	 * @param classLoader the application's class loader, to say what a missing mode needs
	 * @return the settings, every default applied
	 * @throws InvalidConfigurationPropertyValueException if a mode names no backend
	 */
	static LaunchSettings map(ThreadMethodProperties properties, TaskProperties tasks,
			Collection<? extends FireAndForgetBackend> declared, Collection<? extends FireAndForgetBackend> builtIn,
			@Nullable ClassLoader classLoader) {
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
		TaskSettings defaults = new TaskSettings(true, mode, null, orElse(concurrency.getPolicy(), DEFAULT_POLICY),
				orElse(concurrency.getMaxWait(), DEFAULT_MAX_WAIT));
		Map<String, TaskSettings> taskSettings = new LinkedHashMap<>();
		tasks.get()
			.forEach((name, task) -> taskSettings.put(name, taskSettings(name, task, defaults, modes, classLoader)));
		return new LaunchSettings(concurrency.getLimit(), properties.getShutdown().getTimeout(),
				properties.getSlowCall().getThreshold(), defaults, taskSettings);
	}

	private static TaskSettings taskSettings(String name, Task task, TaskSettings defaults, Set<String> modes,
			@Nullable ClassLoader classLoader) {
		String mode = (task.getMode() != null) ? task.getMode() : defaults.mode();
		checkMode("threadmethod.tasks[" + name + "].mode", mode, modes, classLoader);
		Concurrency concurrency = task.getConcurrency();
		return new TaskSettings(task.isEnabled(), mode, concurrency.getLimit(),
				orElse(concurrency.getPolicy(), defaults.policy()),
				orElse(concurrency.getMaxWait(), defaults.maxWait()));
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
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
	 * Return how the calls of the given task are retried in the durable mode: its own
	 * settings, or else the defaults under {@code threadmethod.durable}.
	 * @param properties the properties
	 * @param taskName the task
	 * @return the retries of the task
	 */
	public static DurableRetries durableRetries(ThreadMethodProperties properties, String taskName) {
		Retries defaults = properties.getDurable();
		Task task = properties.getTasks().get(taskName);
		Retries own = (task != null) ? task.getDurable() : new Retries();
		return new DurableRetries(orElse(own.getMaxRetries(), orElse(defaults.getMaxRetries(), DEFAULT_MAX_RETRIES)),
				orElse(own.getBackoff(), orElse(defaults.getBackoff(), DEFAULT_BACKOFF)));
	}

	/**
	 * How the calls of a task in the durable mode are retried.
	 *
	 * @param maxRetries how many times a failed call is tried again
	 * @param backoff how long after its first failure it is tried again; each later retry
	 * waits twice as long as the one before
	 */
	public record DurableRetries(int maxRetries, Duration backoff) {

	}

}

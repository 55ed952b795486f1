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
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Concurrency;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import io.github.threadmethod.launch.Dispatch;
import io.github.threadmethod.launch.LaunchSettings;
import io.github.threadmethod.launch.SynchronousBackend;
import io.github.threadmethod.launch.TaskSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Turns the {@code threadmethod.*} properties into the settings the launcher uses: the
 * one place where a property meets its default, where a mode that names no backend fails
 * start-up naming the property (and, through a {@link BackendAvailability}, what a mode
 * of threadmethod's own needs), and where the backends the application declares are
 * joined by the built-in ones: the {@link SynchronousBackend synchronous} one that every
 * application has, and those contributed as
 * {@link io.github.threadmethod.launch.BuiltInBackend}.
 * <p>
 * {@code threadmethod.mode=synchronous} is the one-line test mode, so it wins over the
 * mode a task sets of its own, whatever that is (the durable mode too), and says so once
 * at {@code INFO}: such a test needs no backend of the modes it overrides.
 *
 * @author threadmethod contributors
 */
final class LaunchSettingsMapper {

	private static final Log logger = LogFactory.getLog(LaunchSettingsMapper.class);

	private LaunchSettingsMapper() {
	}

	// The defaults of the properties that ThreadMethodProperties leaves null when not
	// set,
	// as additional-spring-configuration-metadata.json describes them; the durable mode's
	// retries are defaulted in its own auto-configuration

	static final ConcurrencyLimitPolicy DEFAULT_POLICY = ConcurrencyLimitPolicy.WAIT;

	static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

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
		Set<String> storingModes = new TreeSet<>();
		for (FireAndForgetBackend backend : backends(declared, builtIn)) {
			modes.add(backend.getMode());
			if (backend instanceof StoredCalls) {
				storingModes.add(backend.getMode());
			}
		}
		checkMode("threadmethod.mode", mode, modes, classLoader);
		Concurrency concurrency = properties.getConcurrency();
		TaskSettings defaults = new TaskSettings(true, mode, null, orElse(concurrency.getPolicy(), DEFAULT_POLICY),
				orElse(concurrency.getMaxWait(), DEFAULT_MAX_WAIT),
				storingModes.contains(mode) ? Dispatch.IMMEDIATE : properties.getDispatch(), null);
		// The one-line test mode reaches every task: a task's own mode, set for
		// production, must not keep it out of a test that runs everything synchronously
		boolean allSynchronous = SynchronousBackend.MODE.equals(properties.getMode());
		Map<String, TaskSettings> taskSettings = new LinkedHashMap<>();
		Map<String, String> overridden = new TreeMap<>();
		tasks.get().forEach((name, task) -> {
			String ownMode = task.getMode();
			if (allSynchronous && ownMode != null && !SynchronousBackend.MODE.equals(ownMode)) {
				overridden.put(name, ownMode);
				ownMode = null;
			}
			TaskSettings settings = taskSettings(name, task, ownMode, defaults, modes, storingModes,
					properties.getDispatch(), classLoader);
			checkKeyPolicy(name, settings, storingModes);
			taskSettings.put(name, settings);
		});
		if (!overridden.isEmpty() && logger.isInfoEnabled()) {
			logger.info("threadmethod.mode=synchronous runs every @FireAndForget task on its caller's thread, "
					+ "these too, over the mode each sets (threadmethod.tasks[<task>].mode): " + overridden);
		}
		return new LaunchSettings(concurrency.getLimit(), properties.getShutdown().getTimeout(),
				properties.getSlowCall().getThreshold(), defaults, taskSettings);
	}

	private static TaskSettings taskSettings(String name, Task task, @Nullable String ownMode, TaskSettings defaults,
			Set<String> modes, Set<String> storingModes, Dispatch dispatch, @Nullable ClassLoader classLoader) {
		String mode = (ownMode != null) ? ownMode : defaults.mode();
		checkMode("threadmethod.tasks[" + name + "].mode", mode, modes, classLoader);
		Concurrency concurrency = task.getConcurrency();
		return new TaskSettings(task.isEnabled(), mode, concurrency.getLimit(),
				orElse(concurrency.getPolicy(), defaults.policy()),
				orElse(concurrency.getMaxWait(), defaults.maxWait()),
				dispatch(name, task.getDispatch(), mode, storingModes.contains(mode), dispatch), task.getKeyPolicy());
	}

	/**
	 * Return the dispatch of a task: its own, or the global one, but for a mode whose
	 * backend stores calls in the caller's transaction, which is handed each call at once
	 * and cannot be told otherwise.
	 */
	private static Dispatch dispatch(String name, @Nullable Dispatch own, String mode, boolean storing,
			Dispatch global) {
		if (!storing) {
			return orElse(own, global);
		}
		if (own == Dispatch.AFTER_COMMIT) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.tasks[" + name + "].dispatch",
					"after-commit",
					"The calls of mode '" + mode
							+ "' are stored in the caller's transaction, so they exist only if it commits; "
							+ "remove the property, or choose a mode that runs calls in this JVM");
		}
		return Dispatch.IMMEDIATE;
	}

	/**
	 * Refuse the serial key policy for a task whose backend stores calls to run
	 * elsewhere: they run on any instance, by several threads, in no order this JVM could
	 * keep.
	 */
	private static void checkKeyPolicy(String name, TaskSettings task, Set<String> storingModes) {
		if (task.keyPolicy() == KeyPolicy.SERIAL && storingModes.contains(task.mode())) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.tasks[" + name + "].key-policy",
					"serial",
					"Task '" + name + "' runs in mode '" + task.mode() + "', whose backend stores calls to "
							+ "run later on any instance, where the order of the calls of one key cannot be kept "
							+ "(the durable mode's db-scheduler runs due calls on several threads and instances at "
							+ "once); use 'unique', or a mode that runs calls in this JVM");
		}
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static void checkMode(String property, String mode, Set<String> modes, @Nullable ClassLoader classLoader) {
		if (modes.contains(mode)) {
			return;
		}
		String reason = whyUnavailable(mode, classLoader);
		throw new InvalidConfigurationPropertyValueException(property, mode,
				(reason != null) ? reason : "No @FireAndForget backend has this mode; the modes known are " + modes);
	}

	/**
	 * Ask the modes contributed by threadmethod's own features why a mode has no backend:
	 * their auto-configuration may not have applied, so they are listed as factories.
	 */
	private static @Nullable String whyUnavailable(String mode, @Nullable ClassLoader classLoader) {
		for (BackendAvailability availability : SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(BackendAvailability.class)) {
			String reason = availability.whyUnavailable(mode, classLoader);
			if (reason != null) {
				return reason;
			}
		}
		return null;
	}

}

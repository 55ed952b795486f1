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

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.StoredCalls;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@link TaskRuntime} of each task a launcher knows, by task name, made at the task's
 * first call (or when it is registered) and shared by every task of that name. It matches
 * the settings to the backends once, at construction, and closes and opens every task's
 * permits, and the global ones, for a shutdown.
 *
 * @author threadmethod contributors
 */
final class TaskRuntimes {

	private final LaunchSettings settings;

	private final Map<String, FireAndForgetBackend> backends;

	private final CallAccount account;

	private final Map<String, TaskRuntime> tasks = new ConcurrentHashMap<>(64);

	private final @Nullable ClosableSemaphore globalSlots;

	// Whether the tasks run in more than one mode, so that observations tell modes apart
	private final boolean severalModes;

	/**
	 * Match the given settings to the given backends.
	 * @throws IllegalStateException if two backends have the same mode, or no backend has
	 * a mode that the settings name
	 */
	TaskRuntimes(LaunchSettings settings, Collection<? extends FireAndForgetBackend> backends, CallAccount account) {
		this.settings = settings;
		this.backends = byMode(backends);
		this.account = account;
		assertBackend(settings.defaults());
		settings.tasks().values().forEach(this::assertBackend);
		settings.tasks().forEach(this::assertKeyPolicy);
		Integer globalLimit = settings.globalLimit();
		this.globalSlots = (globalLimit != null) ? new ClosableSemaphore(globalLimit) : null;
		this.severalModes = modesInUse(settings).size() > 1;
	}

	private static Map<String, FireAndForgetBackend> byMode(Collection<? extends FireAndForgetBackend> backends) {
		Map<String, FireAndForgetBackend> byMode = new LinkedHashMap<>();
		for (FireAndForgetBackend backend : backends) {
			FireAndForgetBackend other = byMode.putIfAbsent(backend.getMode(), backend);
			Assert.state(other == null, () -> "Two @FireAndForget backends have mode '" + backend.getMode() + "': "
					+ other + " and " + backend);
		}
		return Map.copyOf(byMode);
	}

	private void assertBackend(TaskSettings task) {
		Assert.state(this.backends.containsKey(task.mode()), () -> "No @FireAndForget backend has mode '" + task.mode()
				+ "'; the modes known are " + this.backends.keySet());
	}

	private void assertKeyPolicy(String taskName, TaskSettings task) {
		Assert.state(task.keyPolicy() != KeyPolicy.SERIAL || !storesCalls(this.backends.get(task.mode())),
				() -> "@FireAndForget task '" + taskName + "' has the key policy 'serial', but its backend (mode '"
						+ task.mode() + "') stores calls to run elsewhere, where their order cannot be kept");
	}

	/**
	 * Return whether the given backend stores calls to run elsewhere: it then keeps the
	 * unique key policy in its store, and cannot keep the serial one.
	 */
	static boolean storesCalls(FireAndForgetBackend backend) {
		return backend instanceof StoredCalls;
	}

	private static Set<String> modesInUse(LaunchSettings settings) {
		Set<String> modes = new HashSet<>();
		modes.add(settings.defaults().mode());
		settings.tasks().values().forEach((task) -> modes.add(task.mode()));
		return modes;
	}

	LaunchSettings settings() {
		return this.settings;
	}

	Map<String, FireAndForgetBackend> backends() {
		return this.backends;
	}

	boolean severalModes() {
		return this.severalModes;
	}

	/**
	 * Return the runtime of the given task, made now if this is its first call.
	 */
	TaskRuntime of(FireAndForgetTask task) {
		TaskRuntime runtime = this.tasks.get(task.getName());
		return (runtime != null) ? runtime : this.tasks.computeIfAbsent(task.getName(), this::create);
	}

	/**
	 * Make the runtime of the given task now, unless it is made already.
	 */
	void register(String taskName) {
		this.tasks.computeIfAbsent(taskName, this::create);
	}

	private TaskRuntime create(String taskName) {
		TaskSettings task = this.settings.forTask(taskName);
		FireAndForgetBackend backend = this.backends.get(task.mode());
		// Limits bound threads. A call run on its caller's thread starts none, and
		// would hold a slot that a call its body makes could wait for in vain; a call
		// stored to run elsewhere starts none either, and no policy may run it here
		boolean limited = backend.isLimited();
		Integer limit = task.limit();
		ClosableSemaphore taskSlots = (limited && limit != null) ? new ClosableSemaphore(limit) : null;
		TaskPermits permits = new TaskPermits(taskSlots, limited ? this.globalSlots : null, task.policy(),
				task.maxWait());
		KeyPolicy keyPolicy = task.keyPolicy();
		UniqueKeys uniqueKeys = (keyPolicy == KeyPolicy.UNIQUE && !storesCalls(backend)) ? new UniqueKeys() : null;
		SerialKeys serialKeys = (keyPolicy == KeyPolicy.SERIAL) ? new SerialKeys() : null;
		return new TaskRuntime(task, backend, permits, this.account.countersOf(taskName), uniqueKeys, serialKeys);
	}

	/**
	 * Turn away the callers waiting for a slot of any limit, and later ones, until
	 * {@link #openPermits()}.
	 */
	void closePermits() {
		if (this.globalSlots != null) {
			this.globalSlots.close();
		}
		this.tasks.values().forEach((runtime) -> runtime.permits().close());
	}

	void openPermits() {
		if (this.globalSlots != null) {
			this.globalSlots.open();
		}
		this.tasks.values().forEach((runtime) -> runtime.permits().open());
	}

}

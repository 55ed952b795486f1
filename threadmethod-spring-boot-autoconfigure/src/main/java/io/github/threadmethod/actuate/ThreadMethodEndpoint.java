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
package io.github.threadmethod.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.StoredCalls.Counts;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import io.github.threadmethod.launch.Dispatch;
import io.github.threadmethod.launch.LaunchSettings;
import io.github.threadmethod.launch.TaskSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows the {@code @FireAndForget} calls running now, the
 * totals of each task since start-up, the calls that backends such as the durable mode's
 * hold in their store, and the settings in effect, as the launcher and its backends use
 * them.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@Endpoint(id = "threadmethod")
public class ThreadMethodEndpoint {

	private final CallLauncher launcher;

	/**
	 * Create an endpoint that reports on the calls of the given launcher.
	 * @param launcher the launcher
	 */
	public ThreadMethodEndpoint(CallLauncher launcher) {
		this.launcher = launcher;
	}

	@ReadOperation
	public ThreadMethodDescriptor threadMethod() {
		List<RunningCallDescriptor> running = this.launcher.getCalls()
			.getRunning()
			.stream()
			.map(RunningCallDescriptor::new)
			.toList();
		Map<String, Counts> stored = new TreeMap<>();
		String storedError = null;
		for (FireAndForgetBackend backend : this.launcher.getBackends().values()) {
			if (backend instanceof StoredCalls store) {
				try {
					stored.putAll(store.countByTask());
				}
				catch (RuntimeException ex) {
					// The rest of the endpoint matters most when the store is down
					storedError = "The stored calls of backend '" + backend.getMode() + "' could not be counted: "
							+ ex.getClass().getName() + ": " + ex.getMessage();
				}
			}
		}
		return new ThreadMethodDescriptor(running, this.launcher.getCalls().getTotals(), stored, storedError,
				ConfigurationDescriptor.of(this.launcher.getSettings(), this.launcher.getBackends()));
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param running the calls running now, longest-running first
	 * @param tasks the totals of each task in this JVM, by task name
	 * @param storedCalls the calls that the store of a backend holds now (for the durable
	 * mode: db-scheduler's table, shared by every instance), pending and failed, by task
	 * name; empty if no backend stores calls
	 * @param storedCallsError why the stored calls could not be counted, or {@code null}
	 * @param configuration the settings in effect
	 */
	public record ThreadMethodDescriptor(List<RunningCallDescriptor> running, Map<String, TaskTotals> tasks,
			Map<String, Counts> storedCalls, @Nullable String storedCallsError,
			ConfigurationDescriptor configuration) implements OperationResponseBody {

	}

	/**
	 * A call running now.
	 *
	 * @param task the task name
	 * @param thread the thread name, or {@code null} while its backend has not started it
	 * @param startedAt when the call was made
	 * @param runningFor how long it has been running, as an ISO-8601 duration
	 */
	public record RunningCallDescriptor(String task, @Nullable String thread, Instant startedAt, String runningFor) {

		RunningCallDescriptor(RunningCall call) {
			this(call.getTask().getName(), threadName(call.getThread()), call.getStartedAt(),
					call.getRunningFor().toString());
		}

		private static @Nullable String threadName(@Nullable Thread thread) {
			return (thread != null) ? thread.getName() : null;
		}

	}

	/**
	 * The settings in effect.
	 *
	 * @param mode the mode of tasks that have none of their own
	 * @param dispatch when a call made in a transaction starts, for tasks that have no
	 * settings of their own
	 * @param threadNamePrefix the prefix of thread names, if calls run on threads
	 * @param virtualThreads whether calls run on virtual threads, if they run on threads
	 * @param daemon whether platform threads are daemon threads, if calls run on threads
	 * @param shutdownTimeout how long shutdown waits for running calls
	 * @param slowCallThreshold how long a call runs before it is logged as slow
	 * @param concurrency the global limit, if any
	 * @param tasks the settings of single tasks
	 */
	public record ConfigurationDescriptor(String mode, Dispatch dispatch, @Nullable String threadNamePrefix,
			@Nullable Boolean virtualThreads, @Nullable Boolean daemon, String shutdownTimeout,
			String slowCallThreshold, @Nullable LimitDescriptor concurrency, Map<String, TaskDescriptor> tasks) {

		static ConfigurationDescriptor of(LaunchSettings settings, Map<String, FireAndForgetBackend> backends) {
			ThreadPerCallBackend threads = (backends
				.get(ThreadPerCallBackend.MODE) instanceof ThreadPerCallBackend backend) ? backend : null;
			Map<String, TaskDescriptor> tasks = new TreeMap<>();
			settings.tasks().forEach((name, task) -> tasks.put(name, TaskDescriptor.of(task)));
			TaskSettings defaults = settings.defaults();
			return new ConfigurationDescriptor(defaults.mode(), defaults.dispatch(),
					(threads != null) ? threads.getThreadNamePrefix() : null,
					(threads != null) ? threads.isVirtualThreads() : null,
					(threads != null) ? threads.isDaemon() : null, settings.shutdownTimeout().toString(),
					settings.slowCallThreshold().toString(),
					LimitDescriptor.of(settings.globalLimit(), defaults.policy(), defaults.maxWait().toString()),
					tasks);
		}

	}

	/**
	 * The settings of one task.
	 *
	 * @param enabled whether the task is fire-and-forget
	 * @param mode the mode of the backend that runs its calls
	 * @param dispatch when a call made in a transaction starts
	 * @param concurrency the task's own limit, if any
	 * @param keyPolicy what the key of its calls does, if anything
	 */
	public record TaskDescriptor(boolean enabled, String mode, Dispatch dispatch, @Nullable LimitDescriptor concurrency,
			@Nullable KeyPolicy keyPolicy) {

		static TaskDescriptor of(TaskSettings task) {
			return new TaskDescriptor(task.enabled(), task.mode(), task.dispatch(),
					LimitDescriptor.of(task.limit(), task.policy(), task.maxWait().toString()), task.keyPolicy());
		}

	}

	/**
	 * A concurrency limit.
	 *
	 * @param limit how many calls may run at once
	 * @param policy what a call does when the limit is reached
	 * @param maxWait how long a call waits under the wait policy
	 */
	public record LimitDescriptor(int limit, ConcurrencyLimitPolicy policy, String maxWait) {

		static @Nullable LimitDescriptor of(@Nullable Integer limit, ConcurrencyLimitPolicy policy, String maxWait) {
			return (limit != null) ? new LimitDescriptor(limit, policy, maxWait) : null;
		}

	}

}

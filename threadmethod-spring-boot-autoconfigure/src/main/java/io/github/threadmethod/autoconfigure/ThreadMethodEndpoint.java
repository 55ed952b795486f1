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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.ConcurrencyLimitPolicy;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.RunningCall;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows the {@code @FireAndForget} calls running now, the
 * totals of each task since start-up, and the configuration in effect.
 *
 * @author threadmethod contributors
 */
@Endpoint(id = "threadmethod")
public class ThreadMethodEndpoint {

	private final FireAndForgetCalls calls;

	private final ConfigurationDescriptor configuration;

	/**
	 * Create an endpoint that reports on the given calls and configuration.
	 * @param calls the account of calls
	 * @param properties the configuration
	 * @param virtualThreads whether calls run on virtual threads
	 */
	public ThreadMethodEndpoint(FireAndForgetCalls calls, ThreadMethodProperties properties, boolean virtualThreads) {
		this.calls = calls;
		this.configuration = ConfigurationDescriptor.of(properties, virtualThreads);
	}

	@ReadOperation
	public ThreadMethodDescriptor threadMethod() {
		List<RunningCallDescriptor> running = this.calls.getRunning().stream().map(RunningCallDescriptor::new).toList();
		return new ThreadMethodDescriptor(running, this.calls.getTotals(), this.configuration);
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param running the calls running now, longest-running first
	 * @param tasks the totals of each task, by task name
	 * @param configuration the configuration in effect
	 */
	public record ThreadMethodDescriptor(List<RunningCallDescriptor> running, Map<String, TaskTotals> tasks,
			ConfigurationDescriptor configuration) implements OperationResponseBody {

	}

	/**
	 * A call running now.
	 *
	 * @param task the task name
	 * @param thread the thread name
	 * @param startedAt when the call was made
	 * @param runningFor how long it has been running, as an ISO-8601 duration
	 */
	public record RunningCallDescriptor(String task, String thread, Instant startedAt, String runningFor) {

		RunningCallDescriptor(RunningCall call) {
			this(call.getTask().getName(), call.getThread().getName(), call.getStartedAt(),
					call.getRunningFor().toString());
		}

	}

	/**
	 * The configuration in effect.
	 *
	 * @param threadNamePrefix the prefix of thread names
	 * @param virtualThreads whether calls run on virtual threads
	 * @param daemon whether platform threads are daemon threads
	 * @param shutdownTimeout how long shutdown waits for running calls
	 * @param slowCallThreshold how long a call runs before it is logged as slow
	 * @param concurrency the global limit, if any
	 * @param tasks the settings of single tasks
	 */
	public record ConfigurationDescriptor(String threadNamePrefix, boolean virtualThreads, boolean daemon,
			String shutdownTimeout, String slowCallThreshold, @Nullable LimitDescriptor concurrency,
			Map<String, TaskDescriptor> tasks) {

		static ConfigurationDescriptor of(ThreadMethodProperties properties, boolean virtualThreads) {
			ThreadMethodProperties.Concurrency concurrency = properties.getConcurrency();
			Map<String, TaskDescriptor> tasks = new java.util.TreeMap<>();
			properties.getTasks().forEach((name, task) -> tasks.put(name, TaskDescriptor.of(task, concurrency)));
			return new ConfigurationDescriptor(properties.getThread().getNamePrefix(), virtualThreads,
					properties.getThread().isDaemon(), properties.getShutdown().getTimeout().toString(),
					properties.getSlowCall().getThreshold().toString(),
					LimitDescriptor.of(concurrency.getLimit(), concurrency.getPolicy(), concurrency.getMaxWait()),
					tasks);
		}

	}

	/**
	 * The settings of one task.
	 *
	 * @param enabled whether the task is fire-and-forget
	 * @param concurrency the task's own limit, if any
	 */
	public record TaskDescriptor(boolean enabled, @Nullable LimitDescriptor concurrency) {

		static TaskDescriptor of(ThreadMethodProperties.Task task, ThreadMethodProperties.Concurrency defaults) {
			ThreadMethodProperties.TaskConcurrency concurrency = task.getConcurrency();
			return new TaskDescriptor(task.isEnabled(),
					LimitDescriptor.of(concurrency.getLimit(),
							(concurrency.getPolicy() != null) ? concurrency.getPolicy() : defaults.getPolicy(),
							(concurrency.getMaxWait() != null) ? concurrency.getMaxWait() : defaults.getMaxWait()));
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

		static @Nullable LimitDescriptor of(@Nullable Integer limit, ConcurrencyLimitPolicy policy, Duration maxWait) {
			return (limit != null) ? new LimitDescriptor(limit, policy, maxWait.toString()) : null;
		}

	}

}

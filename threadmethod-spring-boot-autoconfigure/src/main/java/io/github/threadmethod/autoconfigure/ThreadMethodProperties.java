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
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of {@link io.github.threadmethod.FireAndForget @FireAndForget}
 * methods, under {@code threadmethod}.
 *
 * @author threadmethod contributors
 */
@ConfigurationProperties(prefix = "threadmethod", ignoreUnknownFields = false)
public class ThreadMethodProperties implements Validator {

	/**
	 * Whether calls to @FireAndForget methods run on a thread of their own. When false,
	 * no proxies are created and annotated methods run as plain synchronous calls on the
	 * caller's thread.
	 */
	private boolean enabled = true;

	/**
	 * What start-up does about @FireAndForget methods that would silently run
	 * synchronously: called on 'this' from their own bean, or annotated where the
	 * annotation cannot take effect. 'warn' logs each finding, under the logger
	 * 'io.github.threadmethod.FireAndForget', 'fail' stops start-up listing them all (and
	 * fails a lazy bean with findings each time it is created), 'ignore' does not look.
	 */
	private SelfInvocationCheck selfInvocation = SelfInvocationCheck.WARN;

	/**
	 * Mode of the tasks that set none of their own: which backend runs their calls.
	 * 'thread' starts a new thread for each call; 'synchronous' runs each call on the
	 * caller's thread before it returns, for tests, with every check, the account of
	 * calls and the exception handler still on, and no concurrency limit. When not set,
	 * 'thread', or the mode of the only backend when a single one is declared.
	 */
	private @Nullable String mode;

	private final CallThread thread = new CallThread();

	private final Shutdown shutdown = new Shutdown();

	private final Concurrency concurrency = new Concurrency();

	private final SlowCall slowCall = new SlowCall();

	private final Context context = new Context();

	private final Durable durable = new Durable();

	/**
	 * Settings of single tasks, by task name. Task names contain dots, so write them in
	 * brackets: 'threadmethod.tasks[OrderService.sendReceipt].enabled=false'.
	 */
	private final Map<String, Task> tasks = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SelfInvocationCheck getSelfInvocation() {
		return this.selfInvocation;
	}

	public void setSelfInvocation(SelfInvocationCheck selfInvocation) {
		this.selfInvocation = selfInvocation;
	}

	public @Nullable String getMode() {
		return this.mode;
	}

	public void setMode(@Nullable String mode) {
		this.mode = mode;
	}

	public CallThread getThread() {
		return this.thread;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Concurrency getConcurrency() {
		return this.concurrency;
	}

	public SlowCall getSlowCall() {
		return this.slowCall;
	}

	public Context getContext() {
		return this.context;
	}

	public Durable getDurable() {
		return this.durable;
	}

	public Map<String, Task> getTasks() {
		return this.tasks;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ThreadMethodProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that bind but make no sense, so that start-up fails naming the
	 * property. Binding calls this for the properties object itself, with no bean
	 * validation provider needed.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ThreadMethodProperties properties = (ThreadMethodProperties) target;
		rejectNegative(errors, "shutdown.timeout", properties.getShutdown().getTimeout());
		rejectNegative(errors, "slow-call.threshold", properties.getSlowCall().getThreshold());
		rejectBelowOne(errors, "concurrency.limit", properties.getConcurrency().getLimit());
		rejectNegative(errors, "concurrency.max-wait", properties.getConcurrency().getMaxWait());
		rejectNegative(errors, "durable.max-retries", properties.getDurable().getMaxRetries());
		rejectNotPositive(errors, "durable.backoff", properties.getDurable().getBackoff());
		properties.getTasks().forEach((name, task) -> {
			String prefix = "tasks[" + name + "].concurrency.";
			rejectBelowOne(errors, prefix + "limit", task.getConcurrency().getLimit());
			rejectNegative(errors, prefix + "max-wait", task.getConcurrency().getMaxWait());
			rejectNegative(errors, "tasks[" + name + "].durable.max-retries", task.getDurable().getMaxRetries());
			rejectNotPositive(errors, "tasks[" + name + "].durable.backoff", task.getDurable().getBackoff());
		});
	}

	private static void rejectNegative(Errors errors, String field, @Nullable Integer value) {
		if (value != null && value < 0) {
			errors.rejectValue(field, "negative", "must not be negative");
		}
	}

	private static void rejectNotPositive(Errors errors, String field, @Nullable Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			errors.rejectValue(field, "notPositive", "must be positive");
		}
	}

	private static void rejectNegative(Errors errors, String field, @Nullable Duration value) {
		if (value != null && value.isNegative()) {
			errors.rejectValue(field, "negative", "must not be negative");
		}
	}

	private static void rejectBelowOne(Errors errors, String field, @Nullable Integer value) {
		if (value != null && value < 1) {
			errors.rejectValue(field, "tooSmall", "must be at least 1");
		}
	}

	/**
	 * The thread that each call runs on.
	 */
	public static class CallThread {

		/**
		 * Prefix of the names of the threads that run calls. The task name, a dash and
		 * the call number follow it.
		 */
		private String namePrefix = "threadmethod-";

		/**
		 * Whether platform threads that run calls are daemon threads, which do not keep
		 * the JVM alive. Virtual threads are always daemon threads.
		 */
		private boolean daemon;

		/**
		 * Whether calls run on virtual threads rather than platform threads. Needs Java
		 * 21 or later. When not set, follows 'spring.threads.virtual.enabled'.
		 */
		private @Nullable Boolean virtual;

		public String getNamePrefix() {
			return this.namePrefix;
		}

		public void setNamePrefix(String namePrefix) {
			this.namePrefix = namePrefix;
		}

		public boolean isDaemon() {
			return this.daemon;
		}

		public void setDaemon(boolean daemon) {
			this.daemon = daemon;
		}

		public @Nullable Boolean getVirtual() {
			return this.virtual;
		}

		public void setVirtual(@Nullable Boolean virtual) {
			this.virtual = virtual;
		}

	}

	/**
	 * What happens to running calls when the application context closes.
	 */
	public static class Shutdown {

		/**
		 * How long closing the application context waits for calls still running. Calls
		 * still running after it are logged by task name. Zero does not wait.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * A cap on the calls running at once.
	 */
	public static class Concurrency {

		/**
		 * Maximum number of calls, of all tasks together, that run at once. When not set,
		 * there is no global limit.
		 */
		private @Nullable Integer limit;

		/**
		 * What a call does when it finds a limit reached: 'wait' for a free slot (up to
		 * the maximum wait), 'reject' it at once, or 'caller-runs' its body on the
		 * caller's thread.
		 */
		private ConcurrencyLimitPolicy policy = ConcurrencyLimitPolicy.WAIT;

		/**
		 * How long a call waits for a free slot under the 'wait' policy before it is
		 * rejected.
		 */
		private Duration maxWait = Duration.ofSeconds(10);

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public ConcurrencyLimitPolicy getPolicy() {
			return this.policy;
		}

		public void setPolicy(ConcurrencyLimitPolicy policy) {
			this.policy = policy;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	/**
	 * Calls that run for too long.
	 */
	public static class SlowCall {

		/**
		 * How long a call may run before it is logged, once, at WARN with its task,
		 * thread and current stack. Zero turns the check off.
		 */
		private Duration threshold = Duration.ofMinutes(1);

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * What is carried from the caller's thread to the call's thread, and cleared after
	 * the call. Every TaskDecorator bean applies too.
	 */
	public static class Context {

		/**
		 * Whether the caller's logging MDC is carried to the call.
		 */
		private boolean mdc = true;

		/**
		 * Whether the caller's Micrometer context (the thread-local values registered
		 * with context-propagation, such as the current observation and span) is restored
		 * around the call. Needs io.micrometer:context-propagation. Each call's own
		 * observation has the caller's as its parent either way.
		 */
		private boolean observation = true;

		/**
		 * Whether the caller's Spring Security context is carried to the call. Needs
		 * Spring Security.
		 */
		private boolean security = true;

		public boolean isMdc() {
			return this.mdc;
		}

		public void setMdc(boolean mdc) {
			this.mdc = mdc;
		}

		public boolean isObservation() {
			return this.observation;
		}

		public void setObservation(boolean observation) {
			this.observation = observation;
		}

		public boolean isSecurity() {
			return this.security;
		}

		public void setSecurity(boolean security) {
			this.security = security;
		}

	}

	/**
	 * Settings of one task.
	 */
	public static class Task {

		/**
		 * Whether calls of this task run on a thread of their own. When false, they are
		 * plain synchronous calls on the caller's thread.
		 */
		private boolean enabled = true;

		/**
		 * Mode of this task: which backend runs its calls. When not set, follows
		 * 'threadmethod.mode'.
		 */
		private @Nullable String mode;

		private final TaskConcurrency concurrency = new TaskConcurrency();

		private final TaskDurable durable = new TaskDurable();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getMode() {
			return this.mode;
		}

		public void setMode(@Nullable String mode) {
			this.mode = mode;
		}

		public TaskConcurrency getConcurrency() {
			return this.concurrency;
		}

		public TaskDurable getDurable() {
			return this.durable;
		}

	}

	/**
	 * A cap on the calls of one task running at once, on top of the global one.
	 */
	public static class TaskConcurrency {

		/**
		 * Maximum number of calls of this task that run at once. When not set, the task
		 * has no limit of its own.
		 */
		private @Nullable Integer limit;

		/**
		 * What a call of this task does when it finds a limit reached. When not set,
		 * follows 'threadmethod.concurrency.policy'.
		 */
		private @Nullable ConcurrencyLimitPolicy policy;

		/**
		 * How long a call of this task waits for a free slot. When not set, follows
		 * 'threadmethod.concurrency.max-wait'.
		 */
		private @Nullable Duration maxWait;

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public @Nullable ConcurrencyLimitPolicy getPolicy() {
			return this.policy;
		}

		public void setPolicy(@Nullable ConcurrencyLimitPolicy policy) {
			this.policy = policy;
		}

		public @Nullable Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(@Nullable Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	/**
	 * The durable mode, which stores each call in db-scheduler's table, to run on one
	 * instance of the application, at least once, retried when it fails.
	 */
	public static class Durable {

		/**
		 * Whether to create db-scheduler's table, 'scheduled_tasks', at start-up when it
		 * does not exist: 'embedded' for an embedded database only, 'always', or 'never'.
		 * Scripts exist for H2 and PostgreSQL, chosen by the database. It creates that
		 * name only: with another 'db-scheduler.table-name', start-up fails unless this
		 * is 'never'.
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * How many times a failed durable call is tried again before it is kept in the
		 * table as failed. Each task can set its own.
		 */
		private int maxRetries = 3;

		/**
		 * How long after its first failure a durable call is tried again; each later
		 * retry waits twice as long as the one before, up to 30 days. Each task can set
		 * its own.
		 */
		private Duration backoff = Duration.ofSeconds(10);

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

	}

	/**
	 * How the calls of one task are retried in the durable mode.
	 */
	public static class TaskDurable {

		/**
		 * How many times a failed call of this task is tried again before it is kept in
		 * the table as failed. When not set, follows 'threadmethod.durable.max-retries'.
		 */
		private @Nullable Integer maxRetries;

		/**
		 * How long after its first failure a call of this task is tried again; each later
		 * retry waits twice as long. When not set, follows
		 * 'threadmethod.durable.backoff'.
		 */
		private @Nullable Duration backoff;

		public @Nullable Integer getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(@Nullable Integer maxRetries) {
			this.maxRetries = maxRetries;
		}

		public @Nullable Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(@Nullable Duration backoff) {
			this.backoff = backoff;
		}

	}

	/**
	 * When the durable mode's table is created at start-up.
	 */
	public enum SchemaInitialization {

		/**
		 * Only in an embedded database.
		 */
		EMBEDDED,

		/**
		 * In any database.
		 */
		ALWAYS,

		/**
		 * Never: the application creates the table itself.
		 */
		NEVER

	}

}

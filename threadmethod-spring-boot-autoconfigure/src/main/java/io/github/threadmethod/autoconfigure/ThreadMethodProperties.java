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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import io.github.threadmethod.launch.Dispatch;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of {@code @FireAndForget} methods, under {@code threadmethod}.
 *
 * <p>
 * Values that may be left unset, such as the settings of a task that follow the global
 * ones, are {@code null} here: the defaults are applied where the properties are mapped
 * to the launcher's settings, and described in the configuration metadata.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "threadmethod", ignoreUnknownFields = false)
public class ThreadMethodProperties implements Validator {

	/**
	 * Largest value of a {@code max-retries} property: far more than any back-off makes
	 * useful, and small enough that the attempts it allows are counted without overflow.
	 */
	static final int MAX_RETRIES_BOUND = 1000;

	/**
	 * Largest value of {@code durable.unknown-call-grace}: far longer than any deploy,
	 * and short enough that the time a call is put back until is one every database
	 * stores.
	 */
	static final Duration MAX_UNKNOWN_CALL_GRACE = Duration.ofDays(365);

	/**
	 * Whether calls to @FireAndForget methods run on a thread of their own.
	 */
	private boolean enabled = true;

	/**
	 * What start-up does about @FireAndForget methods that would silently run
	 * synchronously.
	 */
	private SelfInvocationCheck selfInvocation = SelfInvocationCheck.WARN;

	/**
	 * Mode of the tasks that set none of their own, naming the backend that runs their
	 * calls; when not set, 'thread', or the mode of the only backend the application
	 * declares. 'synchronous', the test mode, applies to every task, over the mode a task
	 * sets of its own.
	 */
	private @Nullable String mode;

	/**
	 * When a call made while a Spring-managed transaction is active on the caller's
	 * thread starts: once the transaction commits, never if it rolls back
	 * ('after-commit'), or at once ('immediate'). For the modes that run calls in this
	 * JVM; the durable mode stores each call in the caller's transaction.
	 */
	private Dispatch dispatch = Dispatch.AFTER_COMMIT;

	private final CallThread thread = new CallThread();

	private final Shutdown shutdown = new Shutdown();

	private final Concurrency concurrency = new Concurrency();

	private final SlowCall slowCall = new SlowCall();

	private final Context context = new Context();

	private final Durable durable = new Durable();

	/**
	 * Settings of single tasks, by task name.
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

	public Dispatch getDispatch() {
		return this.dispatch;
	}

	public void setDispatch(Dispatch dispatch) {
		this.dispatch = dispatch;
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
		validate(errors, "concurrency.", properties.getConcurrency());
		validate(errors, "durable.", properties.getDurable());
		validate(errors, properties.getDurable());
		properties.getTasks().forEach((name, task) -> {
			validate(errors, "tasks[" + name + "].concurrency.", task.getConcurrency());
			validate(errors, "tasks[" + name + "].durable.", task.getDurable());
		});
	}

	private static void validate(Errors errors, String prefix, Concurrency concurrency) {
		rejectBelowOne(errors, prefix + "limit", concurrency.getLimit());
		rejectNegative(errors, prefix + "max-wait", concurrency.getMaxWait());
	}

	private static void validate(Errors errors, String prefix, Retries retries) {
		Integer maxRetries = retries.getMaxRetries();
		if (maxRetries != null && maxRetries < 0) {
			errors.rejectValue(prefix + "max-retries", "negative", "must not be negative");
		}
		else if (maxRetries != null && maxRetries > MAX_RETRIES_BOUND) {
			errors.rejectValue(prefix + "max-retries", "tooLarge", "must be at most " + MAX_RETRIES_BOUND);
		}
		Duration backoff = retries.getBackoff();
		if (backoff != null && (backoff.isNegative() || backoff.isZero())) {
			errors.rejectValue(prefix + "backoff", "notPositive", "must be positive");
		}
	}

	private static void validate(Errors errors, Durable durable) {
		Duration grace = durable.getUnknownCallGrace();
		if (grace.isNegative()) {
			errors.rejectValue("durable.unknown-call-grace", "negative", "must not be negative");
		}
		else if (grace.compareTo(MAX_UNKNOWN_CALL_GRACE) > 0) {
			errors.rejectValue("durable.unknown-call-grace", "tooLarge",
					"must be at most " + MAX_UNKNOWN_CALL_GRACE.toDays() + " days");
		}
		if (durable.getMaxCallSize().toBytes() <= 0) {
			errors.rejectValue("durable.max-call-size", "notPositive", "must be positive");
		}
		DoneMarks marks = durable.getDoneMarks();
		rejectNegative(errors, "durable.done-marks.retention", marks.getRetention());
		Duration interval = marks.getCleanupInterval();
		if (interval.isNegative() || interval.isZero()) {
			errors.rejectValue("durable.done-marks.cleanup-interval", "notPositive", "must be positive");
		}
		if (marks.getCleanupBatchSize() < 1) {
			errors.rejectValue("durable.done-marks.cleanup-batch-size", "tooSmall", "must be at least 1");
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
		 * Prefix of the names of the threads that run calls.
		 */
		private String namePrefix = "threadmethod-";

		/**
		 * Whether platform threads that run calls are daemon threads.
		 */
		private boolean daemon;

		/**
		 * Whether calls run on virtual threads rather than platform threads; when not
		 * set, follows 'spring.threads.virtual.enabled'.
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
		 * Maximum time closing the application context waits for the calls still running.
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
	 * A cap on the calls running at once: of all tasks together under
	 * {@code threadmethod.concurrency}, or of one task, on top of the global one, under
	 * {@code threadmethod.tasks[<task>].concurrency}, where the policy and the maximum
	 * wait follow the global ones when not set.
	 */
	public static class Concurrency {

		/**
		 * Maximum number of calls that run at once; no limit when not set.
		 */
		private @Nullable Integer limit;

		/**
		 * What a call does when it finds a limit reached.
		 */
		private @Nullable ConcurrencyLimitPolicy policy;

		/**
		 * Maximum time a call waits for a free slot under the 'wait' policy before it is
		 * rejected.
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
	 * Calls that run for too long.
	 */
	public static class SlowCall {

		/**
		 * Time a call may run before it is logged at WARN, once, with its current stack.
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
		 * Whether the caller's Micrometer context, such as the current observation and
		 * span, is restored around the call.
		 */
		private boolean observation = true;

		/**
		 * Whether the caller's Spring Security context is carried to the call.
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
		 * Whether calls of this task run on a thread of their own.
		 */
		private boolean enabled = true;

		/**
		 * Mode of this task, naming the backend that runs its calls; when not set,
		 * follows 'threadmethod.mode'. Ignored when 'threadmethod.mode' is 'synchronous'.
		 */
		private @Nullable String mode;

		/**
		 * When a call of this task made in a transaction starts; when not set, follows
		 * 'threadmethod.dispatch'. Tasks in the durable mode store their calls in the
		 * caller's transaction and cannot set 'after-commit'.
		 */
		private @Nullable Dispatch dispatch;

		/**
		 * What the key of this task's calls does, given by the 'key' expression of its
		 * @FireAndForget methods: 'unique' starts no call while a call with the same key
		 * is waiting or running; 'serial' runs the calls of one key one after another, in
		 * the order they were made. When not set, a key only names the call in logs and
		 * observations.
		 */
		private @Nullable KeyPolicy keyPolicy;

		private final Concurrency concurrency = new Concurrency();

		private final Retries durable = new Retries();

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

		public @Nullable Dispatch getDispatch() {
			return this.dispatch;
		}

		public void setDispatch(@Nullable Dispatch dispatch) {
			this.dispatch = dispatch;
		}

		public @Nullable KeyPolicy getKeyPolicy() {
			return this.keyPolicy;
		}

		public void setKeyPolicy(@Nullable KeyPolicy keyPolicy) {
			this.keyPolicy = keyPolicy;
		}

		public Concurrency getConcurrency() {
			return this.concurrency;
		}

		public Retries getDurable() {
			return this.durable;
		}

	}

	/**
	 * How the calls of the durable mode are retried, and what their effects are held to:
	 * of every task under {@code threadmethod.durable}, or of one task under
	 * {@code threadmethod.tasks[<task>].durable}, where what is not set follows the
	 * former.
	 */
	public static class Retries {

		/**
		 * Maximum number of times a failed durable call is tried again before it is kept
		 * in the table as failed.
		 */
		private @Nullable Integer maxRetries;

		/**
		 * Time after its first failure that a durable call is tried again, each later
		 * retry waiting twice as long as the one before.
		 */
		private @Nullable Duration backoff;

		/**
		 * What a durable call's body's writes on the database of db-scheduler's table are
		 * held to: 'at-least-once' (when not set) runs the body again after a crash, so
		 * the body must be idempotent; 'once' runs the body in a transaction on that
		 * database that also marks the call done, so that its writes there commit once.
		 */
		private @Nullable Effects effects;

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

		public @Nullable Effects getEffects() {
			return this.effects;
		}

		public void setEffects(@Nullable Effects effects) {
			this.effects = effects;
		}

	}

	/**
	 * The durable mode, which stores each call in db-scheduler's table, to run on one
	 * instance of the application, at least once, retried when it fails.
	 */
	public static class Durable extends Retries {

		/**
		 * When to create db-scheduler's table, 'scheduled_tasks', at start-up if it does
		 * not exist.
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * Time a stored call whose task, bean or method this instance does not know is
		 * put back for an instance of another version to run, before it is kept in the
		 * table as failed; counted from the first time an instance did not know it.
		 * Putting it back is not an attempt. Zero keeps such a call as failed at once.
		 */
		private Duration unknownCallGrace = Duration.ofDays(1);

		/**
		 * Largest stored form (JSON) of a durable call: a call whose arguments make it
		 * larger is rejected, naming its task and its size, and nothing is stored.
		 */
		private DataSize maxCallSize = DataSize.ofKilobytes(256);

		/**
		 * Classes, by fully qualified name, whose properties a stored call cannot carry
		 * (ignored by the mapper, write-only, read-only, or without an accessor) and
		 * which the application accepts to lose: the body gets their default value, and
		 * start-up warns once instead of failing. Also classes written or read by a
		 * serializer or deserializer of the application's own, which start-up cannot
		 * check: listed, they are trusted, with a warning once.
		 */
		private List<String> allowLossyTypes = new ArrayList<>();

		private final DoneMarks doneMarks = new DoneMarks();

		/**
		 * How an idle instance hears of a call stored by another: 'notify' wakes every
		 * instance when the call commits, with PostgreSQL's LISTEN and NOTIFY (on another
		 * database, instances poll); 'poll' leaves them to find it at their next poll,
		 * every 'db-scheduler.polling-interval'. The instance that stores a call looks
		 * for it at once either way.
		 */
		private WakeUp wakeUp = WakeUp.NOTIFY;

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public Duration getUnknownCallGrace() {
			return this.unknownCallGrace;
		}

		public void setUnknownCallGrace(Duration unknownCallGrace) {
			this.unknownCallGrace = unknownCallGrace;
		}

		public DataSize getMaxCallSize() {
			return this.maxCallSize;
		}

		public void setMaxCallSize(DataSize maxCallSize) {
			this.maxCallSize = maxCallSize;
		}

		public List<String> getAllowLossyTypes() {
			return this.allowLossyTypes;
		}

		public void setAllowLossyTypes(List<String> allowLossyTypes) {
			this.allowLossyTypes = allowLossyTypes;
		}

		public DoneMarks getDoneMarks() {
			return this.doneMarks;
		}

		public WakeUp getWakeUp() {
			return this.wakeUp;
		}

		public void setWakeUp(WakeUp wakeUp) {
			this.wakeUp = wakeUp;
		}

	}

	/**
	 * The marks that the calls of tasks whose effects are 'once' are done, and their
	 * clean-up once their stored calls are gone.
	 */
	public static class DoneMarks {

		/**
		 * Time a done mark is kept at least, after its call was done, before the clean-up
		 * may remove it once its stored call is gone from db-scheduler's table.
		 */
		private Duration retention = Duration.ofHours(1);

		/**
		 * Time between two runs of the clean-up of the done marks, on each instance.
		 */
		private Duration cleanupInterval = Duration.ofMinutes(10);

		/**
		 * Largest number of done marks one statement of the clean-up removes; a run
		 * removes batch after batch until one comes short.
		 */
		private int cleanupBatchSize = 500;

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

		public int getCleanupBatchSize() {
			return this.cleanupBatchSize;
		}

		public void setCleanupBatchSize(int cleanupBatchSize) {
			this.cleanupBatchSize = cleanupBatchSize;
		}

	}

	/**
	 * What the writes of a durable call's body on the database of db-scheduler's table
	 * are held to.
	 */
	public enum Effects {

		/**
		 * The body runs at least once: again after a crash, even if its writes had
		 * committed.
		 */
		AT_LEAST_ONCE,

		/**
		 * The body's writes on that database commit once: with the mark that the call is
		 * done, in one transaction.
		 */
		ONCE

	}

	/**
	 * How an idle instance of the durable mode hears of a call stored by another.
	 */
	public enum WakeUp {

		/**
		 * Woken when the call commits, where the database can tell every instance
		 * (PostgreSQL); elsewhere, at the next poll.
		 */
		NOTIFY,

		/**
		 * At the next poll only.
		 */
		POLL

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

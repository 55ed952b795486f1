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
package io.github.threadmethod.durable;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.durable.DurableRetryPolicy.FailedAttempt;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import io.github.threadmethod.durable.StoredCallObservations.Observed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one db-scheduler task, {@value #NAME}, that runs every stored call, on the
 * scheduler's thread: it reads the call as data, finds its task among the known durable
 * tasks, binds the arguments to the method's declared types, and has the
 * {@link StoredCallRunner} run it, on the bean's body proxy, with
 * {@link DurableCall#current()} telling the body and the exception handler which call and
 * attempt it is. Each attempt is observed from the trace stored with the call (see
 * {@link StoredCallObservations}), so that it continues the trace of the caller that
 * stored it. A failed attempt goes back to the scheduler, which retries it, or keeps it
 * as failed, by the {@link DurableRetryPolicy}, with what it failed with kept in its
 * data. A call of a task, bean or method this instance does not know, which an instance
 * of another version may, is put back for its grace period by the
 * {@link UnknownCallGrace}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableCallTask extends OneTimeTask<DurableCallData> {

	/**
	 * The name of the task in db-scheduler's table.
	 */
	static final String NAME = "threadmethod";

	private static final Log logger = LogFactory.getLog(DurableCallTask.class);

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

	private final DurableTasks tasks;

	private final StoredCallFormat format;

	private final Supplier<StoredCallRunner> runner;

	private final DurableRetryPolicy policy;

	private final StoredCallObservations observations;

	private final UnknownCallGrace unknownCalls;

	/**
	 * Create the task that runs the stored calls of the given durable tasks.
	 * @param tasks the tasks in the durable mode
	 * @param format the format calls are stored in
	 * @param runner supplies the runner of each call
	 * @param defaults how the calls of a task without retries of its own are retried
	 * @param retries how the calls of each task with retries of its own are retried, by
	 * task name
	 * @param observations observes each attempt
	 * @param unknownCallGrace how long a call this instance does not know is put back for
	 * an instance that knows it, before it is kept as failed
	 */
	public DurableCallTask(DurableTasks tasks, StoredCallFormat format, Supplier<StoredCallRunner> runner,
			DurableRetries defaults, Map<String, DurableRetries> retries, StoredCallObservations observations,
			Duration unknownCallGrace) {
		this(tasks, format, runner, new DurableRetryPolicy(defaults, retries, new LastFailures(format)), observations,
				new UnknownCallGrace(unknownCallGrace, defaults.backoff(), Clock.systemUTC()));
	}

	private DurableCallTask(DurableTasks tasks, StoredCallFormat format, Supplier<StoredCallRunner> runner,
			DurableRetryPolicy policy, StoredCallObservations observations, UnknownCallGrace unknownCalls) {
		super(NAME, DurableCallData.class, policy, policy);
		this.tasks = tasks;
		this.format = format;
		this.runner = runner;
		this.policy = policy;
		this.observations = observations;
		this.unknownCalls = unknownCalls;
	}

	@Override
	public CompletionHandler<DurableCallData> execute(TaskInstance<DurableCallData> instance,
			ExecutionContext context) {
		try {
			return super.execute(instance, context);
		}
		catch (UnknownCallException ex) {
			try {
				return this.unknownCalls.putBack(context.getExecution(), ex);
			}
			catch (UnrunnableCallException expired) {
				throw unrunnable(instance.getId(), expired);
			}
		}
	}

	@Override
	public void executeOnce(TaskInstance<DurableCallData> instance, ExecutionContext context) {
		this.tasks.awaitReady(READY_TIMEOUT);
		String id = instance.getId();
		StoredCall stored;
		try {
			DurableCallData data = instance.getData();
			if (data == null) {
				throw new UnrunnableCallException("it has no data");
			}
			stored = this.format.read(data.json());
		}
		catch (UnrunnableCallException ex) {
			throw unrunnable(id, ex);
		}
		int attempt = context.getExecution().consecutiveFailures + 1;
		// Observed from here, once the trace it continues is known: a call that cannot
		// run shows as a failed attempt in its caller's trace
		Observed observed = this.observations.run(stored.task(), id, attempt, stored.trace());
		Throwable failure = null;
		try {
			run(stored, id, attempt);
		}
		catch (RuntimeException | Error ex) {
			failure = (ex instanceof FailedAttempt failed) ? failed.getCause() : ex;
			throw ex;
		}
		finally {
			observed.end(failure);
		}
	}

	/**
	 * Run a stored call that has been read.
	 * @throws FailedAttempt if the call failed
	 * @throws UnrunnableCallException if the call cannot run at all
	 * @throws UnknownCallException if this instance does not know the call
	 */
	private void run(StoredCall stored, String id, int attempt) {
		DurableTask task;
		@Nullable Object[] arguments;
		try {
			task = this.tasks.resolve(stored);
			arguments = this.format.arguments(stored, task);
		}
		catch (UnrunnableCallException ex) {
			throw unrunnable(id, ex);
		}
		DurableCall call = this.policy.call(id, task.name(), attempt);
		StoredCallRunner runner = this.runner.get();
		Object body = this.tasks.bodyOf(task);
		Throwable failure = DurableCall.runAs(call, runner,
				() -> runner.run(task.task(), arguments, () -> BodyProxies.invoke(body, task, arguments)));
		if (failure != null) {
			throw this.policy.failed(call, failure);
		}
	}

	private static UnrunnableCallException unrunnable(String id, UnrunnableCallException ex) {
		logger.error("Durable @FireAndForget call '" + id + "' cannot run, and is kept in db-scheduler's table as "
				+ "failed (task_name '" + NAME + "', task_instance '" + id + "'), never tried again: "
				+ ex.getMessage(), ex.getCause());
		return ex;
	}

}

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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import io.github.threadmethod.durable.StoredCallObservations.Observed;
import io.github.threadmethod.launch.CallLauncher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The one db-scheduler task, {@value #NAME}, that runs every stored call, on the
 * scheduler's thread: it reads the call as data, finds its task among the known durable
 * tasks, binds the arguments to the method's declared types, and has the launcher run it
 * in place through the bean's proxy, with {@link DurableCall#current()} telling the body
 * and the exception handler which call and attempt it is. Each attempt is observed from
 * the trace stored with the call (see {@link StoredCallObservations}), so that it
 * continues the trace of the caller that stored it.
 *
 * <p>
 * A failed attempt goes back to the scheduler, and this task's failure handler retries it
 * after the task's back-off, doubling each time; after the last attempt, or at once for a
 * call that cannot run at all (a method that no longer exists), the row is kept, marked
 * failed: its next execution is set to {@link #FAILED_AT}, which the scheduler never
 * reaches, so it is neither retried in a loop nor dropped.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableCallTask extends OneTimeTask<DurableCallData> {

	/**
	 * The name of the task in db-scheduler's table.
	 */
	static final String NAME = "threadmethod";

	/**
	 * When a call kept as failed would next run: never, in practice.
	 */
	static final Instant FAILED_AT = Instant.parse("9999-01-01T00:00:00Z");

	/**
	 * The longest wait between two attempts, whatever the back-off and the attempt.
	 */
	static final Duration MAX_DELAY = Duration.ofDays(30);

	private static final Log logger = LogFactory.getLog(DurableCallTask.class);

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

	private final DurableTasks tasks;

	private final StoredCallFormat format;

	private final Supplier<CallLauncher> launcher;

	private final BeanFactory beanFactory;

	private final DurableRetries defaults;

	private final Map<String, DurableRetries> retries;

	private final StoredCallObservations observations;

	/**
	 * Create the task that runs the stored calls of the given durable tasks.
	 * @param tasks the tasks in the durable mode
	 * @param format the format calls are stored in
	 * @param launcher supplies the launcher that runs each call
	 * @param beanFactory the bean factory of the tasks' beans
	 * @param defaults how the calls of a task without retries of its own are retried
	 * @param retries how the calls of each task with retries of its own are retried, by
	 * task name
	 * @param observations observes each attempt
	 */
	public DurableCallTask(DurableTasks tasks, StoredCallFormat format, Supplier<CallLauncher> launcher,
			BeanFactory beanFactory, DurableRetries defaults, Map<String, DurableRetries> retries,
			StoredCallObservations observations) {
		super(NAME, DurableCallData.class, new Retries(defaults), new Revival(defaults, retries));
		this.tasks = tasks;
		this.format = format;
		this.launcher = launcher;
		this.beanFactory = beanFactory;
		this.defaults = defaults;
		this.retries = Map.copyOf(retries);
		this.observations = observations;
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
	 */
	private void run(StoredCall stored, String id, int attempt) {
		DurableTask task;
		@Nullable Object[] arguments;
		try {
			task = resolve(stored);
			arguments = this.format.arguments(stored, task);
		}
		catch (UnrunnableCallException ex) {
			throw unrunnable(id, ex);
		}
		DurableRetries retries = this.retries.getOrDefault(task.name(), this.defaults);
		DurableCall call = new DurableCall(id, task.name(), attempt, retries.maxRetries() + 1);
		Object bean = this.beanFactory.getBean(task.beanName());
		Method method = task.method();
		Throwable failure = DurableCall.runAs(call, () -> this.launcher.get()
			.runInPlace(task.task(), method, arguments, () -> invoke(bean, method, arguments)));
		if (failure != null) {
			throw new FailedAttempt(call, retries.backoff(), failure);
		}
	}

	private static UnrunnableCallException unrunnable(String id, UnrunnableCallException ex) {
		logger.error("Durable @FireAndForget call '" + id + "' cannot run, and is kept in db-scheduler's table as "
				+ "failed (task_name '" + NAME + "', task_instance '" + id + "'), never tried again: "
				+ ex.getMessage(), ex.getCause());
		return ex;
	}

	private DurableTask resolve(StoredCall stored) {
		DurableTask task = this.tasks.get(stored.task());
		if (task == null) {
			throw new UnrunnableCallException("it is a call of task '" + stored.task()
					+ "', which is not a @FireAndForget task in the durable mode in this application");
		}
		if (!task.beanName().equals(stored.bean()) || !task.signature().equals(stored.method())) {
			throw new UnrunnableCallException("it is a call of task '" + stored.task() + "' to bean '" + stored.bean()
					+ "', method " + stored.method() + ", but that task now runs bean '" + task.beanName()
					+ "', method " + task.signature());
		}
		return task;
	}

	private static void invoke(Object bean, Method method, @Nullable Object[] arguments) throws Throwable {
		try {
			// The method as the proxy has it: an interface's for a JDK proxy
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			invocable.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	/**
	 * A failed attempt at a stored call, as it goes back to the scheduler.
	 */
	@SuppressWarnings("serial")
	static final class FailedAttempt extends RuntimeException {

		private final transient DurableCall call;

		private final Duration backoff;

		FailedAttempt(DurableCall call, Duration backoff, Throwable failure) {
			super(call + " failed", failure);
			this.call = call;
			this.backoff = backoff;
		}

		/**
		 * How long to wait before the next attempt: the back-off, doubled for each
		 * attempt before this one, and never more than {@link #MAX_DELAY}, so that the
		 * next attempt's time stays within what every database can store.
		 */
		Duration delay() {
			int doublings = Math.min(this.call.getAttempt() - 1, 30);
			try {
				Duration delay = this.backoff.multipliedBy(1L << doublings);
				return (delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay;
			}
			catch (ArithmeticException ex) {
				return MAX_DELAY;
			}
		}

	}

	/**
	 * Retries a failed attempt while the call has attempts left, and keeps it as failed
	 * after its last, or at once if it cannot run at all.
	 */
	private static final class Retries implements FailureHandler<DurableCallData> {

		private final DurableRetries defaults;

		Retries(DurableRetries defaults) {
			this.defaults = defaults;
		}

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<DurableCallData> operations) {
			Throwable cause = complete.getCause().orElse(null);
			String id = complete.getExecution().taskInstance.getId();
			if (cause instanceof FailedAttempt failed) {
				if (!failed.call.isLastAttempt()) {
					operations.reschedule(complete, complete.getTimeDone().plus(failed.delay()));
					return;
				}
				logger.error(failed.call + " failed on its last attempt; it is kept in db-scheduler's table as failed "
						+ "(task_name '" + NAME + "', task_instance '" + id + "')");
			}
			else if (!(cause instanceof UnrunnableCallException)) {
				// Failed outside the body (start-up not over, an interceptor of the
				// engine):
				// retried as by default, since its task is not known
				int attempt = complete.getExecution().consecutiveFailures + 1;
				if (attempt <= this.defaults.maxRetries()) {
					operations.reschedule(complete, complete.getTimeDone().plus(this.defaults.backoff()));
					return;
				}
				logger.error(
						"Durable @FireAndForget call '" + id + "' failed " + attempt
								+ " times before its body could run; it is kept in db-scheduler's table as failed",
						cause);
			}
			operations.reschedule(complete, FAILED_AT);
		}

	}

	/**
	 * Revives the run of a call whose instance died (its heartbeats stopped) as its next
	 * attempt, as db-scheduler does, but only while the call has attempts left: a call
	 * that kills its JVM on every run is kept as failed after its last, rather than
	 * revived for ever. The dead run counts as a failed attempt.
	 */
	private static final class Revival implements DeadExecutionHandler<DurableCallData> {

		private final DurableRetries defaults;

		private final Map<String, DurableRetries> retries;

		Revival(DurableRetries defaults, Map<String, DurableRetries> retries) {
			this.defaults = defaults;
			this.retries = Map.copyOf(retries);
		}

		@Override
		public void deadExecution(ExecutionComplete dead, ExecutionOperations<DurableCallData> operations) {
			String id = dead.getExecution().taskInstance.getId();
			int attempt = dead.getExecution().consecutiveFailures + 1;
			if (attempt <= this.retries.getOrDefault(taskName(id), this.defaults).maxRetries()) {
				operations.reschedule(dead, Instant.now());
				return;
			}
			logger.error("Durable @FireAndForget call '" + id + "' died with its instance on its last attempt ("
					+ attempt + "); it is kept in db-scheduler's table as failed (task_name '" + NAME
					+ "', task_instance '" + id + "')");
			operations.reschedule(dead, FAILED_AT);
		}

		/**
		 * The task named by a call's id, or "" for the defaults when the id holds a hash
		 * in place of a name too long for it.
		 */
		private static String taskName(String id) {
			int slash = id.lastIndexOf('/');
			return (slash > 0 && id.charAt(0) != '#') ? id.substring(0, slash) : "";
		}

	}

}

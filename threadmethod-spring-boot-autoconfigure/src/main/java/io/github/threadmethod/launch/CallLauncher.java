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
import java.util.Map;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.StoredCalls;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.github.threadmethod.support.CurrentCall;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.util.Assert;

/**
 * The launch seam: the one place every {@link FireAndForget @FireAndForget} call passes
 * through, whatever {@link FireAndForgetBackend} runs its body.
 *
 * <p>
 * {@link #launch} takes a call: it meets the shutdown gate, gets its business key, if its
 * method has a key expression, takes the slots of its task's limit and of the global one
 * under its task's policy, enters the {@linkplain #getCalls() account of calls}, is
 * decorated on the caller's thread and is handed to the backend of its task's mode. The
 * call is then run, {@linkplain FireAndForgetExecution#handOver() handed over} to be
 * stored, deduplicated, or rejected, exactly one of them, whatever a decorator or a
 * backend does; what its body throws goes to the {@link FireAndForgetExceptionHandler}.
 *
 * <p>
 * A task's {@linkplain io.github.threadmethod.KeyPolicy key policy} applies to the calls
 * that have a key: under {@code unique}, a call whose key a call still waiting or running
 * holds is not started, before it takes any slot; under {@code serial}, a call whose key
 * has a call before it is queued, taken but not handed to its backend until that call
 * ends.
 *
 * <p>
 * A call of a task whose {@link Dispatch dispatch} is {@code AFTER_COMMIT}, made while a
 * Spring-managed transaction is active on its caller's thread, meets the gate, gets its
 * key and has its caller's context captured at once, and is taken when that transaction
 * has committed, under its key policy then; it is discarded if the transaction rolls
 * back, never having held its key.
 *
 * <p>
 * A call that a backend stored to run later, on any instance, is run there through this
 * launcher as the {@link StoredCallRunner}: accounted for, observed and its failure
 * handled as any other call.
 *
 * <p>
 * When the context stops or closes, the launcher rejects new calls, wakes the callers
 * waiting for a slot, and waits up to the shutdown timeout for the running calls, in a
 * {@linkplain #DEFAULT_PHASE phase} after the web server has stopped taking requests.
 *
 * <p>
 * A call over a limit whose policy is {@code caller-runs} runs on its caller's thread,
 * undecorated. The calls of a backend that is not
 * {@linkplain FireAndForgetBackend#isLimited() limited} take no slot.
 *
 * <p>
 * Public for threadmethod's own packages and auto-configuration; not an API, may change
 * in any release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class CallLauncher implements StoredCallRunner, SmartLifecycle, DisposableBean, ApplicationContextAware,
		ApplicationListener<ContextClosedEvent> {

	/**
	 * The {@linkplain #getPhase() phase}: below Spring Boot's web server phases, so that
	 * running calls are drained after the server has stopped taking requests.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final CallAccount account;

	private final CallKeys keys = new CallKeys();

	private final TaskRuntimes runtimes;

	private final LaunchGate gate;

	private final CallCompletion completion;

	private final AfterCommitDispatch afterCommit;

	private @Nullable TaskDecorator taskDecorator;

	private @Nullable ApplicationContext applicationContext;

	private volatile boolean running;

	/**
	 * Create a launcher with the given settings and backends.
	 * @param settings the settings, defaults applied
	 * @param backends the backends, one for each mode that the settings name
	 */
	public CallLauncher(LaunchSettings settings, Collection<? extends FireAndForgetBackend> backends) {
		Assert.notNull(settings, "Settings must not be null");
		Assert.notEmpty(backends, "At least one backend is needed");
		this.account = new CallAccount(this::storeOf);
		this.runtimes = new TaskRuntimes(settings, backends, this.account);
		this.gate = new LaunchGate(this.runtimes, this.account);
		this.completion = new CallCompletion(this.account, this.runtimes.severalModes());
		this.afterCommit = new AfterCommitDispatch(this.completion,
				(call) -> take(call.task(), call.runtime(), call.invocation(), call));
	}

	/**
	 * Set the handler that receives what the body of a call throws. Default logs it at
	 * {@code ERROR}.
	 * @param exceptionHandler the handler
	 */
	public void setExceptionHandler(FireAndForgetExceptionHandler exceptionHandler) {
		Assert.notNull(exceptionHandler, "Exception handler must not be null");
		this.completion.setExceptionHandler(exceptionHandler);
	}

	/**
	 * Set the decorator applied to each call: it is handed the call on the caller's
	 * thread and runs on the call's thread, so it can carry context across.
	 * @param taskDecorator the decorator, or {@code null} for none
	 */
	public void setTaskDecorator(@Nullable TaskDecorator taskDecorator) {
		this.taskDecorator = taskDecorator;
	}

	/**
	 * Observe each call with the given registry, as
	 * {@link io.github.threadmethod.observation.FireAndForgetObservationDocumentation#CALL}
	 * named and keyed by the given convention: its body on the thread that runs it, as a
	 * child of the observation current on its caller's thread, and its rejection on the
	 * caller's thread. By default no call is observed.
	 * @param registry the registry, or {@link ObservationRegistry#NOOP} to observe no
	 * call
	 * @param convention the convention, or {@code null} for the
	 * {@linkplain io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention
	 * default}
	 */
	public void setObservation(ObservationRegistry registry, @Nullable FireAndForgetObservationConvention convention) {
		Assert.notNull(registry, "Observation registry must not be null");
		this.completion.observeWith(registry, convention);
	}

	/**
	 * Set the registry that observes the calls the {@linkplain #setObservation
	 * observation registry} does not observe (there is none, or a predicate switched the
	 * observation off), for the meters derived from the observation only: no call is
	 * observed by both, and the meters are there, with the same tags, in every
	 * configuration.
	 * @param metricsObservationRegistry the registry, or {@code null} for none
	 */
	public void setMetricsObservationRegistry(@Nullable ObservationRegistry metricsObservationRegistry) {
		this.completion.meterWith(metricsObservationRegistry);
	}

	/**
	 * Set the meters that time the bodies of the calls the {@linkplain #setObservation
	 * observation registry} does not observe, when their keys are the default
	 * convention's: the meters of the {@linkplain #setMetricsObservationRegistry metrics
	 * observation registry}, with the same tags, without an observation per call. The
	 * other calls it does not observe are observed on the metrics observation registry
	 * still.
	 * @param meters the meters, or {@code null} for none
	 */
	public void setCallMeters(@Nullable CallMeters meters) {
		this.completion.timeWith(meters);
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Return the account of every call this launcher has taken.
	 * @return the calls
	 */
	public FireAndForgetCalls getCalls() {
		return this.account;
	}

	/**
	 * Return the settings in effect.
	 * @return the settings
	 */
	public LaunchSettings getSettings() {
		return this.runtimes.settings();
	}

	/**
	 * Return whether the tasks run in more than one mode, as the settings say: the
	 * observations and meters of calls then tell the modes apart with a {@code mode} key,
	 * on every call of every task, so that each meter has one set of tags.
	 * @return whether the tasks run in more than one mode
	 */
	public boolean hasSeveralModes() {
		return this.runtimes.severalModes();
	}

	/**
	 * Return the store of the given task's calls: its backend, if that stores them.
	 */
	private @Nullable StoredCalls storeOf(String taskName) {
		FireAndForgetBackend backend = this.runtimes.backends().get(getSettings().forTask(taskName).mode());
		return (backend instanceof StoredCalls store) ? store : null;
	}

	/**
	 * Return the backends, by mode.
	 * @return the backends
	 */
	public Map<String, FireAndForgetBackend> getBackends() {
		return this.runtimes.backends();
	}

	/**
	 * Return how many calls of the given task were rejected for the given reason since
	 * start-up.
	 * @param taskName the task name
	 * @param reason the reason
	 * @return the number of rejected calls
	 */
	public long getRejected(String taskName, Rejection reason) {
		return this.account.rejected(taskName, reason);
	}

	/**
	 * Add a listener that hears what happens to calls from now on.
	 * @param listener the listener
	 */
	public void addListener(CallListener listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.account.addListener(listener);
	}

	/**
	 * Make a task known before its first call, with the state its calls will use, so that
	 * the account (and the endpoint that shows it) lists the task from start-up rather
	 * than from its first call. Registering a task known already does nothing.
	 * @param taskName the task name
	 */
	public void registerTask(String taskName) {
		Assert.hasText(taskName, "Task name must not be empty");
		this.runtimes.register(taskName);
	}

	/**
	 * Take one call of the given task and hand it to its backend, or run it on the
	 * caller's thread if its task's limit is reached and its policy says so.
	 * @param task the task being called
	 * @param invocation the call, to be proceeded with at most once
	 * @throws TaskRejectedException if the call was not taken: its body has not run and
	 * will not run
	 */
	public void launch(FireAndForgetTask task, MethodInvocation invocation) throws TaskRejectedException {
		TaskRuntime runtime = this.runtimes.of(task);
		try {
			if (this.afterCommit.defers(runtime)) {
				this.gate.check(task);
				// The key is made of the arguments as passed, and fails the call, now;
				// what
				// it holds is taken when the call is, once the transaction has committed,
				// so
				// that a call discarded by a rollback never holds it
				String key = this.keys.keyOf(task, invocation.getArguments());
				this.afterCommit.defer(runtime, task, invocation, key, this.taskDecorator);
			}
			else {
				take(task, runtime, invocation, null);
			}
		}
		catch (CallRejectedException ex) {
			this.completion.rejected(task, runtime, ex);
			throw ex;
		}
	}

	/**
	 * Take a call now, or, for a call that waited for its caller's transaction to commit,
	 * with the caller's context captured when it was made.
	 */
	private void take(FireAndForgetTask task, TaskRuntime runtime, MethodInvocation invocation,
			@Nullable DeferredCall deferred) {
		this.gate.check(task);
		String key = (deferred != null) ? deferred.key() : this.keys.keyOf(task, invocation.getArguments());
		if (key != null && !runtime.hold(key)) {
			this.completion.deduplicated(task, runtime, key);
			return;
		}
		boolean ownThread;
		try {
			ownThread = runtime.permits().acquire(task);
		}
		catch (CallRejectedException ex) {
			releaseKey(runtime, key);
			throw this.gate.explain(task, ex);
		}
		catch (RuntimeException | Error ex) {
			releaseKey(runtime, key);
			throw ex;
		}
		// A call that waits its turn may run on another thread even under caller-runs
		boolean takesTurns = runtime.takesTurns(key);
		LaunchedCall call = (deferred != null) ? deferred.take(this.completion, ownThread, ownThread || takesTurns)
				: new LaunchedCall(this.completion, runtime, task, invocation, ownThread, key);
		this.account.register(call);
		try {
			// Checked again once registered: a drain beginning now either sees this call
			// and waits for it, or this call sees the drain and is rejected
			this.gate.check(task);
			// A deferred call was decorated when it was made, on its caller's thread
			if ((ownThread || takesTurns) && deferred == null) {
				call.decorate(this.taskDecorator);
			}
		}
		catch (Throwable ex) {
			// A decorator that ran the call before it failed has had its call run: then
			// nothing is rejected, and what remains is to let the call end
			withdraw(call, ex, () -> (ex instanceof CallRejectedException rejection) ? rejection
					: CallRejectedException.decoratorFailed(task, ex));
			return;
		}
		if (takesTurns && !runtime.enter(call)) {
			// Queued behind the call of its key before it, which hands it on when it ends
			return;
		}
		if (!ownThread) {
			// The policy of a limit reached: a plain call, outside the limit
			call.runBody();
			return;
		}
		try {
			runtime.backend().execute(call);
		}
		catch (Throwable ex) {
			withdraw(call, ex, () -> backendRejection(task, runtime, ex));
		}
	}

	private static void releaseKey(TaskRuntime runtime, @Nullable String key) {
		if (key != null) {
			runtime.release(key);
		}
	}

	/**
	 * Describe a backend's failure to take a call, naming the task, without trusting the
	 * failure to describe itself.
	 */
	static CallRejectedException backendRejection(FireAndForgetTask task, TaskRuntime runtime, Throwable ex) {
		String prefix = "@FireAndForget call of task '" + task.getName() + "' rejected: ";
		if (ex instanceof TaskRejectedException) {
			Throwable cause = Failures.cause(ex);
			String message = Failures.message(ex);
			return new CallRejectedException(Rejection.START, prefix
					+ ((message != null) ? message : "its backend '" + runtime.settings().mode() + "' refused it"),
					(cause != null) ? cause : ex);
		}
		return new CallRejectedException(Rejection.START, prefix + "its backend '" + runtime.settings().mode()
				+ "' could not take it (" + Failures.summary(ex) + ")", ex);
	}

	/**
	 * Take back a call that went wrong before its backend took it, and reject it; unless
	 * it has run, or is running, after all, which is then left to finish. The call is
	 * withdrawn before anything else is asked of the failure, which may itself fail.
	 */
	private void withdraw(LaunchedCall call, Throwable failure, Supplier<CallRejectedException> rejection) {
		if (!call.withdraw()) {
			Failures.log("@FireAndForget call of task '" + call.getTask().getName()
					+ "' ran, or was handed over, although starting it failed; it is not rejected", failure);
			return;
		}
		this.completion.withdrawn(call);
		throw rejection.get();
	}

	@Override
	public @Nullable Throwable run(FireAndForgetTask task, @Nullable Object[] arguments, Body body) {
		Assert.notNull(task, "Task must not be null");
		Assert.isTrue(task.getMethod().getParameterCount() == arguments.length,
				"Arguments must match the method's parameters");
		Assert.notNull(body, "Body must not be null");
		LaunchedCall call = new LaunchedCall(this.completion, this.runtimes.of(task), task,
				new StoredCallInvocation(task, arguments, body), false, null);
		this.account.register(call);
		call.runBody();
		return call.failure();
	}

	@Override
	public @Nullable RunningCall currentCall() {
		return CurrentCall.get();
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.applicationContext) {
			this.gate.contextClosing();
		}
	}

	@Override
	public void start() {
		this.gate.open();
		this.running = true;
	}

	@Override
	public void stop() {
		this.gate.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	/**
	 * Drain on destruction too, for a context that closes without stopping its lifecycle
	 * beans (one whose refresh failed, say).
	 */
	@Override
	public void destroy() {
		this.gate.close();
	}

}

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
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
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
 * The launch seam: the one place every {@link io.github.threadmethod.FireAndForget
 *
 * @FireAndForget} call passes through, whatever backend runs its body. Here, and only
 * here, a call
 * <ol>
 * <li>meets the shutdown gate,</li>
 * <li>takes the slots of its task's limit and of the global one, under its task's
 * policy,</li>
 * <li>enters the {@linkplain #getCalls() account of calls},</li>
 * <li>is decorated on the caller's thread, so the task decorators capture the caller's
 * context,</li>
 * <li>and is handed to the {@link FireAndForgetBackend} of its task's mode.</li>
 * </ol>
 * When the backend runs it, the call restores that context, counts itself started, runs
 * the body, routes a failure to the {@link FireAndForgetExceptionHandler}, leaves the
 * account and gives its slots back, in that order; the decorators then clean up on the
 * call's thread. With an {@linkplain #setObservationRegistry observation registry}, the
 * body is observed on its thread as a child of the caller's observation, and a rejected
 * call is observed on the caller's. A call is run or rejected, never both and never
 * neither, whatever a decorator or a backend does. A call over a limit whose policy is
 * {@code caller-runs} runs on its caller's thread, undecorated, and is accounted for all
 * the same. Calls of a task whose backend is not
 * {@linkplain FireAndForgetBackend#isLimited() limited} (the {@link SynchronousBackend
 * synchronous} mode, a durable one) take no slot of either limit.
 *
 * <p>
 * A backend that stores a call to run elsewhere
 * {@linkplain io.github.threadmethod.FireAndForgetCall#handOver() hands it over}: it
 * counts as stored, leaves the account, and its body never runs here. Whatever later runs
 * the stored call, on any instance, {@linkplain #run(FireAndForgetTask, Object[], Body)
 * runs it} through that instance's launcher, so that it is accounted for, observed and
 * its failure handled there as any other call.
 *
 * <p>
 * When the application context closes (or stops), the launcher stops taking calls, wakes
 * the callers waiting for a slot and rejects them, then waits up to the shutdown timeout
 * for the running calls, and logs any still running by task name. Its
 * {@linkplain #getPhase() phase} puts this after the web server has stopped taking
 * requests, so that requests still being handled can make calls.
 * @author threadmethod contributors
 */
public final class CallLauncher implements StoredCallRunner, SmartLifecycle, DisposableBean, ApplicationContextAware,
		ApplicationListener<ContextClosedEvent> {

	/**
	 * The default {@linkplain #getPhase() phase}: below Spring Boot's web server phases,
	 * so that running calls are drained after the server has stopped taking requests.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final LaunchSettings settings;

	private final Map<String, FireAndForgetBackend> backends;

	// The one piece of per-task state, by task name: tasks of the same name share their
	// settings, limit and counters
	private final Map<String, TaskRuntime> tasks = new ConcurrentHashMap<>(64);

	private final CallAccount account = new CallAccount(this.tasks);

	private final @Nullable Permits globalPermits;

	private final @Nullable SlowCallWatchdog slowCallWatchdog;

	// Whether the tasks run in more than one mode, so that observations tell modes apart
	private final boolean severalModes;

	private FireAndForgetExceptionHandler exceptionHandler = new LoggingExceptionHandler();

	private @Nullable TaskDecorator taskDecorator;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ObservationRegistry metricsObservationRegistry;

	private @Nullable FireAndForgetObservationConvention observationConvention;

	// Read by every call; replaced when the observation is configured
	private volatile CallObserver observer;

	private int phase = DEFAULT_PHASE;

	private @Nullable ApplicationContext applicationContext;

	private volatile Gate gate = Gate.OPEN;

	private volatile boolean closing;

	private volatile boolean running;

	/**
	 * Create a launcher with the given settings and backends.
	 * @param settings the settings, defaults applied
	 * @param backends the backends, one for each mode that the settings name
	 */
	public CallLauncher(LaunchSettings settings, Collection<? extends FireAndForgetBackend> backends) {
		Assert.notNull(settings, "Settings must not be null");
		Assert.notEmpty(backends, "At least one backend is needed");
		this.settings = settings;
		this.backends = byMode(backends);
		assertBackend(settings.defaults());
		settings.tasks().values().forEach(this::assertBackend);
		Integer globalLimit = settings.globalLimit();
		this.globalPermits = (globalLimit != null) ? new Permits(globalLimit) : null;
		this.slowCallWatchdog = settings.slowCallThreshold().isZero() ? null
				: new SlowCallWatchdog(this.account, settings.slowCallThreshold());
		this.severalModes = modesInUse(settings).size() > 1;
		this.observer = createObserver();
	}

	private static Set<String> modesInUse(LaunchSettings settings) {
		Set<String> modes = new HashSet<>();
		modes.add(settings.defaults().mode());
		settings.tasks().values().forEach((task) -> modes.add(task.mode()));
		return modes;
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

	/**
	 * Set the handler that receives what the body of a call throws. Default logs it at
	 * {@code ERROR}.
	 * @param exceptionHandler the handler
	 */
	public void setExceptionHandler(FireAndForgetExceptionHandler exceptionHandler) {
		Assert.notNull(exceptionHandler, "Exception handler must not be null");
		this.exceptionHandler = exceptionHandler;
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
	 * Set the registry that observes each call, as
	 * {@link io.github.threadmethod.observation.FireAndForgetObservationDocumentation#CALL}.
	 * Default is {@link ObservationRegistry#NOOP}: no call is observed.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "Observation registry must not be null");
		this.observationRegistry = observationRegistry;
		this.observer = createObserver();
	}

	/**
	 * Set the registry that observes the calls the {@linkplain #setObservationRegistry
	 * observation registry} does not observe (there is none, or a predicate switched the
	 * observation off), for the meters derived from the observation only: no call is
	 * observed by both, and the meters are there, with the same tags, in every
	 * configuration.
	 * @param metricsObservationRegistry the registry, or {@code null} for none
	 */
	public void setMetricsObservationRegistry(@Nullable ObservationRegistry metricsObservationRegistry) {
		this.metricsObservationRegistry = metricsObservationRegistry;
		this.observer = createObserver();
	}

	/**
	 * Set the convention that names each call's observation and its keys, in place of the
	 * {@linkplain io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention
	 * default}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable FireAndForgetObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		this.observer = createObserver();
	}

	private CallObserver createObserver() {
		return new CallObserver(this.observationRegistry, this.metricsObservationRegistry, this.observationConvention,
				this.severalModes);
	}

	/**
	 * Set the lifecycle phase in which running calls are drained on shutdown. Default is
	 * {@link #DEFAULT_PHASE}.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
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
		return this.settings;
	}

	/**
	 * Return whether the tasks run in more than one mode, as the settings say: the
	 * observations and meters of calls then tell the modes apart with a {@code mode} key,
	 * on every call of every task, so that each meter has one set of tags.
	 * @return whether the tasks run in more than one mode
	 */
	public boolean hasSeveralModes() {
		return this.severalModes;
	}

	/**
	 * Return the backends, by mode.
	 * @return the backends
	 */
	public Map<String, FireAndForgetBackend> getBackends() {
		return this.backends;
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
		this.tasks.computeIfAbsent(taskName, this::createRuntime);
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
		TaskRuntime runtime = runtimeOf(task);
		try {
			take(task, runtime, invocation);
		}
		catch (CallRejectedException ex) {
			this.account.rejected(task, runtime.counters(), ex.getReason());
			this.observer.rejected(task, runtime.settings().mode(), ex);
			throw ex;
		}
	}

	private void take(FireAndForgetTask task, TaskRuntime runtime, MethodInvocation invocation) {
		checkGate(task);
		boolean ownThread;
		try {
			ownThread = runtime.permits().acquire(task);
		}
		catch (CallRejectedException ex) {
			// Woken by a shutdown: say so, as a caller arriving now is told
			Gate gate = this.gate;
			throw (ex.getReason() == Rejection.SHUTDOWN && gate != Gate.OPEN) ? gateRejection(task, gate) : ex;
		}
		LaunchedCall call = new LaunchedCall(this, runtime, task, invocation, ownThread, this.observer.parent());
		this.account.register(call);
		try {
			// Checked again once registered: a drain beginning now either sees this call
			// and waits for it, or this call sees the drain and is rejected
			checkGate(task);
			if (ownThread) {
				call.decorate(this.taskDecorator);
			}
		}
		catch (Throwable ex) {
			// A decorator that ran the call before it failed has had its call run: then
			// nothing is rejected, and what remains is to let the call end
			withdraw(call, ex,
					() -> (ex instanceof CallRejectedException rejection) ? rejection
							: new CallRejectedException(Rejection.START,
									"@FireAndForget call of task '" + task.getName()
											+ "' rejected: a TaskDecorator failed on the caller's thread ("
											+ Failures.summary(ex) + ")",
									ex));
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

	/**
	 * Describe a backend's failure to take a call, naming the task, without trusting the
	 * failure to describe itself.
	 */
	private static CallRejectedException backendRejection(FireAndForgetTask task, TaskRuntime runtime, Throwable ex) {
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
		try {
			this.account.withdrawn(call);
		}
		finally {
			giveBack(call);
		}
		throw rejection.get();
	}

	private void checkGate(FireAndForgetTask task) {
		Gate gate = this.gate;
		if (gate != Gate.OPEN) {
			throw gateRejection(task, gate);
		}
	}

	private static CallRejectedException gateRejection(FireAndForgetTask task, Gate gate) {
		return new CallRejectedException(Rejection.SHUTDOWN,
				"@FireAndForget call of task '" + task.getName() + "' rejected: " + gate.reason);
	}

	private TaskRuntime runtimeOf(FireAndForgetTask task) {
		TaskRuntime runtime = this.tasks.get(task.getName());
		return (runtime != null) ? runtime : this.tasks.computeIfAbsent(task.getName(), this::createRuntime);
	}

	private TaskRuntime createRuntime(String taskName) {
		TaskSettings task = this.settings.forTask(taskName);
		FireAndForgetBackend backend = this.backends.get(task.mode());
		// Limits bound threads. A call run on its caller's thread starts none, and
		// would hold a slot that a call its body makes could wait for in vain; a call
		// stored to run elsewhere starts none either, and no policy may run it here
		boolean limited = backend.isLimited();
		Integer limit = task.limit();
		Permits taskPermits = (limited && limit != null) ? new Permits(limit) : null;
		return new TaskRuntime(task, backend,
				new CallPermits(taskPermits, limited ? this.globalPermits : null, task.policy(), task.maxWait()),
				new TaskCounters());
	}

	@Override
	public @Nullable Throwable run(FireAndForgetTask task, @Nullable Object[] arguments, Body body) {
		Assert.notNull(task, "Task must not be null");
		Assert.isTrue(task.getMethod().getParameterCount() == arguments.length,
				"Arguments must match the method's parameters");
		Assert.notNull(body, "Body must not be null");
		LaunchedCall call = new LaunchedCall(this, runtimeOf(task), task,
				new StoredCallInvocation(task, arguments, body), false, this.observer.parent());
		this.account.register(call);
		call.runBody();
		return call.failure();
	}

	@Override
	public @Nullable RunningCall currentCall() {
		return LaunchedCall.runningHere();
	}

	CallObserver observer() {
		return this.observer;
	}

	/**
	 * End a call that its backend has stored to run elsewhere: it counts as stored,
	 * leaves the account without having started, and gives its slots back.
	 */
	void handedOver(LaunchedCall call) {
		try {
			this.account.handedOver(call);
		}
		finally {
			giveBack(call);
		}
	}

	void started(LaunchedCall call) {
		this.account.started(call);
	}

	/**
	 * Give a failure of the body to the exception handler; a handler that fails in turn
	 * loses neither failure.
	 */
	void handleFailure(Throwable ex, LaunchedCall call) {
		FireAndForgetTask task = call.getTask();
		try {
			this.exceptionHandler.handleException(ex, task, call.getArguments());
		}
		catch (Throwable handlerEx) {
			Failures.log("@FireAndForget task '" + task.getName() + "' failed", ex);
			Failures.log("Exception handler failed on the failure of @FireAndForget task '" + task.getName() + "'",
					handlerEx);
		}
	}

	/**
	 * End a call whose body has run: it leaves the account before its slots are given
	 * back, so nothing shows more calls running than a limit allows, and settles last, so
	 * that a caller waiting for idle finds every slot free.
	 */
	void finish(LaunchedCall call, @Nullable Throwable failure) {
		try {
			this.account.finished(call, failure);
		}
		finally {
			giveBack(call);
		}
	}

	/**
	 * The last steps of every call that has left the account, run or withdrawn: its slots
	 * are given back, then it settles.
	 */
	private void giveBack(LaunchedCall call) {
		try {
			if (call.holdsPermits()) {
				call.runtime().permits().release();
			}
		}
		finally {
			this.account.settle();
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.applicationContext) {
			this.closing = true;
		}
	}

	@Override
	public void start() {
		if (this.gate != Gate.OPEN) {
			this.gate = Gate.OPEN;
			openPermits();
		}
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		shutDown(this.closing ? Gate.CLOSED : Gate.STOPPED);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Drain on destruction too, for a context that closes without stopping its lifecycle
	 * beans (one whose refresh failed, say).
	 */
	@Override
	public void destroy() {
		this.closing = true;
		shutDown(Gate.CLOSED);
	}

	private void shutDown(Gate gate) {
		Gate previous = this.gate;
		this.gate = gate;
		// Closing after a stop waits again, for what the stop's wait left running
		if (previous == Gate.OPEN || (previous == Gate.STOPPED && gate == Gate.CLOSED)) {
			closePermits();
			new Drain(this.account, this.settings.shutdownTimeout()).run();
		}
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.stop();
		}
	}

	private void closePermits() {
		if (this.globalPermits != null) {
			this.globalPermits.close();
		}
		this.tasks.values().forEach((runtime) -> runtime.permits().close());
	}

	private void openPermits() {
		if (this.globalPermits != null) {
			this.globalPermits.open();
		}
		this.tasks.values().forEach((runtime) -> runtime.permits().open());
	}

	/**
	 * Why the launcher takes no call.
	 */
	private enum Gate {

		OPEN(""),

		STOPPED("the application context is stopped; calls are taken again once it is started"),

		CLOSED("the application is shutting down");

		private final String reason;

		Gate(String reason) {
			this.reason = reason;
		}

	}

}

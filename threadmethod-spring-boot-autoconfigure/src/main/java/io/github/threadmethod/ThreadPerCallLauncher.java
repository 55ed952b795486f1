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
package io.github.threadmethod;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * The default {@link FireAndForgetLauncher}: starts a new thread for every call, with no
 * pool and no queue, named after the task and numbered per task.
 *
 * <p>
 * Optionally, it caps the calls running at once, globally and per task, and decorates
 * each call with a {@link TaskDecorator} that carries the caller's context over. It
 * accounts for every call in {@link FireAndForgetCalls}, and logs once each call that
 * runs longer than the slow-call threshold.
 *
 * <p>
 * When the application context closes, it stops accepting calls (a later call fails with
 * a {@link TaskRejectedException}) and waits for the running ones up to the
 * {@linkplain #setShutdownTimeout shutdown timeout}, then logs any still running by task
 * name. Its {@linkplain #getPhase() phase} puts this after the web server has stopped
 * taking requests, so requests still being handled can start calls.
 *
 * <p>
 * Configure it before its first call: the settings of a task are fixed when the task is
 * first launched.
 *
 * @author threadmethod contributors
 */
public class ThreadPerCallLauncher implements FireAndForgetLauncher, SmartLifecycle, DisposableBean {

	/**
	 * The default {@linkplain #getPhase() phase}: below Spring Boot's web server phases,
	 * so that running calls are drained after the server has stopped taking requests.
	 */
	public static final int DEFAULT_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(ThreadPerCallLauncher.class);

	private final FireAndForgetCalls calls;

	private final Map<FireAndForgetTask, TaskRuntime> tasks = new ConcurrentHashMap<>(64);

	// By task name: tasks of the same name share their numbering and their limit
	private final Map<String, ThreadFactory> threadFactories = new ConcurrentHashMap<>(64);

	private final Map<String, Semaphore> taskPermits = new ConcurrentHashMap<>();

	private String threadNamePrefix = "threadmethod-";

	private boolean daemon;

	private boolean virtualThreads;

	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private FireAndForgetExceptionHandler exceptionHandler = new LoggingExceptionHandler();

	private @Nullable TaskDecorator taskDecorator;

	private @Nullable ConcurrencyLimit concurrencyLimit;

	private @Nullable Semaphore globalPermits;

	private Function<String, @Nullable TaskConcurrency> taskConcurrency = (taskName) -> null;

	private @Nullable SlowCallWatchdog slowCallWatchdog;

	private int phase = DEFAULT_SHUTDOWN_PHASE;

	private volatile boolean accepting = true;

	private volatile boolean running;

	/**
	 * Create a launcher that accounts for its calls in a {@link FireAndForgetCalls} of
	 * its own.
	 */
	public ThreadPerCallLauncher() {
		this(new FireAndForgetCalls());
	}

	/**
	 * Create a launcher that accounts for its calls in the given
	 * {@link FireAndForgetCalls}.
	 * @param calls the account of calls
	 */
	public ThreadPerCallLauncher(FireAndForgetCalls calls) {
		Assert.notNull(calls, "Calls must not be null");
		this.calls = calls;
	}

	/**
	 * Set the prefix of thread names; the task name, a dash and the call number follow
	 * it. Default is {@code "threadmethod-"}.
	 * @param threadNamePrefix the prefix, possibly empty
	 */
	public void setThreadNamePrefix(String threadNamePrefix) {
		Assert.notNull(threadNamePrefix, "Thread name prefix must not be null");
		this.threadNamePrefix = threadNamePrefix;
	}

	/**
	 * Set whether platform threads are daemon threads, which do not keep the JVM alive.
	 * Default is {@code false}. Virtual threads are always daemon threads.
	 * @param daemon whether to create daemon threads
	 */
	public void setDaemon(boolean daemon) {
		this.daemon = daemon;
	}

	/**
	 * Set whether to run calls on virtual threads rather than platform threads. Needs
	 * Java 21 or later. Default is {@code false}.
	 * @param virtualThreads whether to use virtual threads
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Set how long closing the application context waits for calls still running. Default
	 * is 30 seconds; zero does not wait.
	 * @param shutdownTimeout the timeout, not negative
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"Shutdown timeout must not be negative");
		this.shutdownTimeout = shutdownTimeout;
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
	 * Set a cap on the calls of all tasks running at once.
	 * @param concurrencyLimit the limit, or {@code null} for no global limit
	 */
	public void setConcurrencyLimit(@Nullable ConcurrencyLimit concurrencyLimit) {
		this.concurrencyLimit = concurrencyLimit;
		this.globalPermits = (concurrencyLimit != null) ? new Semaphore(concurrencyLimit.limit()) : null;
	}

	/**
	 * Set how the calls of each task meet limits: a cap of the task's own, on top of the
	 * global one (a call needs a slot of both), and the policy and maximum wait that
	 * apply to the task whichever limit is reached.
	 * @param taskConcurrency the settings of a task, by task name; {@code null} for a
	 * task that follows the global limit's settings
	 */
	public void setTaskConcurrency(Function<String, @Nullable TaskConcurrency> taskConcurrency) {
		Assert.notNull(taskConcurrency, "Task concurrency must not be null");
		this.taskConcurrency = taskConcurrency;
	}

	/**
	 * Set how long a call may run before it is logged, once, at {@code WARN} with its
	 * current stack.
	 * @param threshold the threshold; zero turns the check off
	 */
	public void setSlowCallThreshold(Duration threshold) {
		Assert.isTrue(threshold != null && !threshold.isNegative(), "Slow-call threshold must not be negative");
		this.slowCallWatchdog = threshold.isZero() ? null : new SlowCallWatchdog(this.calls, threshold);
	}

	/**
	 * Set the lifecycle phase in which running calls are drained on shutdown. Default is
	 * {@link #DEFAULT_SHUTDOWN_PHASE}.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	/**
	 * Return the account of the calls this launcher starts.
	 * @return the calls
	 */
	public FireAndForgetCalls getCalls() {
		return this.calls;
	}

	@Override
	public void launch(FireAndForgetTask task, MethodInvocation invocation) {
		TaskRuntime runtime = this.tasks.computeIfAbsent(task, this::createRuntime);
		if (!this.accepting) {
			throw rejectForShutdown(task, runtime);
		}
		boolean ownThread;
		try {
			ownThread = runtime.permits.acquire(task);
		}
		catch (TaskRejectedException ex) {
			this.calls.rejected(task, runtime.counters, CallListener.Rejection.LIMIT);
			throw ex;
		}
		if (ownThread) {
			startThread(task, runtime, invocation);
		}
		else {
			RunningCall call = this.calls.register(task, Thread.currentThread(), runtime.counters);
			this.calls.started(call, runtime.counters);
			run(call, runtime, invocation, false);
		}
	}

	private void startThread(FireAndForgetTask task, TaskRuntime runtime, MethodInvocation invocation) {
		CallBody body = new CallBody(task, runtime, invocation);
		Thread thread;
		try {
			thread = runtime.threadFactory.newThread(body.guard(decorate(body)));
		}
		catch (RuntimeException | Error ex) {
			runtime.permits.release();
			this.calls.rejected(task, runtime.counters, CallListener.Rejection.THREAD_START);
			throw new TaskRejectedException("@FireAndForget call of task '" + task.getName()
					+ "' rejected: its thread could not be prepared (" + ex + ")", ex);
		}
		RunningCall call = this.calls.register(task, thread, runtime.counters);
		body.call = call;
		// Checked again once registered: a shutdown beginning now either sees this call
		// and waits for it, or this call sees the shutdown and is rejected
		if (!this.accepting) {
			runtime.permits.release();
			this.calls.withdrawn(call, runtime.counters, CallListener.Rejection.SHUTDOWN);
			throw shutdownRejection(task);
		}
		try {
			thread.start();
		}
		catch (Throwable ex) {
			// Typically OutOfMemoryError: unable to create native thread
			runtime.permits.release();
			this.calls.withdrawn(call, runtime.counters, CallListener.Rejection.THREAD_START);
			throw new TaskRejectedException("@FireAndForget call of task '" + task.getName()
					+ "' rejected: the JVM could not start a thread for it (" + ex.getMessage() + ")", ex);
		}
		this.calls.started(call, runtime.counters);
	}

	private Runnable decorate(Runnable body) {
		TaskDecorator decorator = this.taskDecorator;
		return (decorator != null) ? decorator.decorate(body) : body;
	}

	private void run(RunningCall call, TaskRuntime runtime, MethodInvocation invocation, boolean ownThread) {
		Throwable failure = null;
		try {
			invocation.proceed();
		}
		catch (Throwable ex) {
			failure = ex;
			handleFailure(ex, call.getTask(), invocation.getArguments());
		}
		finally {
			if (ownThread) {
				runtime.permits.release();
			}
			this.calls.finished(call, runtime.counters, failure);
		}
	}

	private TaskRejectedException rejectForShutdown(FireAndForgetTask task, TaskRuntime runtime) {
		this.calls.rejected(task, runtime.counters, CallListener.Rejection.SHUTDOWN);
		return shutdownRejection(task);
	}

	private static TaskRejectedException shutdownRejection(FireAndForgetTask task) {
		return new TaskRejectedException(
				"@FireAndForget call of task '" + task.getName() + "' rejected: the application is shutting down");
	}

	private TaskRuntime createRuntime(FireAndForgetTask task) {
		String name = task.getName();
		TaskConcurrency concurrency = this.taskConcurrency.apply(name);
		ConcurrencyLimit taskLimit = null;
		Semaphore permits = null;
		ConcurrencyLimit globalLimit = this.concurrencyLimit;
		if (concurrency != null) {
			Integer limit = concurrency.limit();
			if (limit != null) {
				taskLimit = new ConcurrencyLimit(limit, concurrency.policy(), concurrency.maxWait());
				permits = this.taskPermits.computeIfAbsent(name, (key) -> new Semaphore(limit));
			}
			if (globalLimit != null) {
				// One policy for the task, whichever limit is reached
				globalLimit = new ConcurrencyLimit(globalLimit.limit(), concurrency.policy(), concurrency.maxWait());
			}
		}
		ThreadFactory threadFactory = this.threadFactories.computeIfAbsent(name,
				(key) -> createThreadFactory(this.threadNamePrefix + key + "-"));
		return new TaskRuntime(threadFactory, this.calls.countersFor(task),
				CallPermits.of(permits, taskLimit, this.globalPermits, globalLimit));
	}

	/**
	 * Create the factory of the threads for one task.
	 * @param namePrefix the prefix of the names of the task's threads
	 * @return the thread factory
	 */
	ThreadFactory createThreadFactory(String namePrefix) {
		if (this.virtualThreads) {
			// Named here, not by the JDK's builder, to number from 1 as platform threads
			// do
			ThreadFactory virtualThreads = new VirtualThreadTaskExecutor().getVirtualThreadFactory();
			AtomicLong count = new AtomicLong();
			return (runnable) -> {
				Thread thread = virtualThreads.newThread(runnable);
				thread.setName(namePrefix + count.incrementAndGet());
				return thread;
			};
		}
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(namePrefix);
		threadFactory.setDaemon(this.daemon);
		return threadFactory;
	}

	private void handleFailure(Throwable ex, FireAndForgetTask task, Object[] arguments) {
		try {
			this.exceptionHandler.handleException(ex, task, arguments);
		}
		catch (Throwable handlerEx) {
			logger.error("@FireAndForget task '" + task.getName() + "' failed", ex);
			logger.error("Exception handler failed on the failure of @FireAndForget task '" + task.getName() + "'",
					handlerEx);
		}
	}

	@Override
	public void start() {
		this.accepting = true;
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		shutDown();
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
		shutDown();
	}

	private void shutDown() {
		if (this.accepting) {
			this.accepting = false;
			awaitRunningCalls();
		}
		if (this.slowCallWatchdog != null) {
			this.slowCallWatchdog.stop();
		}
	}

	private void awaitRunningCalls() {
		int running = this.calls.runningCount();
		if (running == 0) {
			return;
		}
		logger.info("Waiting up to " + this.shutdownTimeout.toMillis() + "ms for " + running
				+ " running @FireAndForget call(s) to finish");
		try {
			if (!this.calls.waitForIdle(this.shutdownTimeout)) {
				logger.warn("@FireAndForget calls still running after waiting " + this.shutdownTimeout.toMillis()
						+ "ms: " + this.calls.describeRunning());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for @FireAndForget calls; still running: "
					+ this.calls.describeRunning());
		}
	}

	/**
	 * What one task needs at every call, worked out at its first.
	 */
	private record TaskRuntime(ThreadFactory threadFactory, FireAndForgetCalls.Counters counters, CallPermits permits) {

	}

	/**
	 * The body of one call on its own thread. Knows its {@link RunningCall} only once the
	 * thread exists, which is before the thread starts. Its guard makes sure the call is
	 * accounted for, and its permits given back, exactly once, even when a decorator
	 * fails before the body or never runs it.
	 */
	private final class CallBody implements Runnable {

		private final FireAndForgetTask task;

		private final TaskRuntime runtime;

		private final MethodInvocation invocation;

		private final AtomicBoolean claimed = new AtomicBoolean();

		private @Nullable RunningCall call;

		CallBody(FireAndForgetTask task, TaskRuntime runtime, MethodInvocation invocation) {
			this.task = task;
			this.runtime = runtime;
			this.invocation = invocation;
		}

		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				ThreadPerCallLauncher.this.run(registeredCall(), this.runtime, this.invocation, true);
			}
		}

		Runnable guard(Runnable decorated) {
			return () -> {
				Throwable decoratorFailure = null;
				try {
					decorated.run();
				}
				catch (Throwable ex) {
					decoratorFailure = ex;
				}
				if (this.claimed.compareAndSet(false, true)) {
					Throwable failure = (decoratorFailure != null) ? decoratorFailure
							: new IllegalStateException("A TaskDecorator did not run the call");
					handleFailure(failure, this.task, this.invocation.getArguments());
					this.runtime.permits.release();
					ThreadPerCallLauncher.this.calls.finished(registeredCall(), this.runtime.counters, failure);
				}
				else if (decoratorFailure != null) {
					logger.error("TaskDecorator failed after @FireAndForget call of task '" + this.task.getName() + "'",
							decoratorFailure);
				}
			};
		}

		private RunningCall registeredCall() {
			RunningCall call = this.call;
			Assert.state(call != null, "Call not registered");
			return call;
		}

	}

}

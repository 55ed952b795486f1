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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * The default {@link FireAndForgetLauncher}: starts a new thread for every call, with no
 * pool and no queue, named after the task and numbered per task.
 *
 * <p>
 * It keeps track of the calls in flight. When the application context closes, it stops
 * accepting calls (a later call fails with a {@link TaskRejectedException}) and waits for
 * the running ones up to the {@linkplain #setShutdownTimeout shutdown timeout}, then logs
 * any still running by task name. Its {@linkplain #getPhase() phase} puts this after the
 * web server has stopped taking requests, so requests still being handled can start
 * calls.
 *
 * <p>
 * Configure it before its first call: the thread settings of a task are fixed when the
 * task is first launched.
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

	private final Map<FireAndForgetTask, ThreadFactory> threadFactories = new ConcurrentHashMap<>(64);

	private final RunningCalls runningCalls = new RunningCalls();

	private String threadNamePrefix = "threadmethod-";

	private boolean daemon;

	private boolean virtualThreads;

	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private FireAndForgetExceptionHandler exceptionHandler = new LoggingExceptionHandler();

	private int phase = DEFAULT_SHUTDOWN_PHASE;

	private volatile boolean accepting = true;

	private volatile boolean running;

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
	 * Set the lifecycle phase in which running calls are drained on shutdown. Default is
	 * {@link #DEFAULT_SHUTDOWN_PHASE}.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	@Override
	public void launch(FireAndForgetTask task, MethodInvocation invocation) {
		Thread thread = this.threadFactories.computeIfAbsent(task, this::createThreadFactory)
			.newThread(() -> run(task, invocation));
		// Registered before the check, so that a shutdown that begins now either sees
		// this
		// call and waits for it, or this call sees the shutdown and is rejected
		this.runningCalls.add(thread, task);
		if (!this.accepting) {
			this.runningCalls.remove(thread);
			throw new TaskRejectedException(
					"@FireAndForget call of task '" + task.getName() + "' rejected: the application is shutting down");
		}
		try {
			thread.start();
		}
		catch (OutOfMemoryError ex) {
			this.runningCalls.remove(thread);
			throw new TaskRejectedException("@FireAndForget call of task '" + task.getName()
					+ "' rejected: the JVM could not start a thread for it (" + ex.getMessage() + ")", ex);
		}
	}

	private ThreadFactory createThreadFactory(FireAndForgetTask task) {
		return createThreadFactory(this.threadNamePrefix + task.getName() + "-");
	}

	/**
	 * Create the factory of the threads for one task.
	 * @param namePrefix the prefix of the names of the task's threads
	 * @return the thread factory
	 */
	ThreadFactory createThreadFactory(String namePrefix) {
		if (this.virtualThreads) {
			// Named here rather than by the JDK's builder, to number from 1 like platform
			// threads
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

	private void run(FireAndForgetTask task, MethodInvocation invocation) {
		try {
			invocation.proceed();
		}
		catch (Throwable ex) {
			handleFailure(ex, task, invocation.getArguments());
		}
		finally {
			this.runningCalls.remove(Thread.currentThread());
		}
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
		if (!this.accepting) {
			return;
		}
		this.accepting = false;
		int running = this.runningCalls.size();
		if (running == 0) {
			return;
		}
		logger.info("Waiting up to " + this.shutdownTimeout.toMillis() + "ms for " + running
				+ " running @FireAndForget call(s) to finish");
		try {
			if (!this.runningCalls.awaitIdle(this.shutdownTimeout)) {
				logger.warn("@FireAndForget calls still running after waiting " + this.shutdownTimeout.toMillis()
						+ "ms: " + this.runningCalls);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for @FireAndForget calls; still running: " + this.runningCalls);
		}
	}

}

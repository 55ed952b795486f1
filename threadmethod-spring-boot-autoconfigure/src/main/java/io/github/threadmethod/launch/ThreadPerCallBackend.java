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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * The default {@link FireAndForgetBackend}: starts a new thread for every call, with no
 * pool and no queue. Threads are platform threads, or virtual threads (Java 21+), named
 * after the task and numbered per task: {@code threadmethod-OrderService.send-7}.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public class ThreadPerCallBackend implements FireAndForgetBackend {

	/**
	 * The mode of this backend.
	 */
	public static final String MODE = "thread";

	private final @Nullable String threadNamePrefix;

	private final boolean daemon;

	private final boolean virtualThreads;

	private final @Nullable ThreadFactory threadFactory;

	// The JDK's factory of virtual threads, made once: it fails here, not at every call,
	// on a JVM older than Java 21
	private final @Nullable ThreadFactory virtualThreadFactory;

	// By task name: tasks of the same name share their numbering
	private final Map<String, ThreadFactory> threadFactories = new ConcurrentHashMap<>(64);

	/**
	 * Create a backend of platform threads, not daemon, named {@code threadmethod-...}.
	 */
	public ThreadPerCallBackend() {
		this("threadmethod-", false, false);
	}

	/**
	 * Create a backend.
	 * @param threadNamePrefix the prefix of thread names, which the task name, a dash and
	 * the call number follow; possibly empty
	 * @param daemon whether platform threads are daemon threads, which do not keep the
	 * JVM alive (virtual threads always are)
	 * @param virtualThreads whether to run calls on virtual threads, which needs Java 21
	 * or later
	 * @throws UnsupportedOperationException for virtual threads on a JVM older than Java
	 * 21
	 */
	public ThreadPerCallBackend(String threadNamePrefix, boolean daemon, boolean virtualThreads) {
		Assert.notNull(threadNamePrefix, "Thread name prefix must not be null");
		this.threadNamePrefix = threadNamePrefix;
		this.daemon = daemon;
		this.virtualThreads = virtualThreads;
		this.threadFactory = null;
		this.virtualThreadFactory = virtualThreads ? new VirtualThreadTaskExecutor().getVirtualThreadFactory() : null;
	}

	/**
	 * Create a backend that asks the given factory for the thread of every call, whose
	 * names and kind are then the factory's own: this backend then reports no name
	 * prefix, and neither daemon nor virtual threads.
	 * @param threadFactory the thread factory
	 */
	public ThreadPerCallBackend(ThreadFactory threadFactory) {
		Assert.notNull(threadFactory, "Thread factory must not be null");
		this.threadNamePrefix = null;
		this.daemon = false;
		this.virtualThreads = false;
		this.threadFactory = threadFactory;
		this.virtualThreadFactory = null;
	}

	@Override
	public String getMode() {
		return MODE;
	}

	/**
	 * Return the prefix of thread names.
	 * @return the prefix, or {@code null} if threads come from a thread factory given to
	 * this backend
	 */
	public @Nullable String getThreadNamePrefix() {
		return this.threadNamePrefix;
	}

	/**
	 * Return whether platform threads are daemon threads.
	 * @return whether they are
	 */
	public boolean isDaemon() {
		return this.daemon;
	}

	/**
	 * Return whether calls run on virtual threads.
	 * @return whether they do
	 */
	public boolean isVirtualThreads() {
		return this.virtualThreads;
	}

	@Override
	public void execute(FireAndForgetExecution call) {
		String taskName = call.getTask().getName();
		ThreadFactory threadFactory = (this.threadFactory != null) ? this.threadFactory
				: this.threadFactories.get(taskName);
		if (threadFactory == null) {
			threadFactory = this.threadFactories.computeIfAbsent(taskName,
					(name) -> createThreadFactory(this.threadNamePrefix + name + "-"));
		}
		Thread thread;
		try {
			thread = threadFactory.newThread(call);
		}
		catch (RuntimeException | Error ex) {
			throw new TaskRejectedException("its thread could not be created (" + Failures.summary(ex) + ")", ex);
		}
		if (thread == null) {
			throw new TaskRejectedException("its thread factory returned no thread");
		}
		try {
			thread.start();
		}
		catch (RuntimeException | Error ex) {
			// Typically OutOfMemoryError: unable to create native thread
			throw new TaskRejectedException("the JVM could not start a thread for it (" + Failures.message(ex) + ")",
					ex);
		}
	}

	private ThreadFactory createThreadFactory(String namePrefix) {
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

	@Override
	public String describe() {
		return "threads: " + (this.virtualThreads ? "virtual" : "platform");
	}

	@Override
	public String toString() {
		return "ThreadPerCallBackend [" + (this.virtualThreads ? "virtual" : "platform") + " threads]";
	}

}

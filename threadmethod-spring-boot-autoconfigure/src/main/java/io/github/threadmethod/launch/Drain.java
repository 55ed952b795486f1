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

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One wait, on shutdown, for the calls still running, up to the shutdown timeout. It does
 * not wait for calls that cannot finish while it waits: the call whose body is closing
 * the application context on this very thread, and calls whose body is exiting the JVM
 * ({@code System.exit} waits for the shutdown hook that is closing the context).
 *
 * @author threadmethod contributors
 */
final class Drain implements Runnable {

	private static final Log logger = LogFactory.getLog(CallLauncher.class);

	private final CallAccount account;

	private final Duration timeout;

	Drain(CallAccount account, Duration timeout) {
		this.account = account;
		this.timeout = timeout;
	}

	@Override
	public void run() {
		Set<LaunchedCall> waitingOnUs = this.account.running()
			.stream()
			.filter(Drain::cannotFinishWhileWaiting)
			.collect(Collectors.toSet());
		Set<LaunchedCall> leftOut = waitingOnUs;
		long running = this.account.running().stream().filter((call) -> !leftOut.contains(call)).count();
		if (running == 0) {
			return;
		}
		logger.info("Waiting up to " + this.timeout.toMillis() + "ms for " + running
				+ " running @FireAndForget call(s) to finish");
		try {
			if (!this.account.awaitSettled(this.timeout, leftOut)) {
				logger.warn("@FireAndForget calls still running after waiting " + this.timeout.toMillis() + "ms: "
						+ this.account.describe(leftOut));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for @FireAndForget calls; still running: "
					+ this.account.describe(leftOut));
		}
	}

	private static boolean cannotFinishWhileWaiting(LaunchedCall call) {
		Thread thread = call.getThread();
		return thread != null && (thread == Thread.currentThread() || isExitingTheJvm(thread));
	}

	static boolean isExitingTheJvm(@Nullable Thread thread) {
		if (thread == null) {
			return false;
		}
		for (StackTraceElement element : thread.getStackTrace()) {
			if ("java.lang.Shutdown".equals(element.getClassName()) && "exit".equals(element.getMethodName())) {
				return true;
			}
		}
		return false;
	}

}

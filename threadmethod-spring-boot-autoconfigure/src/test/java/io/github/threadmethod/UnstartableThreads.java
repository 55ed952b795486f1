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

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * A {@link ThreadFactory} whose threads fail to start, as they do when the JVM cannot
 * create a native thread.
 *
 * @author threadmethod contributors
 */
public final class UnstartableThreads implements ThreadFactory {

	private final Supplier<? extends Throwable> failure;

	/**
	 * Create a factory whose threads throw what the given supplier makes when started.
	 * @param failure makes an {@link Error} or a {@link RuntimeException}
	 */
	public UnstartableThreads(Supplier<? extends Throwable> failure) {
		this.failure = failure;
	}

	@Override
	public Thread newThread(Runnable runnable) {
		return new Thread(runnable) {

			@Override
			public synchronized void start() {
				Throwable ex = UnstartableThreads.this.failure.get();
				if (ex instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) ex;
			}

		};
	}

}

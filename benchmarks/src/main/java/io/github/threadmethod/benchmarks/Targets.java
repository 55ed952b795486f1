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
package io.github.threadmethod.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import io.github.threadmethod.FireAndForget;

import org.springframework.scheduling.annotation.Async;

/**
 * The beans whose methods are benchmarked: the same body behind each mechanism.
 *
 * @author threadmethod contributors
 */
final class Targets {

	private Targets() {
	}

	/**
	 * Runs a body, one way or another.
	 */
	interface Dispatcher {

		void dispatch(Runnable body);

	}

	public static class FireAndForgetTarget implements Dispatcher {

		@Override
		@FireAndForget
		public void dispatch(Runnable body) {
			body.run();
		}

	}

	/**
	 * A {@code @FireAndForget} method whose calls have a key: the number given to the
	 * call.
	 */
	public static class KeyedTarget {

		static final String TASK = "keyed";

		@FireAndForget(name = TASK, key = "#p0")
		public void dispatch(long number, Runnable body) {
			body.run();
		}

	}

	/**
	 * Numbers each call, so that each has a key of its own, and calls the keyed target.
	 */
	public static class KeyedDispatcher implements Dispatcher {

		private final KeyedTarget target;

		private final AtomicLong numbers = new AtomicLong();

		KeyedDispatcher(KeyedTarget target) {
			this.target = target;
		}

		@Override
		public void dispatch(Runnable body) {
			this.target.dispatch(this.numbers.incrementAndGet(), body);
		}

	}

	public static class AsyncTarget implements Dispatcher {

		@Override
		@Async
		public void dispatch(Runnable body) {
			body.run();
		}

	}

	public static class DirectTarget implements Dispatcher {

		@Override
		public void dispatch(Runnable body) {
			body.run();
		}

	}

}

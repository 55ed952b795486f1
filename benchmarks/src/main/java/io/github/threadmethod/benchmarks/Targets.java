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

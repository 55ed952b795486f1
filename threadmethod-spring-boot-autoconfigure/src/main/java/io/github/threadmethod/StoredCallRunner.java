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

import org.jspecify.annotations.Nullable;

/**
 * Runs the calls that a {@link FireAndForgetBackend} stored to run later, elsewhere: the
 * other end of {@link FireAndForgetExecution#handOver()}. Whatever takes a stored call
 * back, on whichever instance of the application (a scheduler's thread, a message
 * listener), has the runner of that instance run it, and the call then gets every
 * guarantee of a call launched there. The application context has one, as a bean.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetExecution#handOver()
 */
public interface StoredCallRunner {

	/**
	 * Run a call of the given task, stored earlier, on this thread, now. The call gets
	 * what a launched call gets: it is in the {@linkplain FireAndForgetCalls account of
	 * calls} while it runs, counted started and then completed or failed; it is observed
	 * as a child of this thread's current observation; and what its body throws goes to
	 * the {@link FireAndForgetExceptionHandler}, with the given arguments. It takes no
	 * concurrency slot and meets no shutdown gate: whatever took the stored call decides
	 * whether to run calls while the application shuts down.
	 * <p>
	 * The body is run as given, once. To have the bean's other advice apply (a
	 * {@code @Transactional}), it invokes the method on a proxy of the bean without the
	 * {@code @FireAndForget} advice: through the bean's own proxy, the call would be
	 * launched again. Calls the body makes are launched as usual.
	 * @param task the task of the call
	 * @param arguments the arguments of the call, as read back
	 * @param body runs the body of the call
	 * @return what the body threw, or {@code null} if it returned
	 */
	@Nullable Throwable run(FireAndForgetTask task, @Nullable Object[] arguments, Body body);

	/**
	 * Return the call whose body, or whose exception handler, runs on this thread now:
	 * the innermost, when a body makes a call that runs on the same thread. It tells the
	 * call being {@linkplain #run run} from a call its body makes.
	 * @return the call, or {@code null} if none runs here
	 */
	@Nullable RunningCall currentCall();

	/**
	 * The body of a stored call: typically, the task's method invoked with the arguments
	 * read back.
	 */
	@FunctionalInterface
	interface Body {

		/**
		 * Run the body.
		 * @throws Throwable what the body threw, as it threw it
		 */
		void run() throws Throwable;

	}

}

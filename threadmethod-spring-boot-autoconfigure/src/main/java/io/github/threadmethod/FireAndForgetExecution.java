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
 * The execution of one call of a {@link FireAndForget @FireAndForget} method, as a
 * {@link FireAndForgetBackend} receives it to {@linkplain FireAndForgetBackend#execute
 * execute}: the caller's context already captured, the call already in the
 * {@link FireAndForgetCalls account}, its concurrency permits already taken.
 *
 * <p>
 * {@link #run()} does the rest on the thread that calls it: it restores the caller's
 * context, runs the body, routes a failure to the {@link FireAndForgetExceptionHandler},
 * accounts for the end of the call and gives its permits back. It never throws.
 *
 * <p>
 * A backend that runs calls elsewhere (another JVM, later) stores the call and then
 * {@linkplain #handOver() hands it over} instead: the call then ends here without its
 * body running in this JVM.
 *
 * <p>
 * A call may have a {@linkplain #getKey() business key} under a {@linkplain KeyPolicy
 * policy}. The launcher keeps the policy of the calls that run in this JVM before it
 * hands them to their backend; a backend that stores calls to run elsewhere keeps
 * {@link KeyPolicy#UNIQUE} in its store, and ends a call whose key it holds already with
 * {@link #deduplicate()}.
 *
 * <p>
 * Exactly one of {@link #run()}, {@link #handOver()} (or {@link #handOverUncommitted()}),
 * {@link #deduplicate()} and the rejection of the call (when its backend throws) takes
 * effect, whichever comes first; the others then do nothing.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface FireAndForgetExecution extends Runnable {

	/**
	 * Return the task the call belongs to.
	 * @return the task
	 */
	FireAndForgetTask getTask();

	/**
	 * Return the arguments the call was made with, as passed: not copied.
	 * @return the arguments
	 */
	Object[] getArguments();

	/**
	 * Return the call's business key: what the {@linkplain FireAndForget#key() key
	 * expression} of its method made of its arguments.
	 * @return the key, or {@code null} if the method has no key expression
	 */
	@Nullable String getKey();

	/**
	 * Return what the call's key does: its task's {@code key-policy}.
	 * @return the policy, or {@code null} if the call has no key or its task no policy
	 */
	@Nullable KeyPolicy getKeyPolicy();

	/**
	 * Run the call on the current thread; see the {@linkplain FireAndForgetExecution
	 * class description}.
	 */
	@Override
	void run();

	/**
	 * End the call here without running its body, because the backend has stored it to be
	 * run elsewhere: the call leaves the {@linkplain FireAndForgetCalls account} of this
	 * JVM (it counts as stored, neither started nor rejected), gives its concurrency
	 * permits back, and its body never runs on this call. Whatever runs the stored call
	 * later has the {@link StoredCallRunner} of its instance run it, which gives it the
	 * guarantees from then on. Call it once the call is stored (or, inside the caller's
	 * transaction, registered to be stored with it), before {@code execute} returns.
	 * @return {@code true} if the call is now handed over; {@code false} if it had run,
	 * or was being run, or had been rejected already, and nothing changed
	 */
	boolean handOver();

	/**
	 * Hand the call over as {@link #handOver()} does, for a backend whose store keeps the
	 * call only once a transaction still open commits (the caller's transaction, which
	 * the call was stored with): the call leaves the account and gives its permits back
	 * now, but counts as stored, and listeners hear of it, only when the backend runs the
	 * returned action, once that transaction has committed. A call whose transaction
	 * rolls back was never stored: its action is never run, and it is not counted.
	 * @return the action that counts the call as stored, to be run once, on any thread;
	 * or {@code null} if the call had run, or was being run, or had been rejected
	 * already, and nothing changed
	 * @since 0.1.0
	 */
	@Nullable Runnable handOverUncommitted();

	/**
	 * End the call here without running its body, because its backend holds a call of the
	 * same task with the same {@linkplain #getKey() key} that is still waiting or
	 * running, under {@link KeyPolicy#UNIQUE}: the call leaves the
	 * {@linkplain FireAndForgetCalls account} counted as deduplicated (neither started,
	 * stored nor rejected), gives its concurrency permits back, and its body never runs
	 * on this call. Call it before {@code execute} returns, instead of storing the call.
	 * @return {@code true} if the call is now deduplicated; {@code false} if it had run,
	 * or was being run, handed over or rejected already, and nothing changed
	 */
	boolean deduplicate();

}

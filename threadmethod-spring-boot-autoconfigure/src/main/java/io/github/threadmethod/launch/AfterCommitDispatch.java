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

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.threadmethod.FireAndForgetTask;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.ClassUtils;

/**
 * The dispatch of calls made while a Spring-managed transaction is active on their
 * caller's thread, for the tasks whose {@link Dispatch} is {@code AFTER_COMMIT}: such a
 * call is held by the transaction, then taken by the launcher once the transaction has
 * committed, or discarded if it rolls back.
 *
 * <p>
 * A call that cannot be taken after the commit (a limit, a shutdown, no thread) is
 * counted and observed as rejected, and its rejection goes to the exception handler: its
 * caller has returned, and its transaction has committed, so neither can be told any
 * more. A discarded call is counted and observed as discarded, and logged: the first of
 * each launcher at {@code INFO}, with what to do in a test that rolls back, later ones at
 * {@code DEBUG}.
 *
 * <p>
 * Spring's transaction support is optional: without it on the class path, no call is ever
 * held. Only {@link TransactionCalls} uses it, and only once this class has found it.
 *
 * @author threadmethod contributors
 */
final class AfterCommitDispatch {

	private static final boolean transactionsPresent = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			AfterCommitDispatch.class.getClassLoader());

	private static final Log logger = LogFactory.getLog(CallLauncher.class);

	private final CallCompletion completion;

	private final Consumer<DeferredCall> launcher;

	private final boolean transactions;

	private final AtomicBoolean discardedBefore = new AtomicBoolean();

	/**
	 * Create the dispatch of a launcher.
	 * @param completion where the calls that are not taken are reported
	 * @param launcher takes a call once its caller's transaction has committed, or throws
	 * a {@link CallRejectedException}
	 */
	AfterCommitDispatch(CallCompletion completion, Consumer<DeferredCall> launcher) {
		this(completion, launcher, transactionsPresent);
	}

	AfterCommitDispatch(CallCompletion completion, Consumer<DeferredCall> launcher, boolean transactions) {
		this.completion = completion;
		this.launcher = launcher;
		this.transactions = transactions;
	}

	/**
	 * Return whether a call of the given task made now waits for its caller's transaction
	 * to commit.
	 */
	boolean defers(TaskRuntime runtime) {
		return this.transactions && runtime.settings().dispatch() == Dispatch.AFTER_COMMIT && TransactionCalls.active();
	}

	/**
	 * Hold a call until the transaction active on this thread, its caller's, completes,
	 * capturing the caller's context now, with its key worked out already.
	 * @throws CallRejectedException if a task decorator fails
	 */
	void defer(TaskRuntime runtime, FireAndForgetTask task, MethodInvocation invocation, @Nullable String key,
			@Nullable TaskDecorator decorator) {
		DeferredCall call;
		try {
			call = new DeferredCall(this.completion, runtime, task, invocation, key, decorator);
		}
		catch (Throwable ex) {
			throw CallRejectedException.decoratorFailed(task, ex);
		}
		TransactionCalls.add(this, call);
	}

	/**
	 * Take the given calls, in the order they were made, now that the transaction they
	 * were made in has committed. A call that cannot be taken is reported, and never
	 * keeps the ones after it from being taken.
	 */
	void start(List<DeferredCall> calls) {
		for (DeferredCall call : calls) {
			try {
				this.launcher.accept(call);
			}
			catch (CallRejectedException ex) {
				this.completion.rejected(call.task(), call.runtime(), ex);
				this.completion.handleFailure(ex, call.task(), call.arguments());
			}
			catch (Throwable ex) {
				Failures.log("@FireAndForget call of task '" + call.task().getName()
						+ "' could not be started after its caller's transaction committed", ex);
			}
		}
	}

	/**
	 * Discard the given calls: what they were made in was undone.
	 * @param calls the calls
	 * @param why why, as in "discarded: the transaction it was made in rolled back"
	 * @param warn whether to log each at {@code WARN}, as the outcome of their
	 * transaction is not known
	 */
	void discard(List<DeferredCall> calls, String why, boolean warn) {
		for (DeferredCall call : calls) {
			this.completion.discarded(call.task(), call.runtime());
			String message = "@FireAndForget call of task '" + call.task().getName() + "' discarded: " + why;
			if (warn) {
				logger.warn(message);
			}
			else if (!this.discardedBefore.get() && this.discardedBefore.compareAndSet(false, true)) {
				logger.info(message + ". A call made in a transaction starts when it commits "
						+ "(threadmethod.dispatch=after-commit): in a @Transactional test, which rolls back, "
						+ "commit with @Commit, or set threadmethod.dispatch=immediate for the test. "
						+ "Later discarded calls are logged at DEBUG");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(message);
			}
		}
	}

}

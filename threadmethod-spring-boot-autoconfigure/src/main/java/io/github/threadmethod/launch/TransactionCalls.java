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

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The calls one launcher holds for one transaction, until it completes: registered with
 * the transaction as a synchronization at its first call, it hands them to the
 * {@link AfterCommitDispatch} to be taken once the transaction has committed, or
 * discarded if it rolls back.
 *
 * <p>
 * A nested transaction shares its outer transaction's synchronizations, so its calls wait
 * for the outer commit; those made after a savepoint that is rolled back to are discarded
 * then. A {@code REQUIRES_NEW} transaction has synchronizations of its own, so its calls
 * are taken when it commits. A call made in another synchronization's {@code afterCommit}
 * callback is held too, and taken moments later, as Spring still completes, with every
 * synchronization registered by then, a transaction whose commit callbacks have run. A
 * call made in an {@code afterCompletion} callback finds no synchronization active any
 * more, and is taken at once.
 *
 * <p>
 * The calls are taken in this synchronization's {@code afterCompletion}, as Spring's
 * transactional event listeners are run, rather than in {@code afterCommit}: a failure
 * there would reach the committing code as if its commit had failed, and would keep the
 * other synchronizations' callbacks from running. Spring has not released the
 * transaction's resources by then, so they are set aside while the calls are taken, and a
 * body run on this thread (the synchronous mode, a {@code caller-runs} limit) works
 * outside the finished transaction, as it would on a thread of its own.
 *
 * @author threadmethod contributors
 */
final class TransactionCalls implements TransactionSynchronization {

	private final AfterCommitDispatch dispatch;

	private final List<DeferredCall> calls = new ArrayList<>();

	// How many calls had been made when each savepoint seen was made; made at the first
	private @Nullable Map<Object, Integer> savepoints;

	private TransactionCalls(AfterCommitDispatch dispatch) {
		this.dispatch = dispatch;
	}

	/**
	 * Return whether a transaction that synchronizes is active on this thread: an actual
	 * one, not a scope that only synchronizes (such as {@code SUPPORTS} outside a
	 * transaction), whose end commits nothing.
	 */
	static boolean active() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Hold the given call for the transaction active on this thread, after the calls it
	 * holds already.
	 */
	static void add(AfterCommitDispatch dispatch, DeferredCall call) {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof TransactionCalls held && held.dispatch == dispatch) {
				held.calls.add(call);
				return;
			}
		}
		TransactionCalls held = new TransactionCalls(dispatch);
		held.calls.add(call);
		TransactionSynchronizationManager.registerSynchronization(held);
	}

	@Override
	public void savepoint(Object savepoint) {
		if (this.savepoints == null) {
			this.savepoints = new IdentityHashMap<>(4);
		}
		this.savepoints.put(savepoint, this.calls.size());
	}

	@Override
	public void savepointRollback(Object savepoint) {
		// A savepoint not seen was made before this transaction's first call: every call
		// came after it
		Integer made = (this.savepoints != null) ? this.savepoints.remove(savepoint) : null;
		List<DeferredCall> undone = this.calls.subList((made != null) ? made : 0, this.calls.size());
		List<DeferredCall> discarded = List.copyOf(undone);
		undone.clear();
		this.dispatch.discard(discarded, "the nested transaction it was made in rolled back to its savepoint", false);
	}

	@Override
	public void afterCompletion(int status) {
		switch (status) {
			case STATUS_COMMITTED -> setAside(() -> this.dispatch.start(this.calls));
			case STATUS_ROLLED_BACK ->
				this.dispatch.discard(this.calls, "the transaction it was made in rolled back", false);
			default -> this.dispatch.discard(this.calls,
					"the outcome of the transaction it was made in is unknown (its commit or rollback failed)", true);
		}
	}

	/**
	 * Run the given action with the finished transaction's resources and state set aside
	 * on this thread, and put them back after it.
	 */
	private static void setAside(Runnable action) {
		Map<Object, Object> bound = TransactionSynchronizationManager.getResourceMap();
		Map<Object, Object> resources = bound.isEmpty() ? Map.of() : new LinkedHashMap<>(bound);
		resources.keySet().forEach(TransactionSynchronizationManager::unbindResource);
		String name = TransactionSynchronizationManager.getCurrentTransactionName();
		boolean readOnly = TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		Integer isolationLevel = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
		boolean actual = TransactionSynchronizationManager.isActualTransactionActive();
		TransactionSynchronizationManager.setCurrentTransactionName(null);
		TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
		TransactionSynchronizationManager.setCurrentTransactionIsolationLevel(null);
		TransactionSynchronizationManager.setActualTransactionActive(false);
		try {
			action.run();
		}
		finally {
			TransactionSynchronizationManager.setCurrentTransactionName(name);
			TransactionSynchronizationManager.setCurrentTransactionReadOnly(readOnly);
			TransactionSynchronizationManager.setCurrentTransactionIsolationLevel(isolationLevel);
			TransactionSynchronizationManager.setActualTransactionActive(actual);
			resources.forEach(TransactionSynchronizationManager::bindResource);
		}
	}

}

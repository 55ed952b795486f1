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
package io.github.threadmethod.durable;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Announces the durable calls stored outside a transaction, each on a connection of its
 * own (and those a transaction writes only after it has committed), to the other
 * instances, from a daemon thread of its own once they have committed: the caller's
 * thread writes and commits the row, as db-scheduler's own client does, and only flags
 * that there is something to announce. The calls committed while an announcement is on
 * its way are announced together by the next one, so that a burst of calls causes a few
 * {@code NOTIFY}s rather than one each; a call committed after an announcement was
 * started always causes another, so none goes unannounced. After each announcement the
 * thread waits {@link #GAP} before it starts the next, so that calls committed one after
 * another announce together rather than each on its own: a steady stream of calls causes
 * at most one {@code NOTIFY} per gap, and the other instances' scheduler looks for work
 * at most once per gap for it, while a call committed after a quiet moment is announced
 * at once. A call that rolls back or is rejected was never committed, and is never
 * announced.
 *
 * <p>
 * Each announcement borrows a connection of the scheduler's pool for one {@code NOTIFY}
 * and gives it back (see {@link PostgresWakeUps#sendOnItsOwn()}): the
 * {@link WakeUpListener}'s connection cannot carry it, since it is held by its wait for
 * notifications. A failed announcement is not tried again: the calls are stored, and the
 * other instances find them at their next poll (or when their listener connects again).
 * It is logged at {@code WARN} once, and at {@code DEBUG} while announcements keep
 * failing.
 *
 * <p>
 * Started with the context; stopped after the launcher (its phase is given below the
 * launcher's), which rejects new calls by then, announcing what is still to be announced
 * and ending its thread before the pool closes; the stop waits no longer than
 * {@link #STOP_WITHIN}. A call stored once it is stopped is found at the other instances'
 * next poll.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class WakeUpSender implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WakeUpSender.class);

	/**
	 * The longest a stop waits for the last announcement before the context goes on.
	 */
	static final Duration STOP_WITHIN = Duration.ofSeconds(1);

	/**
	 * How long the thread waits after an announcement before it starts the next: what a
	 * call committed right after an announcement may wait for its own, besides the
	 * announcement still on its way; a few times what the other instances' scheduler then
	 * takes to start the call, and far below their poll.
	 */
	static final Duration GAP = Duration.ofMillis(10);

	private final PostgresWakeUps wakeUps;

	private final long gapNanos;

	private final int phase;

	// Whether calls have committed since the last announcement was started
	private final AtomicBoolean pending = new AtomicBoolean();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	// Completed when the sending thread has ended
	private volatile CompletableFuture<Void> ended = CompletableFuture.completedFuture(null);

	// Whether the last announcement failed: a failure is logged at WARN once. Volatile:
	// a thread left over from before a stop may still write it when the next one starts
	private volatile boolean failing;

	/**
	 * Create a sender of the given wake-ups.
	 * @param wakeUps the wake-ups of the instances that share the table
	 * @param phase the {@linkplain #getPhase() phase}: below the launcher's, so that the
	 * calls stored until it rejects new ones are announced before the sending thread ends
	 */
	public WakeUpSender(PostgresWakeUps wakeUps, int phase) {
		this(wakeUps, phase, GAP);
	}

	WakeUpSender(PostgresWakeUps wakeUps, int phase, Duration gap) {
		this.wakeUps = wakeUps;
		this.phase = phase;
		this.gapNanos = gap.toNanos();
	}

	/**
	 * Have the calls committed so far announced, soon, from the sending thread: called on
	 * the caller's thread once its call has committed. Costs the caller no round trip to
	 * the database, and nothing at all where the database takes no announcement.
	 */
	void announce() {
		if (!this.wakeUps.isSupported()) {
			return;
		}
		// Only the first call since the last announcement was started wakes the thread;
		// the others are announced with it
		if (!this.pending.getAndSet(true)) {
			Thread sending = this.thread;
			if (sending != null) {
				LockSupport.unpark(sending);
			}
		}
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		CompletableFuture<Void> ended = new CompletableFuture<>();
		Thread sending = new Thread(() -> {
			try {
				send();
			}
			finally {
				ended.complete(null);
			}
		}, "threadmethod-wake-up-sender");
		sending.setDaemon(true);
		this.ended = ended;
		this.thread = sending;
		sending.start();
	}

	private void send() {
		while (true) {
			// Cleared before the announcement starts: a call committed from here on is
			// announced by the next one
			if (this.pending.getAndSet(false)) {
				sendNow();
				waitOutGap();
			}
			else if (!isCurrent()) {
				return;
			}
			else {
				LockSupport.park(this);
				// An interrupt is cleared and the thread goes on waiting for calls: a
				// stop ends it, through running and thread; an interrupt left set
				// would make every park return at once, and the loop spin
				if (Thread.interrupted()) {
					logger.debug("The thread that announces durable @FireAndForget calls was interrupted; it goes on");
				}
			}
		}
	}

	/**
	 * Wait {@link #GAP} after an announcement, however many calls commit meanwhile (they
	 * are announced together by the next one), unless the sender is stopped.
	 */
	private void waitOutGap() {
		long deadline = System.nanoTime() + this.gapNanos;
		long left;
		while (isCurrent() && (left = deadline - System.nanoTime()) > 0) {
			LockSupport.parkNanos(this, left);
			// Cleared, as in send(): a stop ends the wait through running and thread
			Thread.interrupted();
		}
	}

	private void sendNow() {
		try {
			this.wakeUps.sendOnItsOwn();
			this.failing = false;
		}
		catch (SQLException | RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not tell the other instances of durable @FireAndForget calls stored outside a "
						+ "transaction (" + ex + "); they find them at their next poll");
			}
			else {
				logger.debug("Could not tell the other instances of durable @FireAndForget calls stored outside a "
						+ "transaction; they find them at their next poll", ex);
			}
		}
	}

	/**
	 * Whether the calling thread is the one that sends, and is to go on waiting for
	 * calls: one left over from before a stop is not.
	 */
	private boolean isCurrent() {
		return this.running && this.thread == Thread.currentThread();
	}

	/**
	 * Stop, once what is still to be announced is, and tell the context once the sending
	 * thread has ended, or after {@link #STOP_WITHIN} at most.
	 */
	@Override
	public void stop(Runnable callback) {
		CompletableFuture<Void> ended = this.ended;
		stop();
		// The timeout completes a copy: the thread's own future completes only when it
		// has ended, for hasEnded()
		ended.copy()
			.completeOnTimeout(null, STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> callback.run());
	}

	/**
	 * Stop: the sending thread announces what is still to be announced, and ends.
	 */
	@Override
	public void stop() {
		this.running = false;
		Thread sending = this.thread;
		this.thread = null;
		if (sending != null) {
			LockSupport.unpark(sending);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return whether the sending thread has ended, or was never started.
	 */
	boolean hasEnded() {
		return this.ended.isDone();
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	@Override
	public String toString() {
		return "WakeUpSender [" + this.wakeUps.getChannel() + "]";
	}

}

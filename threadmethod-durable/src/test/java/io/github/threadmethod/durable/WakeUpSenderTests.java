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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for the {@link WakeUpSender}'s thread, against a {@code DataSource} that records
 * the threads that borrow a connection to announce, and can hold them there: an interrupt
 * neither stops it nor makes it spin, a stop's callback does not pretend it has ended,
 * and the calls committed in the gap after an announcement are announced together. Its
 * announcements on a real PostgreSQL are in {@link DurableWakeUpOnPostgreSqlTests}.
 *
 * @author threadmethod contributors
 */
class WakeUpSenderTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	// The threads that borrowed a connection to announce, in order
	private final List<Thread> announcing = new CopyOnWriteArrayList<>();

	// Holds each announcement until counted down
	private volatile CountDownLatch release = new CountDownLatch(0);

	private final WakeUpSender sender = new WakeUpSender(wakeUps(), 0);

	@AfterEach
	void stopSender() {
		this.release.countDown();
		this.sender.stop();
	}

	@Test
	void anInterruptedSenderClearsTheInterruptWaitsAndStillAnnouncesTheNextCall() {
		this.sender.start();
		this.sender.announce();
		await().atMost(WAIT).until(() -> this.announcing.size() == 1);
		Thread thread = this.announcing.get(0);
		await().atMost(WAIT).until(() -> thread.getState() == Thread.State.WAITING);
		thread.interrupt();
		// Parked again with its interrupt cleared: one left set would make every park
		// return at once, and the thread spin
		await().atMost(WAIT).until(() -> !thread.isInterrupted() && thread.getState() == Thread.State.WAITING);
		this.sender.announce();
		await().atMost(WAIT).until(() -> this.announcing.size() == 2);
		assertThat(this.announcing).containsOnly(thread);
		assertThat(this.sender.isRunning()).isTrue();
		assertThat(this.sender.hasEnded()).isFalse();
	}

	@Test
	void aStopThatTimesOutTellsTheContextButTheSenderHasNotEndedUntilItsThreadHas() throws InterruptedException {
		this.release = new CountDownLatch(1);
		this.sender.start();
		this.sender.announce();
		await().atMost(WAIT).until(() -> this.announcing.size() == 1);
		CountDownLatch told = new CountDownLatch(1);
		this.sender.stop(told::countDown);
		assertThat(told.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		// Still held in its announcement: the context was told after STOP_WITHIN
		assertThat(this.sender.hasEnded()).isFalse();
		this.release.countDown();
		await().atMost(WAIT).until(this.sender::hasEnded);
	}

	@Test
	void callsCommittedInTheGapAfterAnAnnouncementAreAnnouncedTogetherByOneWhichAStopDoesNotWaitFor() {
		WakeUpSender sender = new WakeUpSender(wakeUps(), 0, Duration.ofHours(1));
		sender.start();
		try {
			sender.announce();
			await().atMost(WAIT).until(() -> this.announcing.size() == 1);
			Thread thread = this.announcing.get(0);
			// In the gap, a timed wait: without one, it would wait for the next call
			await().atMost(WAIT).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
			sender.announce();
			sender.announce();
			sender.announce();
			await().atMost(WAIT).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
			assertThat(this.announcing).hasSize(1);
		}
		finally {
			sender.stop();
		}
		// The stop ends the gap: the three calls are announced by one, and the thread
		// ends
		await().atMost(WAIT).until(sender::hasEnded);
		assertThat(this.announcing).hasSize(2);
	}

	private PostgresWakeUps wakeUps() {
		DataSource dataSource = mock(DataSource.class);
		Connection listening = connection();
		Connection announcing = connection();
		try {
			given(dataSource.getConnection()).willReturn(listening).willAnswer((invocation) -> {
				this.announcing.add(Thread.currentThread());
				this.release.await();
				return announcing;
			});
			PostgresWakeUps wakeUps = new PostgresWakeUps(() -> dataSource, "scheduled_tasks");
			// Announcements are sent once a listener has found that the database takes
			// them
			assertThat(wakeUps.listen()).isSameAs(listening);
			return wakeUps;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Connection connection() {
		Connection connection = mock(Connection.class);
		Statement statement = mock(Statement.class);
		try {
			given(connection.isWrapperFor(PGConnection.class)).willReturn(true);
			given(connection.getAutoCommit()).willReturn(true);
			given(connection.createStatement()).willReturn(statement);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return connection;
	}

}

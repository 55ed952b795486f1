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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UnknownCallGrace}: when a call this instance does not know is tried
 * again, and when it is kept as failed.
 *
 * @author threadmethod contributors
 */
class UnknownCallGraceTests {

	private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	private static final Duration FIRST_WAIT = Duration.ofSeconds(10);

	private final UnknownCallGrace grace = new UnknownCallGrace(Duration.ofHours(24), FIRST_WAIT,
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final UnknownCallException unknown = new UnknownCallException("Gone.send",
			"it is a call of task 'Gone.send'");

	@Test
	void aCallFirstFoundUnknownIsPutBackForTheFirstWaitAsASuccessThatStartsItsGracePeriod() {
		Rescheduled rescheduled = putBack(this.grace, execution(null, 0));
		assertThat(rescheduled.next).isEqualTo(NOW.plus(FIRST_WAIT));
		// db-scheduler keeps the time a success was done as last_success, and counts no
		// failure
		assertThat(rescheduled.completed.getResult()).isEqualTo(ExecutionComplete.Result.OK);
		assertThat(rescheduled.completed.getTimeDone()).isEqualTo(NOW);
	}

	@Test
	void aCallPutBackBeforeKeepsTheStartOfItsGracePeriodAndWaitsAsLongAgainAsItHasWaited() {
		Instant since = NOW.minus(Duration.ofMinutes(2));
		Rescheduled rescheduled = putBack(this.grace, execution(since, 0));
		assertThat(rescheduled.completed.getTimeDone()).isEqualTo(since);
		assertThat(rescheduled.next).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
	}

	@Test
	void theWaitBetweenPutBacksIsBounded() {
		Rescheduled rescheduled = putBack(this.grace, execution(NOW.minus(Duration.ofHours(5)), 0));
		assertThat(rescheduled.next).isEqualTo(NOW.plus(UnknownCallGrace.MAX_WAIT));
	}

	@Test
	void theLastPutBackEndsWhenTheGracePeriodEnds() {
		Instant since = NOW.minus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
		assertThat(putBack(this.grace, execution(since, 0)).next).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
	}

	@Test
	void aCallWhoseGracePeriodIsOverCannotRunAndIsKeptAsFailed() {
		assertThatExceptionOfType(UnrunnableCallException.class)
			.isThrownBy(() -> this.grace.putBack(execution(NOW.minus(Duration.ofHours(24)), 0), this.unknown))
			.withMessage("it is a call of task 'Gone.send', and no instance that knows it ran it within "
					+ "threadmethod.durable.unknown-call-grace (PT24H) of 2026-12-05T10:00:00Z");
	}

	@Test
	void withoutAGracePeriodACallIsKeptAsFailedAtOnce() {
		UnknownCallGrace none = new UnknownCallGrace(Duration.ZERO, FIRST_WAIT, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(UnrunnableCallException.class)
			.isThrownBy(() -> none.putBack(execution(null, 0), this.unknown));
	}

	@Test
	void aCallThatFailedBeforeIsPutBackAsWell() {
		assertThat(putBack(this.grace, execution(null, 2)).next).isEqualTo(NOW.plus(FIRST_WAIT));
	}

	private Rescheduled putBack(UnknownCallGrace grace, Execution execution) {
		CompletionHandler<DurableCallData> handler = grace.putBack(execution, this.unknown);
		Rescheduled operations = new Rescheduled();
		handler.complete(ExecutionComplete.success(execution, NOW, NOW), operations);
		assertThat(operations.times).isOne();
		return operations;
	}

	private static Execution execution(@Nullable Instant lastSuccess, int consecutiveFailures) {
		return new Execution(NOW, new TaskInstance<>(DurableCallTask.NAME, "Gone.send/1"), true, "instance",
				lastSuccess, null, consecutiveFailures, NOW, 1);
	}

	/**
	 * Records how an execution is rescheduled; nothing else is expected of it.
	 */
	private static final class Rescheduled extends ExecutionOperations<DurableCallData> {

		private int times;

		private @Nullable ExecutionComplete completed;

		private @Nullable Instant next;

		Rescheduled() {
			super(null, null, null);
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime) {
			this.times++;
			this.completed = completed;
			this.next = nextExecutionTime;
		}

	}

}

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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableRetryPolicy}: when the scheduler tries a stored call again, and
 * when it keeps it as failed.
 *
 * @author threadmethod contributors
 */
class DurableRetryPolicyTests {

	private static final Instant DONE = Instant.parse("2026-12-06T10:00:00Z");

	private static final DurableRetries DEFAULTS = new DurableRetries(3, Duration.ofSeconds(10));

	private static final LastFailures LAST_FAILURES = new LastFailures(new Jackson2CallFormat(new ObjectMapper()));

	private final DurableRetryPolicy policy = new DurableRetryPolicy(DEFAULTS,
			Map.of("Mailer.send", new DurableRetries(2, Duration.ofMinutes(1))), LAST_FAILURES);

	@Test
	void aFailedAttemptIsRetriedAfterItsTasksBackOffDoubledForEachAttemptBefore() {
		assertThat(nextAfterFailure("Mailer.send", 1)).isEqualTo(DONE.plus(Duration.ofMinutes(1)));
		assertThat(nextAfterFailure("Mailer.send", 2)).isEqualTo(DONE.plus(Duration.ofMinutes(2)));
		assertThat(nextAfterFailure("Audit.record", 3)).isEqualTo(DONE.plus(Duration.ofSeconds(40)));
	}

	@Test
	void aFailedLastAttemptIsKeptAsFailed() {
		assertThat(this.policy.call("Mailer.send/1", "Mailer.send", 3).isLastAttempt()).isTrue();
		assertThat(nextAfterFailure("Mailer.send", 3)).isEqualTo(DurableRetryPolicy.FAILED_AT);
		assertThat(nextAfterFailure("Audit.record", 4)).isEqualTo(DurableRetryPolicy.FAILED_AT);
	}

	@Test
	void theWaitBetweenAttemptsNeverExceedsThirtyDays() {
		DurableRetryPolicy policy = new DurableRetryPolicy(new DurableRetries(1000, Duration.ofDays(365)), Map.of(),
				LAST_FAILURES);
		DurableCall call = policy.call("Mailer.send/1", "Mailer.send", 1);
		assertThat(next((operations) -> policy
			.onFailure(failure("Mailer.send/1", 0, policy.failed(call, new IllegalStateException())), operations)))
			.isEqualTo(DONE.plus(DurableRetryPolicy.MAX_DELAY));
		DurableCall late = policy.call("Mailer.send/1", "Mailer.send", 500);
		assertThat(next((operations) -> policy
			.onFailure(failure("Mailer.send/1", 499, policy.failed(late, new IllegalStateException())), operations)))
			.isEqualTo(DONE.plus(DurableRetryPolicy.MAX_DELAY));
	}

	@Test
	void aCallThatCannotRunIsKeptAsFailedAtOnce() {
		assertThat(next((operations) -> this.policy
			.onFailure(failure("Mailer.send/1", 0, new UnrunnableCallException("gone")), operations)))
			.isEqualTo(DurableRetryPolicy.FAILED_AT);
	}

	@Test
	void aFailureBeforeTheBodyRanIsRetriedByTheDefaults() {
		assertThat(next((operations) -> this.policy
			.onFailure(failure("Mailer.send/1", 2, new IllegalStateException("not started")), operations)))
			.isEqualTo(DONE.plus(DEFAULTS.backoff()));
		assertThat(next((operations) -> this.policy
			.onFailure(failure("Mailer.send/1", 3, new IllegalStateException("not started")), operations)))
			.isEqualTo(DurableRetryPolicy.FAILED_AT);
	}

	@Test
	void aDeadRunIsRevivedAtOnceWhileItsTaskGivesItAttemptsLeft() {
		Instant before = Instant.now();
		assertThat(nextAfterDeath("Mailer.send/5b7e", 2)).isBetween(before, Instant.now());
		assertThat(nextAfterDeath("Mailer.send/5b7e", 3)).isEqualTo(DurableRetryPolicy.FAILED_AT);
		assertThat(nextAfterDeath("Audit.record/5b7e", 3)).isBetween(before, Instant.now());
		assertThat(nextAfterDeath("Audit.record/5b7e", 4)).isEqualTo(DurableRetryPolicy.FAILED_AT);
	}

	@Test
	void aDeadRunOfATaskNamedByAHashInItsIdIsRevivedByTheTasksOwnRetries() {
		String kept = "ReceiptService.sendTheReceiptOfAnOrderWhoseNameIsFarTooLongForAnId";
		String revived = "ReceiptService.sendTheReceiptOfAnOrderWhoseNameIsFarTooLongForAnIdAgain";
		DurableRetryPolicy policy = new DurableRetryPolicy(new DurableRetries(1, Duration.ofSeconds(10)), Map.of(kept,
				new DurableRetries(0, Duration.ofSeconds(10)), revived, new DurableRetries(5, Duration.ofSeconds(10))),
				LAST_FAILURES);
		String keptId = StoredCallIds.newId(kept);
		String revivedId = StoredCallIds.newId(revived);
		assertThat(keptId).startsWith("#");
		assertThat(revivedId).startsWith("#");
		Instant before = Instant.now();
		assertThat(next((operations) -> policy.deadExecution(failure(keptId, 0, null), operations)))
			.isEqualTo(DurableRetryPolicy.FAILED_AT);
		assertThat(next((operations) -> policy.deadExecution(failure(revivedId, 3, null), operations)))
			.isBetween(before, Instant.now());
	}

	@Test
	void aTaskRetriedAsOftenAsAnIntAllowsIsRetriedAfterItsFirstFailure() {
		DurableRetryPolicy policy = new DurableRetryPolicy(DEFAULTS,
				Map.of("Mailer.send", new DurableRetries(Integer.MAX_VALUE, Duration.ofSeconds(10))), LAST_FAILURES);
		String id = StoredCallIds.newId("Mailer.send");
		DurableCall call = policy.call(id, "Mailer.send", 1);
		assertThat(call.isLastAttempt()).isFalse();
		assertThat(call.getMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
		assertThat(next((operations) -> policy
			.onFailure(failure(id, 0, policy.failed(call, new IllegalStateException())), operations)))
			.isEqualTo(DONE.plusSeconds(10));
	}

	private Instant nextAfterFailure(String taskName, int attempt) {
		String id = StoredCallIds.newId(taskName);
		DurableCall call = this.policy.call(id, taskName, attempt);
		return next((operations) -> this.policy
			.onFailure(failure(id, attempt - 1, this.policy.failed(call, new IllegalStateException())), operations));
	}

	private Instant nextAfterDeath(String id, int attempt) {
		return next((operations) -> this.policy.deadExecution(failure(id, attempt - 1, null), operations));
	}

	private static ExecutionComplete failure(String id, int consecutiveFailures, @Nullable Throwable cause) {
		Execution execution = new Execution(DONE, new TaskInstance<>(DurableCallTask.NAME, id), true, "instance", null,
				null, consecutiveFailures, DONE, 1);
		return ExecutionComplete.failure(execution, DONE.minusSeconds(1), DONE, cause);
	}

	/**
	 * Return when the given handling reschedules the execution.
	 */
	private static Instant next(Consumer<ExecutionOperations<DurableCallData>> handling) {
		Rescheduled operations = new Rescheduled();
		handling.accept(operations);
		assertThat(operations.times).hasSize(1);
		return operations.times.get(0);
	}

	/**
	 * Records when an execution is rescheduled; nothing else is expected of it.
	 */
	private static final class Rescheduled extends ExecutionOperations<DurableCallData> {

		final List<Instant> times = new ArrayList<>();

		Rescheduled() {
			super(null, null, null);
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime) {
			this.times.add(nextExecutionTime);
		}

	}

}

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

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.durable.DurableCalls.LastFailure;
import io.github.threadmethod.durable.StoredCallFormat.History;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import io.github.threadmethod.durable.StoredCallRoundTripTests.Format;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LastFailures}: what a failed attempt failed with is kept in the stored
 * call's data, bounded, and the call stays as it was.
 *
 * @author threadmethod contributors
 */
class LastFailuresTests {

	private static final Instant STORED = Instant.parse("2026-12-06T09:30:00.123Z");

	private static final Instant DONE = Instant.parse("2026-12-06T10:00:00Z");

	private final StoredCallFormat format = new Jackson2CallFormat(new ObjectMapper());

	private final LastFailures lastFailures = new LastFailures(this.format);

	private final DurableTask task = task();

	@Test
	void whatTheBodyThrewIsKeptWithTheCallWhichIsOtherwiseUnchanged() {
		Map<String, String> trace = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, trace, STORED);
		DurableCall call = new DurableCall("Mailer.send/1", "Mailer.send", 1, 4);
		DurableCallData recorded = this.lastFailures.record(failed(json,
				new DurableRetryPolicy.FailedAttempt(call, new IllegalStateException("SMTP server refused"))));
		assertThat(recorded).isNotNull();
		History history = this.format.history(recorded.json());
		assertThat(history.stored()).isEqualTo(STORED);
		assertThat(history.lastFailure())
			.isEqualTo(new LastFailure(DONE, IllegalStateException.class.getName(), "SMTP server refused"));
		StoredCall read = this.format.read(recorded.json());
		assertThat(this.format.arguments(read, this.task)).containsExactly("ada@example.com", 3);
		assertThat(read.trace()).isEqualTo(trace);
		String before = new String(json, StandardCharsets.UTF_8);
		assertThat(new String(recorded.json(), StandardCharsets.UTF_8))
			.startsWith(before.substring(0, before.length() - 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.threadmethod.durable.StoredCallRoundTripTests#formats")
	void exactArgumentsAreKeptAsTheyWereWrittenWhenTheFailureIsWrittenIn(Format format) {
		LastFailures lastFailures = new LastFailures(format.format());
		DurableTask entry = entryTask();
		ZonedDateTime inParis = ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneId.of("Europe/Paris"));
		byte[] json = format.format().write(entry, new Object[] { new BigDecimal("10.00"), inParis }, Map.of(), STORED);
		DurableCallData recorded = lastFailures.record(failed(json, new IllegalStateException("refused")));
		assertThat(recorded).isNotNull();
		assertThat(format.format().history(recorded.json()).lastFailure().message()).isEqualTo("refused");
		assertThat(format.format().arguments(format.format().read(recorded.json()), entry))
			.containsExactly(new BigDecimal("10.00"), inParis);
		String before = new String(json, StandardCharsets.UTF_8);
		assertThat(new String(recorded.json(), StandardCharsets.UTF_8))
			.startsWith(before.substring(0, before.length() - 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.threadmethod.durable.StoredCallRoundTripTests#formats")
	void argumentsAreWrittenBackInTheirOwnTextNotAsTheMapperWouldWriteThem(Format format) {
		LastFailures lastFailures = new LastFailures(format.format());
		DurableTask entry = entryTask();
		String arguments = "\"arguments\":[1.0E+1,\"2026-12-06T09:30:00+01:00[Europe/Paris]\"]";
		byte[] json = ("{\"version\":1,\"task\":\"Ledger.entry\",\"bean\":\"ledger\","
				+ "\"method\":\"entry(java.math.BigDecimal,java.time.ZonedDateTime)\"," + arguments + "}")
			.getBytes(StandardCharsets.UTF_8);
		DurableCallData first = lastFailures.record(failed(json, new IllegalStateException("first")));
		DurableCallData second = lastFailures.record(failed(first.json(), new IllegalStateException("second")));
		assertThat(new String(second.json(), StandardCharsets.UTF_8)).contains(arguments);
		assertThat(format.format().arguments(format.format().read(second.json()), entry)).containsExactly(
				new BigDecimal("1.0E+1"), ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneId.of("Europe/Paris")));
	}

	@Test
	void aLaterFailureTakesThePlaceOfTheEarlierOne() {
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, Map.of(), STORED);
		DurableCallData first = this.lastFailures.record(failed(json, new IllegalStateException("first")));
		DurableCallData second = this.lastFailures
			.record(failed(first.json(), new UnsupportedOperationException("second")));
		assertThat(this.format.history(second.json()).lastFailure())
			.isEqualTo(new LastFailure(DONE, UnsupportedOperationException.class.getName(), "second"));
		assertThat(new String(second.json(), StandardCharsets.UTF_8)).doesNotContain("first");
	}

	@Test
	void aLongMessageIsCutToABoundedLengthAndAPairOfSurrogatesIsNeverSplit() {
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, Map.of(), STORED);
		String message = "x".repeat(StoredCallFormat.MAX_FAILURE_MESSAGE_LENGTH - 2) + "\uD83D\uDE00"
				+ "y".repeat(5000);
		DurableCallData recorded = this.lastFailures.record(failed(json, new IllegalStateException(message)));
		String kept = this.format.history(recorded.json()).lastFailure().message();
		assertThat(kept).hasSizeLessThanOrEqualTo(StoredCallFormat.MAX_FAILURE_MESSAGE_LENGTH)
			.startsWith("x".repeat(StoredCallFormat.MAX_FAILURE_MESSAGE_LENGTH - 2))
			.endsWith("\u2026")
			.doesNotContain("\uD83D");
		assertThat(recorded.json().length).isLessThan(json.length + StoredCallFormat.MAX_FAILURE_MESSAGE_LENGTH * 2);
	}

	@Test
	void aMessageOfExactlyTheBoundedLengthIsKeptWhole() {
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, Map.of(), STORED);
		String message = "x".repeat(StoredCallFormat.MAX_FAILURE_MESSAGE_LENGTH);
		DurableCallData recorded = this.lastFailures.record(failed(json, new IllegalStateException(message)));
		assertThat(this.format.history(recorded.json()).lastFailure().message()).isEqualTo(message);
	}

	@Test
	void aRunWhoseInstanceDiedIsKeptAsStoppedOnThatInstance() {
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, Map.of(), STORED);
		DurableCallData recorded = this.lastFailures.record(failed(json, null));
		LastFailure failure = this.format.history(recorded.json()).lastFailure();
		assertThat(failure.type()).isNull();
		assertThat(failure.message()).contains("instance 'instance-a'").contains("died or shut down");
	}

	@Test
	void dataThatIsNoStoredCallIsKeptAsItIs() {
		assertThat(this.lastFailures
			.record(failed("not json".getBytes(StandardCharsets.UTF_8), new IllegalStateException()))).isNull();
		assertThat(this.lastFailures
			.record(failed("{\"version\":2}".getBytes(StandardCharsets.UTF_8), new IllegalStateException()))).isNull();
		assertThat(this.lastFailures.record(failed(null, new IllegalStateException()))).isNull();
		assertThat(this.format.history("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(new History(null, null));
	}

	@Test
	void thePolicyReschedulesAFailedCallWithWhatItFailedWith() {
		DurableRetryPolicy policy = new DurableRetryPolicy(new DurableRetries(1, Duration.ofSeconds(10)), Map.of(),
				this.lastFailures);
		byte[] json = this.format.write(this.task, new Object[] { "ada@example.com", 3 }, Map.of(), STORED);
		DurableCall call = policy.call("Mailer.send/1", "Mailer.send", 1);
		Rescheduled operations = new Rescheduled();
		policy.onFailure(failed(json, policy.failed(call, new IllegalStateException("SMTP server refused"))),
				operations);
		assertThat(operations.times).containsExactly(DONE.plusSeconds(10));
		assertThat(operations.data).singleElement()
			.satisfies((data) -> assertThat(this.format.history(data.json()).lastFailure().message())
				.isEqualTo("SMTP server refused"));
		Rescheduled dead = new Rescheduled();
		policy.deadExecution(failed(json, null), dead);
		assertThat(dead.data).singleElement()
			.satisfies((data) -> assertThat(this.format.history(data.json()).lastFailure().type()).isNull());
	}

	private static ExecutionComplete failed(byte @Nullable [] json, @Nullable Throwable cause) {
		TaskInstance<DurableCallData> instance = new TaskInstance<>(DurableCallTask.NAME, "Mailer.send/1",
				(json != null) ? new DurableCallData(json) : null);
		Execution execution = new Execution(DONE, instance, true, "instance-a", null, null, 0, DONE, 1);
		return ExecutionComplete.failure(execution, DONE.minusSeconds(1), DONE, cause);
	}

	private static DurableTask entryTask() {
		Method entry = ReflectionUtils.findMethod(Ledger.class, "entry", BigDecimal.class, ZonedDateTime.class);
		return new DurableTask(new FireAndForgetTask("Ledger.entry", entry, Ledger.class), "ledger", entry);
	}

	private static DurableTask task() {
		Method send = ReflectionUtils.findMethod(Mailer.class, "send", String.class, int.class);
		return new DurableTask(new FireAndForgetTask("Mailer.send", send, Mailer.class), "mailer", send);
	}

	static class Ledger {

		@FireAndForget
		public void entry(BigDecimal amount, ZonedDateTime at) {
		}

	}

	static class Mailer {

		@FireAndForget
		public void send(String to, int copies) {
		}

	}

	/**
	 * Records when an execution is rescheduled, and with which data.
	 */
	private static final class Rescheduled extends ExecutionOperations<DurableCallData> {

		final List<Instant> times = new ArrayList<>();

		final List<DurableCallData> data = new ArrayList<>();

		Rescheduled() {
			super(null, null, null);
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime) {
			this.times.add(nextExecutionTime);
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime, DurableCallData newData) {
			this.times.add(nextExecutionTime);
			this.data.add(newData);
		}

	}

}

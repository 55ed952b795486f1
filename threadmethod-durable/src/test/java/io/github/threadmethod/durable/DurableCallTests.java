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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.support.CurrentCall;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DurableCall}: which attempt of which call a body is running, and which
 * call is current on a thread.
 *
 * @author threadmethod contributors
 */
class DurableCallTests {

	private final Runner runner = new Runner();

	@Test
	void theLastAttemptIsTheOneThatReachesTheAttemptsTheCallGets() {
		assertThat(new DurableCall("Mailer.send/1", "Mailer.send", 1, 3).isLastAttempt()).isFalse();
		assertThat(new DurableCall("Mailer.send/1", "Mailer.send", 2, 3).isLastAttempt()).isFalse();
		assertThat(new DurableCall("Mailer.send/1", "Mailer.send", 3, 3).isLastAttempt()).isTrue();
		// Revived once more than its task now allows, after its retries were lowered
		assertThat(new DurableCall("Mailer.send/1", "Mailer.send", 4, 3).isLastAttempt()).isTrue();
	}

	@Test
	void aCallSaysWhichCallOfWhichTaskAndWhichAttemptItIs() {
		DurableCall call = new DurableCall("Mailer.send/5b7e", "Mailer.send", 2, 4);
		assertThat(call.getId()).isEqualTo("Mailer.send/5b7e");
		assertThat(call.getTaskName()).isEqualTo("Mailer.send");
		assertThat(call.getAttempt()).isEqualTo(2);
		assertThat(call.getMaxAttempts()).isEqualTo(4);
		assertThat(call.isStored()).isTrue();
		assertThat(call).hasToString("DurableCall Mailer.send/5b7e of task 'Mailer.send' (attempt 2 of 4)");
	}

	@Test
	void theCallIsCurrentWhileItRunsAndOnlyThen() {
		DurableCall call = new DurableCall("Mailer.send/1", "Mailer.send", 1, 4);
		assertThat(DurableCall.current()).isNull();
		assertThat(DurableCall.runAs(call, this.runner, DurableCall::current)).isSameAs(call);
		assertThat(DurableCall.current()).isNull();
	}

	@Test
	void aCallRunWithinAnotherLeavesTheOtherCurrentOnceItEndsHoweverItEnds() {
		DurableCall outer = new DurableCall("Mailer.send/1", "Mailer.send", 1, 4);
		DurableCall inner = new DurableCall("Audit.record/2", "Audit.record", 1, 4);
		AtomicReference<@Nullable DurableCall> afterInner = new AtomicReference<>();
		DurableCall.runAs(outer, this.runner, () -> {
			assertThatIllegalStateException().isThrownBy(() -> DurableCall.runAs(inner, this.runner, () -> {
				assertThat(DurableCall.current()).isSameAs(inner);
				throw new IllegalStateException("failed");
			}));
			afterInner.set(DurableCall.current());
			return null;
		});
		assertThat(afterInner.get()).isSameAs(outer);
		assertThat(DurableCall.current()).isNull();
	}

	@Test
	void aCallOfAnotherTaskThatTheBodyRunsOnItsThreadIsNotTheDurableCall() {
		DurableCall call = new DurableCall("Mailer.send/1", "Mailer.send", 1, 4);
		this.runner.running = running("Audit.record");
		assertThat(DurableCall.runAs(call, this.runner, DurableCall::current)).isNull();
		this.runner.running = running("Mailer.send");
		assertThat(DurableCall.runAs(call, this.runner, DurableCall::current)).isSameAs(call);
	}

	@Test
	void aCallOfAnotherModeIsAnUnstoredFirstAndLastAttemptWithAnIdOfItsOwnForAsLongAsItRuns() {
		RunningCall first = running("Mailer.send");
		RunningCall second = running("Mailer.send");
		RunningCall outer = CurrentCall.enter(first);
		try {
			DurableCall call = DurableCall.current();
			assertThat(call).isNotNull();
			assertThat(call.isStored()).isFalse();
			assertThat(call.getTaskName()).isEqualTo("Mailer.send");
			assertThat(call.getId()).startsWith("Mailer.send/");
			assertThat(call.getAttempt()).isOne();
			assertThat(call.getMaxAttempts()).isOne();
			assertThat(call.isLastAttempt()).isTrue();
			assertThat(DurableCall.current()).isSameAs(call);
			CurrentCall.enter(second);
			assertThat(DurableCall.current()).isNotNull().isNotSameAs(call);
			assertThat(DurableCall.current().getId()).isNotEqualTo(call.getId());
			CurrentCall.enter(first);
			assertThat(DurableCall.current()).isSameAs(call);
		}
		finally {
			CurrentCall.restore(outer);
		}
		assertThat(DurableCall.current()).isNull();
	}

	@Test
	void theDurableCallRunningOnAThreadComesBeforeTheCallOfItsOwnTask() {
		DurableCall call = new DurableCall("Mailer.send/1", "Mailer.send", 2, 4);
		RunningCall outer = CurrentCall.enter(running("Mailer.send"));
		try {
			this.runner.running = running("Mailer.send");
			assertThat(DurableCall.runAs(call, this.runner, DurableCall::current)).isSameAs(call);
		}
		finally {
			CurrentCall.restore(outer);
		}
	}

	private static RunningCall running(String taskName) {
		Method method = ReflectionUtils.findMethod(Object.class, "toString");
		FireAndForgetTask task = new FireAndForgetTask(taskName, method, Object.class);
		return new RunningCall() {

			@Override
			public FireAndForgetTask getTask() {
				return task;
			}

			@Override
			public @Nullable Thread getThread() {
				return Thread.currentThread();
			}

			@Override
			public Instant getStartedAt() {
				return Instant.now();
			}

			@Override
			public Duration getRunningFor() {
				return Duration.ZERO;
			}

		};
	}

	/**
	 * A runner that tells which call it is running on this thread, if any.
	 */
	private static final class Runner implements StoredCallRunner {

		volatile @Nullable RunningCall running;

		@Override
		public @Nullable Throwable run(FireAndForgetTask task, @Nullable Object[] arguments, Body body) {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable RunningCall currentCall() {
			return this.running;
		}

	}

}

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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FireAndForgetCalls#awaitIdle(java.time.Duration)}, as a test would use
 * it to wait for the calls its code made.
 *
 * @author threadmethod contributors
 */
class AwaitIdleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(Archiver.class);

	@Test
	void awaitIdleReturnsOnceEveryCallHasFinished() {
		this.contextRunner.run((context) -> {
			Archiver archiver = context.getBean(Archiver.class);
			for (int i = 0; i < 5; i++) {
				archiver.archive(i);
			}
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			calls.awaitIdle(Duration.ofSeconds(10));
			assertThat(context.getBean(CallRecorder.class).finished()).isEqualTo(5);
			assertThat(calls.getRunning()).isEmpty();
			assertThat(calls.getTotals("Archiver.archive"))
				.isEqualTo(new FireAndForgetCalls.TaskTotals(5, 5, 0, 0, 0, 0));
			assertThat(calls.getTotals("Nobody.nothing"))
				.isEqualTo(new FireAndForgetCalls.TaskTotals(0, 0, 0, 0, 0, 0));
		});
	}

	@Test
	void awaitIdleFromABodyDoesNotWaitForThatBody() {
		this.contextRunner.withBean(Waiter.class).run((context) -> {
			CompletableFuture<Throwable> waited = new CompletableFuture<>();
			context.getBean(Waiter.class).waitForIdle(context.getBean(FireAndForgetCalls.class), waited);
			assertThat(waited.get(30, TimeUnit.SECONDS)).isNull();
		});
	}

	@Test
	void awaitIdleTimingOutNamesWhatIsStillRunning() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			context.getBean(Archiver.class).archive(1);
			recorder.awaitCalls(1);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			assertThatIllegalStateException().isThrownBy(() -> calls.awaitIdle(Duration.ofMillis(10)))
				.withMessageStartingWith("@FireAndForget calls still running after waiting 10ms: "
						+ "Archiver.archive on thread 'threadmethod-Archiver.archive-1' for ");
			assertThat(calls.getRunning()).singleElement().satisfies((call) -> {
				assertThat(call.getTask().getName()).isEqualTo("Archiver.archive");
				assertThat(call.getThread().getName()).isEqualTo("threadmethod-Archiver.archive-1");
			});
			recorder.release();
			calls.awaitIdle(Duration.ofSeconds(10));
		});
	}

	static class Archiver {

		private final CallRecorder recorder;

		Archiver(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void archive(int item) {
			this.recorder.record("archive", item);
		}

	}

	static class Waiter {

		@FireAndForget
		public void waitForIdle(FireAndForgetCalls calls, CompletableFuture<Throwable> waited) {
			try {
				calls.awaitIdle(Duration.ofSeconds(10));
				waited.complete(null);
			}
			catch (Throwable ex) {
				waited.complete(ex);
			}
		}

	}

}

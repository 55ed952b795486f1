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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.KeyedWork.Run;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code serial} key policy in the modes that run calls in this JVM.
 *
 * @author threadmethod contributors
 */
class SerialKeyTests {

	private static final String TASK = "serial-work";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(KeyedWork.class)
		.withPropertyValues("threadmethod.tasks[" + TASK + "].key-policy=serial");

	static Stream<String> modes() {
		return KeyModes.inThisJvm();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modes")
	void thousandConcurrentCallsOfTenKeysRunEachKeysCallsInOrderNeverTwoAtOnce(String mode) {
		this.contextRunner.withPropertyValues(KeyModes.properties(mode)).run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			KeyedWork.callConcurrently(10, 100, (caller, i) -> work.serial("key-" + (i % 10), caller, i));
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(1000, 1000, 0, 0, 0, 0, 0, 0));
			assertThat(work.mostAtOnce()).isEqualTo(1);
			Map<String, List<Run>> runs = work.runs();
			assertThat(runs).hasSize(10).allSatisfy((key, keyRuns) -> {
				assertThat(keyRuns).hasSize(100);
				// Each caller's calls of the key, in the order it made them
				for (int t = 0; t < 10; t++) {
					String caller = "caller-" + t;
					assertThat(keyRuns).filteredOn((run) -> run.caller().equals(caller))
						.extracting(Run::seq)
						.isSorted()
						.doesNotHaveDuplicates();
				}
			});
		});
	}

	@Test
	void aCallQueuedBehindItsKeyHoldsNoThreadAndRunsOnceTheCallBeforeItEnds() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			work.hold();
			work.serial("a", "main", 0);
			work.serial("a", "main", 1);
			work.serial("a", "main", 2);
			work.serial("b", "main", 3);
			// The key b runs beside a; the later calls of a wait, taken, on no thread
			await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 2);
			assertThat(work.runs().get("a")).extracting(Run::seq).containsExactly(0);
			assertThat(calls.getRunning()).hasSize(4).filteredOn((call) -> call.getThread() == null).hasSize(2);
			assertThat(calls.getTotals(TASK).running()).isEqualTo(4);
			work.release();
			calls.awaitIdle(KeyedWork.TIMEOUT);
			List<Run> runsOfA = work.runs().get("a");
			assertThat(runsOfA).extracting(Run::seq).containsExactly(0, 1, 2);
			assertThat(runsOfA).extracting(Run::thread).doesNotHaveDuplicates();
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(4, 4, 0, 0, 0, 0, 0, 0));
		});
	}

	@Test
	void closingTheContextWaitsForTheCallsQueuedBehindAKey() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			work.hold();
			for (int i = 0; i < 4; i++) {
				work.serial("a", "main", i);
			}
			await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 1);
			CompletableFuture<Void> closed = CompletableFuture
				.runAsync(((ConfigurableApplicationContext) context)::close);
			await().atMost(KeyedWork.TIMEOUT).untilAsserted(() -> assertThatCallsAreRejected(work));
			work.release();
			closed.get(KeyedWork.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			// The drain waited for every call taken, queued ones included
			assertThat(work.runs().get("a")).extracting(Run::seq).containsExactly(0, 1, 2, 3);
		});
	}

	private static void assertThatCallsAreRejected(KeyedWork work) {
		try {
			work.serial("b", "main", 9);
		}
		catch (TaskRejectedException ex) {
			assertThat(ex).hasMessageContaining("shutting down");
			return;
		}
		throw new AssertionError("The call was taken: the context is not closing yet");
	}

	@Test
	void aCallOverALimitWhosePolicyRunsItOnTheCallerWaitsItsTurnAndRunsWhereTheCallBeforeItEnded() {
		this.contextRunner
			.withPropertyValues("threadmethod.tasks[" + TASK + "].concurrency.limit=1",
					"threadmethod.tasks[" + TASK + "].concurrency.policy=caller-runs")
			.run((context) -> {
				KeyedWork work = context.getBean(KeyedWork.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				work.hold();
				work.serial("a", "main", 0);
				await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 1);
				// Over the limit, so for the caller to run; but its key is busy: queued,
				// and the caller returns at once
				work.serial("a", "main", 1);
				assertThat(work.runCount()).isOne();
				work.release();
				calls.awaitIdle(KeyedWork.TIMEOUT);
				List<Run> runs = work.runs().get("a");
				assertThat(runs).extracting(Run::seq).containsExactly(0, 1);
				// No thread was started for it: it ran on the thread of the call before
				// it
				assertThat(runs.get(1).thread()).isSameAs(runs.get(0).thread());
				assertThat(runs.get(1).thread()).isNotSameAs(Thread.currentThread());
			});
	}

	@Test
	void aQueuedCallThatItsBackendRefusesIsRejectedToTheExceptionHandlerAndTheTurnPassesOn() {
		List<Throwable> handled = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(RefusingBackend.class)
			.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> handled.add(ex))
			.run((context) -> {
				KeyedWork work = context.getBean(KeyedWork.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				work.hold();
				work.serial("a", "main", 0);
				work.serial("a", "main", RefusingBackend.REFUSED);
				work.serial("a", "main", 2);
				work.release();
				calls.awaitIdle(KeyedWork.TIMEOUT);
				assertThat(work.runs().get("a")).extracting(Run::seq).containsExactly(0, 2);
				assertThat(handled).singleElement(InstanceOfAssertFactories.THROWABLE)
					.isInstanceOf(TaskRejectedException.class)
					.hasMessage("@FireAndForget call of task 'serial-work' rejected: refused on purpose");
				assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(2, 2, 0, 1, 0, 0, 0, 0));
			});
	}

	/**
	 * Runs each call on a new thread, but refuses the calls numbered {@link #REFUSED}.
	 */
	static class RefusingBackend implements FireAndForgetBackend {

		static final int REFUSED = -1;

		@Override
		public String getMode() {
			return "thread";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			if (call.getArguments()[2].equals(REFUSED)) {
				throw new TaskRejectedException("refused on purpose");
			}
			new Thread(call).start();
		}

	}

}

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
import java.util.stream.Stream;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.KeyedWork.Run;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code unique} key policy in the modes that run calls in this JVM.
 *
 * @author threadmethod contributors
 */
class UniqueKeyTests {

	private static final String TASK = "unique-work";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(KeyedWork.class)
		.withPropertyValues("threadmethod.tasks[" + TASK + "].key-policy=unique");

	static Stream<String> modes() {
		return KeyModes.inThisJvm();
	}

	@Test
	void aCallWhoseKeyIsWaitingOrRunningIsNotStartedAndCountedDeduplicated() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			work.hold();
			// 1,000 calls at once, 10 keys: the first of each key runs, and holds it
			KeyedWork.callConcurrently(10, 100, (caller, i) -> work.unique("key-" + (i % 10), caller, i));
			await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 10);
			assertThat(calls.getTotals(TASK).deduplicated()).isEqualTo(990);
			assertThat(calls.getRunning()).hasSize(10);
			work.release();
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(calls.getTotals(TASK)).isEqualTo(new TaskTotals(10, 10, 0, 0, 0, 0, 0, 990));
			assertThat(work.runs()).hasSize(10).allSatisfy((key, runs) -> assertThat(runs).hasSize(1));
			assertThat(work.mostAtOnce()).isEqualTo(1);
		});
	}

	@Test
	void aKeyIsFreeAgainOnceItsCallHasEnded() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			work.unique("key-0", "main", 0);
			calls.awaitIdle(KeyedWork.TIMEOUT);
			work.unique("key-0", "main", 1);
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(work.runs().get("key-0")).extracting(Run::seq).containsExactly(0, 1);
			assertThat(calls.getTotals(TASK).deduplicated()).isZero();
		});
	}

	@Test
	void callsOfOtherKeysAndOfOtherTasksAreNotDeduplicated() {
		this.contextRunner.run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			work.hold();
			work.unique("a", "main", 0);
			work.unique("b", "main", 1);
			// Another task, whose key has no policy: its calls run as any other
			work.named("a", "main", 2);
			work.named("a", "main", 3);
			await().atMost(KeyedWork.TIMEOUT).until(() -> work.runCount() == 4);
			work.release();
			calls.awaitIdle(KeyedWork.TIMEOUT);
			assertThat(calls.getTotals(TASK).deduplicated()).isZero();
			assertThat(calls.getTotals("named-work").started()).isEqualTo(2);
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modes")
	void thousandConcurrentCallsOfTenKeysStartAtMostOneBodyPerKeyAtATime(String mode) {
		this.contextRunner.withPropertyValues(KeyModes.properties(mode)).run((context) -> {
			KeyedWork work = context.getBean(KeyedWork.class);
			FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
			KeyedWork.callConcurrently(10, 100, (caller, i) -> work.unique("key-" + (i % 10), caller, i));
			calls.awaitIdle(KeyedWork.TIMEOUT);
			TaskTotals totals = calls.getTotals(TASK);
			assertThat(work.mostAtOnce()).isEqualTo(1);
			assertThat(totals.started() + totals.deduplicated()).isEqualTo(1000);
			assertThat(totals.completed()).isEqualTo(totals.started()).isEqualTo(work.runCount());
			assertThat(totals.rejected()).isZero();
			if (!mode.equals(KeyModes.SYNCHRONOUS)) {
				assertThat(work.runs().values()).flatMap((runs) -> runs)
					.extracting(Run::thread)
					.extracting(Thread::getName)
					.allMatch((name) -> name.startsWith("threadmethod-" + TASK + "-"));
			}
			assertThat(work.runs().keySet()).hasSize(10);
			assertThat(List.copyOf(work.runs().values())).allSatisfy((runs) -> assertThat(runs).isNotEmpty());
		});
	}

}

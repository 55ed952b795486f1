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
import java.util.Map;

import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.actuate.ThreadMethodEndpoint.ThreadMethodDescriptor;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskRejectedException;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the keys of calls: how a key expression is read, checked at start-up and
 * worked out at each call, what a key without a policy does, and where the calls that a
 * key policy deduplicates show.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyedCallTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class);

	@Test
	void aKeyWithoutAPolicyNamesTheCallInItsObservationAndLeavesItToRunAsAnyOther() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(KeyedWork.class)
			.withBean(TestObservationRegistry.class, () -> registry)
			.run((context) -> {
				KeyedWork work = context.getBean(KeyedWork.class);
				work.hold();
				work.named("42", "main", 0);
				work.named("42", "main", 1);
				// Both run at once: a key alone changes nothing
				await().atMost(TIMEOUT).until(() -> work.runCount() == 2);
				work.release();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(registry).hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 2)
					.hasObservationWithNameEqualTo("threadmethod.calls")
					.that()
					.hasHighCardinalityKeyValue("call.key", "order-42")
					.hasLowCardinalityKeyValue("outcome", "success");
			});
	}

	@Test
	void aKeyNamesTheFailedCallInTheDefaultHandlersLog(CapturedOutput output) {
		this.contextRunner.withBean(Shipping.class).run((context) -> {
			context.getBean(Shipping.class).fail("42");
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(output).contains("@FireAndForget task 'Shipping.fail' (key 'order-42') failed in");
		});
	}

	@Test
	void aKeyExpressionThatYieldsNullRejectsTheCallNamingTheTaskAndTheExpression() {
		this.contextRunner.withBean(Shipping.class).run((context) -> {
			assertThatExceptionOfType(TaskRejectedException.class)
				.isThrownBy(() -> context.getBean(Shipping.class).ship("parcel", null))
				.withMessage("@FireAndForget call of task 'Shipping.ship' rejected: its key expression '#p1' "
						+ "yielded null");
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
			assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Shipping.ship").rejected()).isOne();
			assertThat(context.getBean(CallLauncher.class).getRejected("Shipping.ship", Rejection.KEY)).isOne();
		});
	}

	@Test
	void aKeyExpressionThatFailsRejectsTheCallNamingTheTaskTheExpressionAndTheFailure() {
		this.contextRunner.withBean(Shipping.class).run((context) -> {
			assertThatExceptionOfType(TaskRejectedException.class)
				.isThrownBy(() -> context.getBean(Shipping.class).track(null))
				.withMessageStartingWith("@FireAndForget call of task 'Shipping.track' rejected: its key expression "
						+ "'#trackingId.toUpperCase()' failed (org.springframework.expression.spel.")
				.withMessageContaining("toUpperCase()");
			assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
			assertThat(context.getBean(CallLauncher.class).getRejected("Shipping.track", Rejection.KEY)).isOne();
		});
	}

	@Test
	void theKeyIsWorkedOutFromTheArgumentsAsTheCacheAnnotationsDo() {
		this.contextRunner.withBean(Shipping.class)
			.withPropertyValues("threadmethod.tasks[Shipping.ship].key-policy=unique",
					"threadmethod.tasks[Shipping.track].key-policy=unique")
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				Shipping shipping = context.getBean(Shipping.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				recorder.blockBodies();
				shipping.ship("parcel", "k1");
				shipping.ship("letter", "k1");
				shipping.track("abc");
				shipping.track("ABC");
				recorder.awaitCalls(2);
				recorder.release();
				calls.awaitIdle(TIMEOUT);
				assertThat(calls.getTotals("Shipping.ship").deduplicated()).isOne();
				assertThat(calls.getTotals("Shipping.track").deduplicated()).isOne();
			});
	}

	@Test
	void aKeyExpressionThatDoesNotParseFailsStartupNamingTheMethodAndTheExpression() {
		this.contextRunner.withBean(Unparsable.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageStartingWith("Invalid @FireAndForget methods in " + Unparsable.class.getName() + ":"
						+ System.lineSeparator() + "- " + Unparsable.class.getName()
						+ ".send(String) has a key expression that does not parse, '#p0 +': ");
		});
	}

	@Test
	void aKeyPolicyForATaskWhoseMethodGivesNoKeyFailsStartupNamingTheTask() {
		this.contextRunner.withBean(Shipping.class)
			.withPropertyValues("threadmethod.tasks[Shipping.unkeyed].key-policy=serial")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("threadmethod.tasks[Shipping.unkeyed].key-policy with value 'serial'")
					.hasMessageContaining("Task 'Shipping.unkeyed' runs " + Shipping.class.getName()
							+ ".unkeyed(String), which gives its calls no key");
			});
	}

	@Test
	void theSerialPolicyForATaskWhoseBackendStoresCallsFailsStartupNamingTheTask() {
		this.contextRunner.withBean(Shipping.class)
			.withBean(StoringBackend.class)
			.withPropertyValues("threadmethod.tasks[Shipping.ship].mode=stored",
					"threadmethod.tasks[Shipping.ship].key-policy=serial")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("threadmethod.tasks[Shipping.ship].key-policy")
					.hasMessageContaining("Task 'Shipping.ship' runs in mode 'stored', whose backend stores calls");
			});
	}

	@Test
	void deduplicatedCallsShowInTheTotalsTheMetersTheObservationAndTheEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
					ThreadMethodMetricsAutoConfiguration.class))
			.withBean(KeyedWork.class)
			.withPropertyValues("threadmethod.tasks[unique-work].key-policy=unique")
			.run((context) -> {
				KeyedWork work = context.getBean(KeyedWork.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("threadmethod.calls.deduplicated")
					.tag("task", "unique-work")
					.functionCounter()
					.count()).isZero();
				work.hold();
				work.unique("a", "main", 0);
				work.unique("a", "main", 1);
				work.unique("a", "main", 2);
				work.release();
				calls.awaitIdle(TIMEOUT);
				assertThat(calls.getTotals("unique-work").deduplicated()).isEqualTo(2);
				assertThat(meters.get("threadmethod.calls.deduplicated")
					.tag("task", "unique-work")
					.functionCounter()
					.count()).isEqualTo(2);
				assertThat(meters.get("threadmethod.calls")
					.tags("task", "unique-work", "outcome", "deduplicated", "exception", "none")
					.timer()
					.count()).isEqualTo(2);
				ThreadMethodDescriptor endpoint = new ThreadMethodEndpoint(context.getBean(CallLauncher.class))
					.threadMethod();
				assertThat(endpoint.tasks().get("unique-work").deduplicated()).isEqualTo(2);
				assertThat(endpoint.configuration().tasks().get("unique-work").keyPolicy()).isEqualTo(KeyPolicy.UNIQUE);
				// A task without the policy gets no such meter
				assertThat(meters.find("threadmethod.calls.deduplicated").tag("task", "serial-work").meters())
					.isEmpty();
				assertThat(calls.getTotals()).containsKey("serial-work");
			});
	}

	static class Shipping {

		private final CallRecorder recorder;

		Shipping(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget(key = "#p1")
		public void ship(String what, String key) {
			this.recorder.record("ship", what, key);
		}

		@FireAndForget(key = "#trackingId.toUpperCase()")
		public void track(String trackingId) {
			this.recorder.record("track", trackingId);
		}

		@FireAndForget(key = "'order-' + #orderId")
		public void fail(String orderId) {
			throw new IllegalStateException("failed on purpose");
		}

		@FireAndForget
		public void unkeyed(String orderId) {
			this.recorder.record("unkeyed", orderId);
		}

	}

	static class Unparsable {

		@FireAndForget(key = "#p0 +")
		public void send(String to) {
		}

	}

	/**
	 * A backend that stores calls to run elsewhere: here, nowhere.
	 */
	static class StoringBackend implements FireAndForgetBackend, StoredCalls {

		@Override
		public String getMode() {
			return "stored";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			call.handOver();
		}

		@Override
		public boolean isLimited() {
			return false;
		}

		@Override
		public Map<String, Counts> countByTask() {
			return Map.of();
		}

	}

}

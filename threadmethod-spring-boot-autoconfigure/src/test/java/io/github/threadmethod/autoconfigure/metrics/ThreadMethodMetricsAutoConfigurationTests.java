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
package io.github.threadmethod.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.BootMetricsAutoConfigurations;
import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.metrics.FireAndForgetMetrics;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadMethodMetricsAutoConfiguration} and the meters of
 * {@link FireAndForgetMetrics}.
 *
 * @author threadmethod contributors
 */
class ThreadMethodMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(Sender.class);

	@Test
	void countsEveryOutcomeOfEveryCallExactly() {
		this.contextRunner
			.withPropertyValues("threadmethod.tasks[Sender.send].concurrency.limit=1",
					"threadmethod.tasks[Sender.send].concurrency.policy=reject")
			.run((context) -> {
				Sender sender = context.getBean(Sender.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				CallRecorder recorder = context.getBean(CallRecorder.class);
				sender.send("ok");
				calls.awaitIdle(Duration.ofSeconds(10));
				sender.send("fail");
				calls.awaitIdle(Duration.ofSeconds(10));
				recorder.blockBodies();
				sender.send("slow");
				recorder.awaitCalls(3);
				assertThat(registry.get("threadmethod.calls.running").tag("task", "Sender.send").gauge().value())
					.isEqualTo(1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> sender.send("rejected"));
				recorder.release();
				calls.awaitIdle(Duration.ofSeconds(10));
				assertThat(
						registry.get("threadmethod.calls.started").tag("task", "Sender.send").functionCounter().count())
					.isEqualTo(3);
				Timer success = registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "success", "exception", "none", "error", "none")
					.timer();
				assertThat(success.count()).isEqualTo(2);
				assertThat(success.totalTime(TimeUnit.SECONDS)).isBetween(0.0, 86_400.0);
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "failure", "exception", "IllegalStateException")
					.timer()
					.count()).isOne();
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "rejected")
					.timer()
					.count()).isOne();
				assertThat(registry.find("threadmethod.calls").timers()).hasSize(3)
					.allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
						.containsExactlyInAnyOrder("task", "outcome", "exception", "error"));
				assertThat(registry.get("threadmethod.calls.active").longTaskTimer().activeTasks()).isZero();
				assertThat(registry.get("threadmethod.calls.rejected")
					.tags("task", "Sender.send", "reason", "limit")
					.functionCounter()
					.count()).isOne();
				assertThat(registry.get("threadmethod.calls.rejected")
					.tags("task", "Sender.send", "reason", "shutdown")
					.functionCounter()
					.count()).isZero();
				assertThat(registry.get("threadmethod.calls.running").tag("task", "Sender.send").gauge().value())
					.isZero();
			});
	}

	@Test
	void withObservationsTheCallsAreTimedByTheirObservationOnlyWithTheSameTags() {
		this.contextRunner.withConfiguration(BootMetricsAutoConfigurations.observation())
			.withPropertyValues("threadmethod.tasks[Sender.send].concurrency.limit=1",
					"threadmethod.tasks[Sender.send].concurrency.policy=reject")
			.run((context) -> {
				Sender sender = context.getBean(Sender.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				CallRecorder recorder = context.getBean(CallRecorder.class);
				assertThat(registry.find("threadmethod.calls").timers()).isEmpty();
				sender.send("ok");
				calls.awaitIdle(Duration.ofSeconds(10));
				sender.send("fail");
				calls.awaitIdle(Duration.ofSeconds(10));
				recorder.blockBodies();
				sender.send("slow");
				recorder.awaitCalls(3);
				LongTaskTimer active = registry.get("threadmethod.calls.active")
					.tag("task", "Sender.send")
					.longTaskTimer();
				assertThat(active.activeTasks()).isOne();
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> sender.send("rejected"));
				recorder.release();
				calls.awaitIdle(Duration.ofSeconds(10));
				assertThat(active.activeTasks()).isZero();
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "success", "exception", "none", "error", "none")
					.timer()
					.count()).isEqualTo(2);
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "failure", "exception", "IllegalStateException", "error",
							"IllegalStateException")
					.timer()
					.count()).isOne();
				assertThat(registry.get("threadmethod.calls")
					.tags("task", "Sender.send", "outcome", "rejected", "exception", "CallRejectedException")
					.timer()
					.count()).isOne();
				assertThat(registry.find("threadmethod.calls").timers()).hasSize(3)
					.allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
						.containsExactlyInAnyOrder("task", "outcome", "exception", "error"));
				assertThat(
						registry.get("threadmethod.calls.started").tag("task", "Sender.send").functionCounter().count())
					.isEqualTo(3);
				assertThat(registry.get("threadmethod.calls.rejected")
					.tags("task", "Sender.send", "reason", "limit")
					.functionCounter()
					.count()).isOne();
			});
	}

	@Test
	void observationsSwitchedOffWithBootsPropertyStillTimeEachCallOnceWithTheSameTags() {
		this.contextRunner.withConfiguration(BootMetricsAutoConfigurations.observation())
			.withPropertyValues("management.observations.enable.threadmethod=false")
			.run((context) -> {
				context.getBean(Sender.class).send("ok");
				context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("threadmethod.calls").timers()).singleElement().satisfies((timer) -> {
					assertThat(timer.count()).isOne();
					assertThat(timer.getId().getTags()).containsExactlyInAnyOrder(Tag.of("task", "Sender.send"),
							Tag.of("outcome", "success"), Tag.of("exception", "none"), Tag.of("error", "none"));
				});
				assertThat(registry.get("threadmethod.calls.active").longTaskTimer().activeTasks()).isZero();
				assertThat(
						registry.get("threadmethod.calls.started").tag("task", "Sender.send").functionCounter().count())
					.isOne();
			});
	}

	@Test
	void withTasksInSeveralModesEveryMeterOfEveryTaskIsTaggedWithItsMode() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Sender.send].mode=synchronous").run((context) -> {
			context.getBean(Sender.class).send("ok");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("threadmethod.calls.started")
				.tags("task", "Sender.send", "mode", "synchronous")
				.functionCounter()
				.count()).isOne();
			assertThat(registry.get("threadmethod.calls")
				.tags("task", "Sender.send", "mode", "synchronous", "outcome", "success")
				.timer()
				.count()).isOne();
			assertThat(registry.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("threadmethod."))
				.isNotEmpty()
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("mode")).as(meter.getId().toString())
					.isEqualTo("synchronous"));
			// No task stores its calls
			assertThat(registry.find("threadmethod.calls.stored").meters()).isEmpty();
		});
	}

	@Test
	void withTasksInOneModeNoMeterIsTaggedWithTheMode() {
		this.contextRunner.run((context) -> {
			context.getBean(Sender.class).send("ok");
			context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("threadmethod."))
				.isNotEmpty()
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("mode")).as(meter.getId().toString()).isNull());
		});
	}

	@Test
	void callMadeDuringStartupIsCountedAndShownRunning() {
		this.contextRunner.withBean(WarmUp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.awaitCalls(1);
			assertThat(registry.get("threadmethod.calls.started").tag("task", "Sender.send").functionCounter().count())
				.isOne();
			assertThat(registry.get("threadmethod.calls.running").tag("task", "Sender.send").gauge().value()).isOne();
			recorder.release();
			context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
			assertThat(registry.get("threadmethod.calls.running").tag("task", "Sender.send").gauge().value()).isZero();
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class,
					ThreadMethodMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(FireAndForgetCalls.class)
				.doesNotHaveBean(FireAndForgetMetrics.class));
	}

	@Test
	void backsOffWhenFireAndForgetIsDisabled() {
		this.contextRunner.withPropertyValues("threadmethod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FireAndForgetMetrics.class));
	}

	static class Sender {

		private final CallRecorder recorder;

		Sender(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void send(String what) {
			this.recorder.record("send", what);
			if (what.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
		}

	}

	/**
	 * Makes a call while the context is being refreshed, before any meter is bound, and
	 * keeps it running.
	 */
	static class WarmUp implements InitializingBean {

		private final Sender sender;

		private final CallRecorder recorder;

		WarmUp(Sender sender, CallRecorder recorder) {
			this.sender = sender;
			this.recorder = recorder;
		}

		@Override
		public void afterPropertiesSet() {
			this.recorder.blockBodies();
			this.sender.send("warm-up");
		}

	}

}

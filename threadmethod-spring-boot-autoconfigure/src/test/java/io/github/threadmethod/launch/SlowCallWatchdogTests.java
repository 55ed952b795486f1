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
package io.github.threadmethod.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SlowCallWatchdog}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowCallWatchdogTests {

	@Test
	void callOverTheThresholdIsLoggedOnceWithTaskThreadAndStack(CapturedOutput output) throws Exception {
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"),
				List.of(new ThreadPerCallBackend()));
		CallAccount account = (CallAccount) launcher.getCalls();
		SlowCallWatchdog watchdog = new SlowCallWatchdog(account, Duration.ofSeconds(60));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		launcher.launch(Invocations.task("Reports.render"), Invocations.of(() -> {
			started.countDown();
			release.await();
		}));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		long start = account.running().iterator().next().getStartNanos();
		watchdog.check(start + TimeUnit.SECONDS.toNanos(59));
		assertThat(output).doesNotContain("Reports.render");
		watchdog.check(start + TimeUnit.SECONDS.toNanos(61));
		watchdog.check(start + TimeUnit.SECONDS.toNanos(120));
		assertThat(output.toString().split("@FireAndForget task 'Reports.render' has been running", -1)).hasSize(2);
		assertThat(output).contains("@FireAndForget task 'Reports.render' has been running for 61000ms on thread "
				+ "'threadmethod-Reports.render-1', longer than the slow-call threshold of 60000ms; it is now at:");
		release.countDown();
		launcher.getCalls().awaitIdle(Duration.ofSeconds(10));
	}

	@Test
	void callWhoseBodyHasNotStartedIsNotReportedYet(CapturedOutput output) {
		List<FireAndForgetExecution> held = new ArrayList<>();
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("held"),
				List.of(new FireAndForgetBackend() {

					@Override
					public String getMode() {
						return "held";
					}

					@Override
					public void execute(FireAndForgetExecution call) {
						held.add(call);
					}

				}));
		CallAccount account = (CallAccount) launcher.getCalls();
		launcher.launch(Invocations.task("Reports.queue"), Invocations.of(() -> {
		}));
		long start = account.running().iterator().next().getStartNanos();
		SlowCallWatchdog watchdog = new SlowCallWatchdog(account, Duration.ofSeconds(1));
		watchdog.check(start + TimeUnit.SECONDS.toNanos(5));
		assertThat(output).doesNotContain("Reports.queue");
		held.get(0).run();
		assertThat(launcher.getCalls().getTotals("Reports.queue").completed()).isOne();
	}

	@Test
	void slowCallIsReportedWhileItRuns(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
			.withPropertyValues("threadmethod.slow-call.threshold=20ms")
			.withBean(CallRecorder.class)
			.withBean(Renderer.class)
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				recorder.blockBodies();
				context.getBean(Renderer.class).render();
				recorder.awaitCalls(1);
				await().untilAsserted(
						() -> assertThat(output).contains("@FireAndForget task 'Renderer.render' has been running for")
							.contains("on thread 'threadmethod-Renderer.render-1'")
							.contains("it is now at:" + System.lineSeparator() + "\tat "));
				recorder.release();
			});
	}

	static class Renderer {

		private final CallRecorder recorder;

		Renderer(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void render() {
			this.recorder.record("render");
		}

	}

}

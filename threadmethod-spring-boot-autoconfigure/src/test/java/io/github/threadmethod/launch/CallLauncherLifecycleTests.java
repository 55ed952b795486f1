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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the lifecycle of a {@link CallLauncher} on its own, without a Spring context:
 * stopping, starting again, destroying, and the settings it is given.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class CallLauncherLifecycleTests {

	private static final long TIMEOUT_SECONDS = 30;

	private final FireAndForgetTask task = Invocations.task("Reports.render");

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Throwable> handled = new CopyOnWriteArrayList<>();

	@AfterEach
	void releaseBodies() {
		this.release.countDown();
	}

	@Test
	void drainsInAPhaseBelowTheWebServer() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"));
		assertThat(launcher.getPhase()).isEqualTo(CallLauncher.DEFAULT_PHASE)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
	}

	@Test
	void stoppedLauncherRejectsAndTakesCallsAgainOnceStartedWithItsLimitOpen() throws Exception {
		CallLauncher launcher = launcher(limitOfOne(ConcurrencyLimitPolicy.WAIT, Duration.ofMinutes(10)));
		launcher.start();
		assertThat(launcher.isRunning()).isTrue();
		launcher.stop();
		assertThat(launcher.isRunning()).isFalse();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> launch(launcher, () -> {
		})).withMessageContaining("the application context is stopped");
		launcher.start();
		CountDownLatch started = new CountDownLatch(1);
		launch(launcher, () -> {
			started.countDown();
			this.release.await();
		});
		assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
		// The task's limit was closed by the stop: a caller that must wait for its slot
		// waits rather than being turned away as if stopped
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> launch(launcher, () -> {
		}));
		this.release.countDown();
		waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		launcher.getCalls().awaitIdle(Duration.ofSeconds(TIMEOUT_SECONDS));
		assertThat(launcher.getCalls().getTotals("Reports.render").completed()).isEqualTo(2);
	}

	@Test
	void stopWakesCallersWaitingForATaskSlotAndStartOpensTheGlobalLimitAgain() throws Exception {
		LaunchSettings defaults = TestLaunchSettings.defaults("thread");
		TaskSettings waits = new TaskSettings(true, "thread", 1, ConcurrencyLimitPolicy.WAIT, Duration.ofMinutes(10));
		CallLauncher launcher = launcher(
				new LaunchSettings(1, Duration.ZERO, Duration.ZERO, waits, Map.of("Reports.render", waits)));
		launcher.start();
		CountDownLatch started = new CountDownLatch(1);
		launch(launcher, () -> {
			started.countDown();
			this.release.await();
		});
		assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Throwable> waiter = new CompletableFuture<>();
		Thread waiting = new Thread(() -> {
			try {
				launch(launcher, () -> {
				});
				waiter.complete(null);
			}
			catch (Throwable ex) {
				waiter.complete(ex);
			}
		});
		waiting.start();
		await().until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
		launcher.stop();
		assertThat(waiter.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(TaskRejectedException.class)
			.hasMessageContaining("the application context is stopped");
		launcher.start();
		// The running call still holds both slots: a new caller waits for them, and gets
		// them once it ends, rather than being turned away by limits left closed
		CompletableFuture<Void> next = CompletableFuture.runAsync(() -> launch(launcher, () -> {
		}));
		this.release.countDown();
		next.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		launcher.getCalls().awaitIdle(Duration.ofSeconds(TIMEOUT_SECONDS));
		assertThat(launcher.getCalls().getTotals("Reports.render").completed()).isEqualTo(2);
	}

	@Test
	void slowCallWatchdogRunsOnlyWhileTheLauncherDoes() {
		CallLauncher launcher = launcher(new LaunchSettings(null, Duration.ZERO, Duration.ofMinutes(1),
				TestLaunchSettings.defaults("thread").defaults(), Map.of()));
		// Launchers of other tests may have left theirs: count this one's only
		long before = watchdogThreads();
		launcher.start();
		await().until(() -> watchdogThreads() == before + 1);
		launcher.stop();
		await().until(() -> watchdogThreads() == before);
	}

	@Test
	void handlerMustBeGiven() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"));
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.setExceptionHandler(null))
			.withMessage("Exception handler must not be null");
	}

	@Test
	void destroyingRejectsAsShuttingDownAndWaitsForRunningCalls(CapturedOutput output) throws Exception {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"));
		CountDownLatch started = new CountDownLatch(1);
		launch(launcher, () -> {
			started.countDown();
			this.release.await();
		});
		assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> destroyed = CompletableFuture.runAsync(launcher::destroy);
		await().until(() -> output.toString().contains("for 1 running @FireAndForget call(s) to finish"));
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> launch(launcher, () -> {
		})).withMessageEndingWith("rejected: the application is shutting down");
		assertThat(destroyed).isNotDone();
		this.release.countDown();
		destroyed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		assertThat(launcher.getCalls().getRunning()).isEmpty();
	}

	@Test
	void closingAfterAStopWaitsAgainForWhatTheStopLeftRunning(CapturedOutput output) throws Exception {
		LaunchSettings settings = new LaunchSettings(null, Duration.ZERO, Duration.ZERO,
				TestLaunchSettings.defaults("thread").defaults(), Map.of());
		CallLauncher launcher = launcher(settings);
		CountDownLatch started = new CountDownLatch(1);
		launch(launcher, () -> {
			started.countDown();
			this.release.await();
		});
		assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
		launcher.stop();
		launcher.destroy();
		assertThat(output.toString().split("@FireAndForget calls still running after waiting 0ms", -1)).hasSize(3);
		// Stopped twice, the second stop does not wait again
		launcher.stop();
		assertThat(output.toString().split("still running after waiting", -1)).hasSize(3);
	}

	@Test
	void failureGoesToTheHandlerItWasGiven() throws Exception {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"));
		IllegalStateException failure = new IllegalStateException("render failed");
		launch(launcher, () -> {
			throw failure;
		});
		launcher.getCalls().awaitIdle(Duration.ofSeconds(TIMEOUT_SECONDS));
		assertThat(this.handled).containsExactly(failure);
	}

	@Test
	void backendsAreKnownByTheirMode() {
		ThreadPerCallBackend threads = new ThreadPerCallBackend();
		HoldingBackend held = new HoldingBackend();
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("held"), List.of(threads, held));
		assertThat(launcher.getBackends()).containsOnly(Map.entry("thread", threads), Map.entry("held", held));
		assertThat(launcher.getSettings().defaults().mode()).isEqualTo("held");
		launch(launcher, () -> {
		});
		assertThat(held.calls).hasSize(1);
	}

	private static long watchdogThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("threadmethod-watchdog-"))
			.count();
	}

	private CallLauncher launcher(LaunchSettings settings) {
		CallLauncher launcher = new CallLauncher(settings, List.of(new ThreadPerCallBackend()));
		launcher.setExceptionHandler((ex, task, arguments) -> this.handled.add(ex));
		return launcher;
	}

	private static LaunchSettings limitOfOne(ConcurrencyLimitPolicy policy, Duration maxWait) {
		LaunchSettings defaults = TestLaunchSettings.defaults("thread");
		return new LaunchSettings(null, Duration.ofSeconds(TIMEOUT_SECONDS), Duration.ZERO, defaults.defaults(),
				Map.of("Reports.render", new TaskSettings(true, "thread", 1, policy, maxWait)));
	}

	private void launch(CallLauncher launcher, Invocations.Body body) {
		launcher.launch(this.task, Invocations.of(body));
	}

	static class HoldingBackend implements FireAndForgetBackend {

		final List<FireAndForgetExecution> calls = new CopyOnWriteArrayList<>();

		@Override
		public String getMode() {
			return "held";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			this.calls.add(call);
		}

	}

}

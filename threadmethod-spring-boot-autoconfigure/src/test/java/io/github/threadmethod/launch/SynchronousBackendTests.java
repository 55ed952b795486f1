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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SynchronousBackend}, through the {@link CallLauncher} as every call
 * reaches it.
 *
 * @author threadmethod contributors
 */
class SynchronousBackendTests {

	private static final FireAndForgetTask OUTER = Invocations.task("Orders.place");

	private static final FireAndForgetTask INNER = Invocations.task("Mail.send");

	@Test
	void bodyRunsOnTheCallersThreadBeforeTheCallReturnsAndTheAccountSeesItRunning() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults(SynchronousBackend.MODE));
		AtomicReference<List<RunningCall>> runningInBody = new AtomicReference<>();
		launcher.launch(OUTER, Invocations.of(() -> runningInBody.set(launcher.getCalls().getRunning())));
		assertThat(runningInBody.get()).singleElement().satisfies((call) -> {
			assertThat(call.getTask()).isSameAs(OUTER);
			assertThat(call.getThread()).isSameAs(Thread.currentThread());
		});
		assertThat(launcher.getCalls().getRunning()).isEmpty();
		assertThat(launcher.getCalls().getTotals(OUTER.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void failureOfTheBodyGoesToTheHandlerAndNeverToTheCaller() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults(SynchronousBackend.MODE));
		List<Throwable> handled = new CopyOnWriteArrayList<>();
		launcher.setExceptionHandler((ex, task, arguments) -> handled.add(ex));
		IllegalStateException failure = new IllegalStateException("mail server down");
		assertThatNoException().isThrownBy(() -> launcher.launch(OUTER, Invocations.of(() -> {
			throw failure;
		})));
		assertThat(handled).containsExactly(failure);
		assertThat(launcher.getCalls().getTotals(OUTER.getName())).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
	}

	@Test
	void decoratorsRunAroundTheBodyOnTheCallersThread() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults(SynchronousBackend.MODE));
		List<String> events = new CopyOnWriteArrayList<>();
		launcher.setTaskDecorator((runnable) -> {
			events.add("captured");
			return () -> {
				events.add("restored on " + Thread.currentThread().getName());
				runnable.run();
			};
		});
		launcher.launch(OUTER, Invocations.of(() -> events.add("body")));
		assertThat(events).containsExactly("captured", "restored on " + Thread.currentThread().getName(), "body");
	}

	@Test
	void limitsAreNotAppliedSoABodyCanCallAnotherTaskUnderALimitOfOneWithoutWaiting() {
		// Were the limits applied, the inner call would find the only slot held by the
		// outer one, on this same thread, and be rejected at once
		TaskSettings oneAtATime = new TaskSettings(true, SynchronousBackend.MODE, 1, ConcurrencyLimitPolicy.WAIT,
				Duration.ZERO);
		CallLauncher launcher = launcher(new LaunchSettings(1, Duration.ofSeconds(30), Duration.ofMinutes(1),
				oneAtATime, Map.of(INNER.getName(), oneAtATime)));
		List<Throwable> handled = new CopyOnWriteArrayList<>();
		launcher.setExceptionHandler((ex, task, arguments) -> handled.add(ex));
		List<String> ran = new CopyOnWriteArrayList<>();
		launcher.launch(OUTER, Invocations.of(() -> {
			launcher.launch(INNER, Invocations.of(() -> {
				launcher.launch(INNER, Invocations.of(() -> ran.add("innermost")));
				ran.add("inner");
			}));
			ran.add("outer");
		}));
		assertThat(handled).isEmpty();
		assertThat(ran).containsExactly("innermost", "inner", "outer");
		assertThat(launcher.getCalls().getTotals()).containsEntry(OUTER.getName(), new TaskTotals(1, 1, 0, 0, 0, 0))
			.containsEntry(INNER.getName(), new TaskTotals(2, 2, 0, 0, 0, 0));
	}

	@Test
	void limitsStillBoundTheTasksOfOtherModes() throws InterruptedException {
		TaskSettings threads = new TaskSettings(true, ThreadPerCallBackend.MODE, null, ConcurrencyLimitPolicy.REJECT,
				Duration.ZERO);
		TaskSettings synchronous = new TaskSettings(true, SynchronousBackend.MODE, null, ConcurrencyLimitPolicy.REJECT,
				Duration.ZERO);
		CallLauncher launcher = new CallLauncher(
				new LaunchSettings(1, Duration.ofSeconds(30), Duration.ofMinutes(1), threads,
						Map.of(OUTER.getName(), synchronous)),
				List.of(new ThreadPerCallBackend(), new SynchronousBackend()));
		List<Throwable> rejected = new CopyOnWriteArrayList<>();
		launcher.setExceptionHandler((ex, task, arguments) -> rejected.add(ex));
		List<String> ran = new CopyOnWriteArrayList<>();
		launcher.launch(OUTER, Invocations.of(() -> launcher.launch(INNER, Invocations.of(() -> {
			ran.add("inner");
			// Holds the only slot of the global limit while it calls again
			launcher.launch(INNER, Invocations.of(() -> ran.add("innermost")));
		}))));
		launcher.getCalls().awaitIdle(Duration.ofSeconds(10));
		// The synchronous call held no slot, so the inner call on a thread took the only
		// one, and the call it made from there found it taken
		assertThat(ran).containsExactly("inner");
		assertThat(rejected).singleElement()
			.isInstanceOf(TaskRejectedException.class)
			.extracting(Throwable::getMessage)
			.isEqualTo("@FireAndForget call of task 'Mail.send' rejected: the concurrency limit of all tasks (1) "
					+ "is reached and policy is to reject");
	}

	@Test
	void callsAreRejectedOnceTheLauncherHasShutDown() {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults(SynchronousBackend.MODE));
		launcher.destroy();
		List<String> ran = new CopyOnWriteArrayList<>();
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(OUTER, Invocations.of(() -> ran.add("late"))))
			.withMessage("@FireAndForget call of task 'Orders.place' rejected: the application is shutting down");
		assertThat(ran).isEmpty();
		assertThat(launcher.getCalls().getTotals(OUTER.getName())).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
	}

	@Test
	void hasTheModeItIsChosenBy() {
		assertThat(new SynchronousBackend().getMode()).isEqualTo("synchronous");
	}

	private static CallLauncher launcher(LaunchSettings settings) {
		return new CallLauncher(settings, List.of(new SynchronousBackend()));
	}

}

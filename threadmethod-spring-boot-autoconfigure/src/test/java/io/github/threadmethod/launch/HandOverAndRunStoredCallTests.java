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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.StoredCallRunner;
import io.github.threadmethod.StoredCalls;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the two ends of a call stored to run elsewhere, through the
 * {@link CallLauncher}: the backend {@linkplain FireAndForgetExecution#handOver() hands
 * the call over}, and the call is later run as the {@link StoredCallRunner} the launcher
 * is; and for waiting until the stored calls of a task have run.
 *
 * @author threadmethod contributors
 */
class HandOverAndRunStoredCallTests {

	private static final String MODE = "stored";

	private static final FireAndForgetTask TASK = task("Mailer.send");

	private static final FireAndForgetTask OTHER = Invocations.task("Audit.record");

	@Test
	void aHandedOverCallCountsAsStoredAndLeavesTheAccountWithoutRunningItsBody() throws InterruptedException {
		StoringBackend backend = new StoringBackend();
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		AtomicBoolean ran = new AtomicBoolean();
		launcher.launch(TASK, Invocations.of(() -> ran.set(true)));
		assertThat(backend.stored).hasSize(1);
		assertThat(backend.handedOver).containsExactly(true);
		assertThat(launcher.getCalls().getRunning()).isEmpty();
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 1));
		launcher.getCalls().awaitIdle(Duration.ZERO);
		// Neither a late run nor a second hand-over changes anything
		backend.stored.get(0).run();
		assertThat(backend.stored.get(0).handOver()).isFalse();
		assertThat(ran).isFalse();
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 1));
	}

	@Test
	void aCallHandedOverUncommittedLeavesTheAccountAtOnceAndCountsAsStoredOnlyOnceCommitted()
			throws InterruptedException {
		List<Runnable> commits = new ArrayList<>();
		List<String> heard = new CopyOnWriteArrayList<>();
		CallLauncher launcher = launcher(backend((call) -> commits.add(call.handOverUncommitted())),
				TestLaunchSettings.defaults(MODE));
		launcher.addListener(new CallListener() {

			@Override
			public void callHandedOver(FireAndForgetTask task) {
				heard.add(task.getName());
			}

		});
		launcher.launch(TASK, Invocations.of(() -> {
		}));
		launcher.launch(TASK, Invocations.of(() -> {
		}));
		assertThat(commits).hasSize(2).doesNotContainNull();
		assertThat(launcher.getCalls().getRunning()).isEmpty();
		launcher.getCalls().awaitIdle(Duration.ZERO);
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0));
		assertThat(heard).isEmpty();
		// The first one's transaction commits; the second one's rolls back
		commits.get(0).run();
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 1));
		assertThat(heard).containsExactly(TASK.getName());
	}

	@Test
	void aCallThatHasRunCannotBeHandedOverUncommitted() {
		List<Runnable> commits = new ArrayList<>();
		CallLauncher launcher = launcher(backend((call) -> {
			call.run();
			commits.add(call.handOverUncommitted());
		}), TestLaunchSettings.defaults(MODE));
		launcher.launch(TASK, Invocations.of(() -> {
		}));
		assertThat(commits).containsExactly((Runnable) null);
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void awaitingTheStoredCallsOfATaskReadsItsStoreUntilNoneIsLeftToRun() throws InterruptedException {
		// Two calls left, then one, then none: as the store empties
		CountingStore store = new CountingStore(2, 1, 0);
		CallLauncher launcher = launcher(store, TestLaunchSettings.defaults(MODE));
		launcher.getCalls().awaitStoredCalls(TASK.getName(), Duration.ofSeconds(30));
		assertThat(store.reads).hasValue(3);
	}

	@Test
	void awaitingTheStoredCallsOfATaskFailsAfterTheTimeoutSayingHowManyAreLeft() {
		CountingStore store = new CountingStore(2);
		CallLauncher launcher = launcher(store, TestLaunchSettings.defaults(MODE));
		assertThatIllegalStateException()
			.isThrownBy(() -> launcher.getCalls().awaitStoredCalls(TASK.getName(), Duration.ofMillis(120)))
			.withMessage("@FireAndForget calls of task 'Mailer.send' still to run after waiting 120ms: "
					+ "2 stored waiting, running or to be tried again, 0 running here");
		assertThat(store.reads.get()).isGreaterThan(1);
	}

	@Test
	void awaitingTheStoredCallsOfATaskThatStoresNoneWaitsForItsCallsRunningHere() throws InterruptedException {
		List<FireAndForgetExecution> kept = new ArrayList<>();
		CallLauncher launcher = launcher(backend(kept::add), TestLaunchSettings.defaults(MODE));
		launcher.launch(TASK, Invocations.of(() -> {
		}));
		assertThatIllegalStateException()
			.isThrownBy(() -> launcher.getCalls().awaitStoredCalls(TASK.getName(), Duration.ZERO))
			.withMessageEndingWith("0 stored waiting, running or to be tried again, 1 running here");
		launcher.getCalls().awaitStoredCalls(OTHER.getName(), Duration.ZERO);
		kept.get(0).run();
		launcher.getCalls().awaitStoredCalls(TASK.getName(), Duration.ZERO);
	}

	@Test
	void aCallThatHasRunCannotBeHandedOver() {
		List<Boolean> handedOver = new CopyOnWriteArrayList<>();
		FireAndForgetBackend backend = backend((call) -> {
			call.run();
			handedOver.add(call.handOver());
		});
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		List<String> ran = new CopyOnWriteArrayList<>();
		launcher.launch(TASK, Invocations.of(() -> ran.add("body")));
		assertThat(ran).containsExactly("body");
		assertThat(handedOver).containsExactly(false);
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void aBackendThatFailsAfterHandingOverDoesNotHaveTheCallRejected() {
		FireAndForgetBackend backend = backend((call) -> {
			call.handOver();
			throw new IllegalStateException("failed after storing");
		});
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		assertThatNoException().isThrownBy(() -> launcher.launch(TASK, Invocations.of(() -> {
		})));
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 1));
		assertThat(launcher.getCalls().getRunning()).isEmpty();
	}

	@Test
	void aBackendThatThrowsBeforeHandingOverHasTheCallRejected() {
		FireAndForgetBackend backend = backend((call) -> {
			throw new TaskRejectedException("the database is unreachable");
		});
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(TASK, Invocations.of(() -> {
			})))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the database is unreachable");
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(0, 0, 0, 1, 0, 0));
	}

	@Test
	void callsOfABackendThatIsNotLimitedTakeNoSlotSoNoPolicyRunsThemOnTheCaller() {
		// The first call is neither run nor handed over while the second is made: had it
		// taken the only slot, caller-runs would run the second on this thread
		List<FireAndForgetExecution> kept = new ArrayList<>();
		FireAndForgetBackend backend = backend(kept::add);
		TaskSettings oneAtATime = new TaskSettings(true, MODE, 1, ConcurrencyLimitPolicy.CALLER_RUNS, Duration.ZERO);
		CallLauncher launcher = launcher(backend, new LaunchSettings(1, Duration.ofSeconds(30), Duration.ofMinutes(1),
				oneAtATime, Map.of(TASK.getName(), oneAtATime)));
		List<String> ran = new CopyOnWriteArrayList<>();
		launcher.launch(TASK, Invocations.of(() -> ran.add("first")));
		launcher.launch(TASK, Invocations.of(() -> ran.add("second")));
		assertThat(ran).isEmpty();
		assertThat(kept).hasSize(2).allSatisfy((call) -> assertThat(call.handOver()).isTrue());
		assertThat(launcher.getCalls().getRunning()).isEmpty();
	}

	@Test
	void aStoredCallRunsOnThisThreadAndIsAccountedFor() {
		StoredCallRunner runner = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		FireAndForgetCalls calls = ((CallLauncher) runner).getCalls();
		List<String> ran = new CopyOnWriteArrayList<>();
		AtomicReference<List<RunningCall>> running = new AtomicReference<>();
		AtomicReference<RunningCall> current = new AtomicReference<>();
		Throwable failure = runner.run(TASK, new Object[] { "ada@example.com", 1 }, () -> {
			ran.add("body on " + Thread.currentThread().getName());
			running.set(calls.getRunning());
			current.set(runner.currentCall());
		});
		assertThat(failure).isNull();
		assertThat(ran).containsExactly("body on " + Thread.currentThread().getName());
		assertThat(running.get()).singleElement().satisfies((call) -> {
			assertThat(call.getTask()).isSameAs(TASK);
			assertThat(call.getThread()).isSameAs(Thread.currentThread());
			assertThat(call).isSameAs(current.get());
		});
		assertThat(calls.getRunning()).isEmpty();
		assertThat(calls.getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
		assertThat(runner.currentCall()).isNull();
	}

	@Test
	void aStoredCallsFailureGoesToTheHandlerWithItsArgumentsAndBackToItsRunnerAsThrown() {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		List<Object> handled = new CopyOnWriteArrayList<>();
		launcher.setExceptionHandler((ex, task, arguments) -> {
			handled.add(ex);
			handled.add(List.of(arguments));
			handled.add(launcher.currentCall().getTask());
		});
		Exception checked = new Exception("mail server down");
		Throwable failure = launcher.run(TASK, new Object[] { "ada@example.com", 7 }, () -> {
			throw checked;
		});
		assertThat(failure).isSameAs(checked);
		assertThat(handled).containsExactly(checked, List.of("ada@example.com", 7), TASK);
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
	}

	@Test
	void aStoredCallIsObservedAsAChildOfTheCurrentObservation() {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		TestObservationRegistry registry = TestObservationRegistry.create();
		launcher.setObservation(registry, null);
		AtomicReference<Observation> current = new AtomicReference<>();
		Observation attempt = Observation.start("attempt", registry);
		try (Observation.Scope scope = attempt.openScope()) {
			launcher.run(TASK, new Object[] { "ada@example.com", 1 },
					() -> current.set(registry.getCurrentObservation()));
		}
		attempt.stop();
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 1)
			.hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasLowCardinalityKeyValue("task", TASK.getName())
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasParentObservationEqualTo(attempt)
			.hasBeenStopped();
		assertThat(current.get().getContextView().getName()).isEqualTo("threadmethod.calls");
	}

	@Test
	void callsTheBodyOfAStoredCallMakesAreLaunchedAsUsualEvenOfItsOwnTask() {
		StoringBackend backend = new StoringBackend();
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		Throwable failure = launcher.run(TASK, new Object[] { "ada@example.com", 1 }, () -> {
			launcher.launch(TASK, Invocations.of(() -> {
			}));
			launcher.launch(OTHER, Invocations.of(() -> {
			}));
		});
		assertThat(failure).isNull();
		assertThat(backend.stored).extracting(FireAndForgetExecution::getTask).containsExactly(TASK, OTHER);
		assertThat(backend.handedOver).containsExactly(true, true);
	}

	@Test
	void theCurrentCallInACallTheBodyMakesOnThisThreadIsThatCall() {
		TaskSettings synchronous = new TaskSettings(true, SynchronousBackend.MODE, null, ConcurrencyLimitPolicy.WAIT,
				Duration.ZERO);
		LaunchSettings defaults = TestLaunchSettings.defaults(MODE);
		CallLauncher launcher = launcher(new StoringBackend(), new LaunchSettings(null, defaults.shutdownTimeout(),
				defaults.slowCallThreshold(), defaults.defaults(), Map.of(OTHER.getName(), synchronous)));
		List<FireAndForgetTask> current = new CopyOnWriteArrayList<>();
		launcher.run(TASK, new Object[] { "ada@example.com", 1 }, () -> {
			current.add(launcher.currentCall().getTask());
			launcher.launch(OTHER, Invocations.of(() -> current.add(launcher.currentCall().getTask())));
			current.add(launcher.currentCall().getTask());
		});
		assertThat(current).containsExactly(TASK, OTHER, TASK);
	}

	@Test
	void aStoredCallTakesNoSlotOfItsTasksLimit() {
		// The launched call keeps the task's only slot: it is neither run nor handed over
		List<FireAndForgetExecution> kept = new ArrayList<>();
		FireAndForgetBackend limited = new FireAndForgetBackend() {

			@Override
			public String getMode() {
				return MODE;
			}

			@Override
			public void execute(FireAndForgetExecution call) {
				kept.add(call);
			}

		};
		TaskSettings oneAtATime = new TaskSettings(true, MODE, 1, ConcurrencyLimitPolicy.REJECT, Duration.ZERO);
		CallLauncher launcher = launcher(limited, new LaunchSettings(null, Duration.ofSeconds(30),
				Duration.ofMinutes(1), oneAtATime, Map.of(TASK.getName(), oneAtATime)));
		launcher.launch(TASK, Invocations.of(() -> {
		}));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(TASK, Invocations.of(() -> {
			})));
		List<String> ran = new CopyOnWriteArrayList<>();
		assertThat(launcher.run(TASK, new Object[] { "ada@example.com", 1 }, () -> ran.add("stored"))).isNull();
		assertThat(ran).containsExactly("stored");
		kept.get(0).run();
	}

	@Test
	void aStoredCallRunsEvenOnceTheLauncherHasShutDown() {
		// The engine took the stored call already: rejecting it now would spend an
		// attempt
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		launcher.destroy();
		List<String> ran = new CopyOnWriteArrayList<>();
		assertThat(launcher.run(TASK, new Object[] { "ada@example.com", 1 }, () -> ran.add("body"))).isNull();
		assertThat(ran).containsExactly("body");
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	private static FireAndForgetTask task(String name) {
		return new FireAndForgetTask(name, send(), Mailer.class);
	}

	private static Method send() {
		try {
			return Mailer.class.getMethod("send", String.class, int.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CallLauncher launcher(FireAndForgetBackend backend, LaunchSettings settings) {
		return new CallLauncher(settings, List.of(backend, new SynchronousBackend()));
	}

	private static FireAndForgetBackend backend(Consumer<FireAndForgetExecution> execute) {
		return new FireAndForgetBackend() {

			@Override
			public String getMode() {
				return MODE;
			}

			@Override
			public void execute(FireAndForgetExecution call) {
				execute.accept(call);
			}

			@Override
			public boolean isLimited() {
				return false;
			}

		};
	}

	/**
	 * A store whose count of the task's pending calls is each of the given ones in turn,
	 * the last for ever.
	 */
	static final class CountingStore implements FireAndForgetBackend, StoredCalls {

		private final long[] pending;

		final AtomicInteger reads = new AtomicInteger();

		CountingStore(long... pending) {
			this.pending = pending;
		}

		@Override
		public String getMode() {
			return MODE;
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
			int read = this.reads.getAndIncrement();
			return Map.of(TASK.getName(), new Counts(this.pending[Math.min(read, this.pending.length - 1)], 0));
		}

	}

	/**
	 * Stores each call, as a durable backend would, and hands it over.
	 */
	static final class StoringBackend implements FireAndForgetBackend {

		final List<FireAndForgetExecution> stored = new CopyOnWriteArrayList<>();

		final List<Boolean> handedOver = new CopyOnWriteArrayList<>();

		@Override
		public String getMode() {
			return MODE;
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			this.stored.add(call);
			this.handedOver.add(call.handOver());
		}

		@Override
		public boolean isLimited() {
			return false;
		}

	}

	public static class Mailer {

		public void send(String to, int attempt) {
		}

	}

}

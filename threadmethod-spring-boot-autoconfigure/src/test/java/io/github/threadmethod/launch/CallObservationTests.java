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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskRejectedException;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the observation of each call by {@link CallLauncher}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class CallObservationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ThreadPerCallBackend threads = new ThreadPerCallBackend("threadmethod-", false, false);

	@Test
	void bodyIsObservedOnItsOwnThreadAsAChildOfTheCallersObservation() throws Exception {
		ThreadRecorder threadRecorder = new ThreadRecorder();
		this.registry.observationConfig().observationHandler(threadRecorder);
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		AtomicReference<Observation> current = new AtomicReference<>();
		AtomicReference<Thread> bodyThread = new AtomicReference<>();
		Observation caller = Observation.start("caller", this.registry);
		try (Observation.Scope scope = caller.openScope()) {
			launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
				bodyThread.set(Thread.currentThread());
				current.set(this.registry.getCurrentObservation());
			}));
		}
		launcher.getCalls().awaitIdle(TIMEOUT);
		caller.stop();
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 1)
			.hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasContextualNameEqualTo("Mail.send")
			.hasLowCardinalityKeyValue("task", "Mail.send")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("exception", "none")
			.doesNotHaveLowCardinalityKeyValueWithKey("mode")
			.doesNotHaveError()
			.hasParentObservationEqualTo(caller)
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(bodyThread.get()).isNotSameAs(Thread.currentThread());
		assertThat(current.get().getContext()).isInstanceOf(FireAndForgetObservationContext.class);
		assertThat(threadRecorder.threadsOf("threadmethod.calls")).containsExactly(bodyThread.get(), bodyThread.get());
	}

	@Test
	void failureIsRecordedOnTheObservationAndHandledWithinIt() throws Exception {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		AtomicReference<Observation> currentInHandler = new AtomicReference<>();
		launcher
			.setExceptionHandler((ex, task, arguments) -> currentInHandler.set(this.registry.getCurrentObservation()));
		IllegalStateException failure = new IllegalStateException("failed on purpose");
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
			throw failure;
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("exception", "IllegalStateException")
			.hasError(failure)
			.doesNotHaveParentObservation()
			.hasBeenStopped();
		assertThat(currentInHandler.get()).isNotNull();
		assertThat(currentInHandler.get().getContext().getName()).isEqualTo("threadmethod.calls");
	}

	@Test
	void rejectedCallIsObservedOnTheCallersThreadWithoutABody() throws Exception {
		ThreadRecorder threadRecorder = new ThreadRecorder();
		this.registry.observationConfig().observationHandler(threadRecorder);
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.start();
		launcher.stop();
		List<String> ran = new CopyOnWriteArrayList<>();
		Observation caller = Observation.start("caller", this.registry);
		try (Observation.Scope scope = caller.openScope()) {
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(
					() -> launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> ran.add("body"))));
		}
		caller.stop();
		assertThat(ran).isEmpty();
		assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasLowCardinalityKeyValue("task", "Mail.send")
			.hasLowCardinalityKeyValue("outcome", "rejected")
			.hasLowCardinalityKeyValue("exception", "CallRejectedException")
			.hasParentObservationEqualTo(caller)
			.hasBeenStopped()
			.assertThatError()
			.hasMessageContaining("task 'Mail.send'");
		assertThat(threadRecorder.threadsOf("threadmethod.calls")).containsOnly(Thread.currentThread());
	}

	@Test
	void modeIsAKeyOnlyWhenTheTasksRunInSeveralModes() throws Exception {
		FireAndForgetBackend inline = new InlineBackend();
		LaunchSettings defaults = TestLaunchSettings.defaults("thread");
		LaunchSettings settings = new LaunchSettings(null, defaults.shutdownTimeout(), defaults.slowCallThreshold(),
				defaults.defaults(),
				Map.of("Reports.render", new TaskSettings(true, "inline", null, ConcurrencyLimitPolicy.WAIT, TIMEOUT)));
		CallLauncher launcher = launcher(settings, this.threads, inline);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
		}));
		launcher.launch(Invocations.task("Reports.render"), Invocations.of(() -> {
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("task", "Mail.send")
				.hasLowCardinalityKeyValue("mode", "thread"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("task", "Reports.render")
				.hasLowCardinalityKeyValue("mode", "inline"));
	}

	@Test
	void conventionReplacesTheDefault() throws Exception {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.setObservation(this.registry, new DefaultFireAndForgetObservationConvention() {

			@Override
			public KeyValues getLowCardinalityKeyValues(FireAndForgetObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "billing");
			}

			@Override
			public String getContextualName(FireAndForgetObservationContext context) {
				return "fire-and-forget " + context.getTask().getName();
			}

		});
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasContextualNameEqualTo("fire-and-forget Mail.send")
			.hasLowCardinalityKeyValue("team", "billing")
			.hasLowCardinalityKeyValue("task", "Mail.send");
	}

	@Test
	void observationHandlerThatFailsNeitherStopsTheCallNorReachesTheCaller(CapturedOutput output) throws Exception {
		this.registry.observationConfig().observationHandler(new FailingHandler());
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		List<String> ran = new CopyOnWriteArrayList<>();
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> ran.add("first")));
		launcher.getCalls().awaitIdle(TIMEOUT);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> ran.add("second")));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(ran).containsExactly("first", "second");
		assertThat(launcher.getCalls().getTotals("Mail.send").completed()).isEqualTo(2);
		assertThat(launcher.getCalls().getTotals("Mail.send").running()).isZero();
		assertThat(output).containsOnlyOnce("Observation of a @FireAndForget call of task 'Mail.send' failed")
			.contains("handler failed on purpose");
	}

	@Test
	void callInProgressHasAnUnknownOutcome() throws Exception {
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
			started.countDown();
			release.await();
		}));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
				.that()
				.hasLowCardinalityKeyValue("outcome", "unknown")
				.isNotStopped();
		}
		finally {
			release.countDown();
		}
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void callTheBackendRefusesIsObservedAsRejected() {
		FireAndForgetBackend refusing = new FireAndForgetBackend() {

			@Override
			public String getMode() {
				return "refusing";
			}

			@Override
			public void execute(FireAndForgetExecution call) {
				throw new TaskRejectedException("no room");
			}

		};
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("refusing"), refusing);
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
			})));
		assertThat(this.registry).hasObservationWithNameEqualTo("threadmethod.calls")
			.that()
			.hasLowCardinalityKeyValue("outcome", "rejected")
			.hasBeenStopped();
	}

	@Test
	void handlerFailingToOpenTheScopeLeavesNoObservationCurrentOnTheCallersThread() throws Exception {
		this.registry.observationConfig().observationHandler(new FailingHandler(Step.SCOPE_OPENED));
		LaunchSettings defaults = TestLaunchSettings.defaults("thread");
		LaunchSettings settings = new LaunchSettings(null, defaults.shutdownTimeout(), defaults.slowCallThreshold(),
				defaults.defaults(),
				Map.of("Mail.send", new TaskSettings(true, "thread", 1, ConcurrencyLimitPolicy.CALLER_RUNS, TIMEOUT)));
		CallLauncher launcher = launcher(settings, this.threads);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
			started.countDown();
			release.await();
		}));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		// Over the limit: runs on this thread, with its observation's scope opened here
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> ranOn.set(Thread.currentThread())));
		release.countDown();
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(ranOn.get()).isSameAs(Thread.currentThread());
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void handlerFailingToStartStillHasTheStartedHandlersStopped() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters))
			.observationHandler(new FailingHandler(Step.START));
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(meters.get("threadmethod.calls.active").longTaskTimer().activeTasks()).isZero();
		assertThat(meters.get("threadmethod.calls").timer().count()).isOne();
	}

	@Test
	void conventionThatFailsFallsBackToTheDefaultAndTheCallIsStillTimed(CapturedOutput output) throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.setObservation(this.registry, new DefaultFireAndForgetObservationConvention() {

			@Override
			public String getContextualName(FireAndForgetObservationContext context) {
				throw new IllegalStateException("convention failed on purpose");
			}

		});
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(meters.get("threadmethod.calls").timer().count()).isOne();
		assertThat(meters.get("threadmethod.calls.active").longTaskTimer().activeTasks()).isZero();
		assertThat(output).contains("convention failed on purpose");
	}

	@Test
	void callNotObservedByTheApplicationIsObservedForItsMetricsOnly() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry metrics = ObservationRegistry.create();
		metrics.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.registry.observationConfig().observationPredicate((name, context) -> false);
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.setMetricsObservationRegistry(metrics);
		AtomicReference<Observation> current = new AtomicReference<>();
		launcher.launch(Invocations.task("Mail.send"),
				Invocations.of(() -> current.set(this.registry.getCurrentObservation())));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(current.get()).isNull();
		assertThat(this.registry).doesNotHaveAnyObservation();
		assertThat(meters.get("threadmethod.calls").tag("outcome", "success").timer().count()).isOne();
	}

	@Test
	void callObservedByTheApplicationIsNotObservedForItsMetricsToo() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry metrics = ObservationRegistry.create();
		metrics.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		CallLauncher launcher = launcher(TestLaunchSettings.defaults("thread"), this.threads);
		launcher.setMetricsObservationRegistry(metrics);
		launcher.launch(Invocations.task("Mail.send"), Invocations.of(() -> {
		}));
		launcher.getCalls().awaitIdle(TIMEOUT);
		assertThat(meters.get("threadmethod.calls").timer().count()).isOne();
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 1);
	}

	@Test
	void withoutARegistryNothingIsObserved() throws Exception {
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"), List.of(this.threads));
		AtomicReference<Observation> current = new AtomicReference<>();
		Observation caller = Observation.start("caller", this.registry);
		try (Observation.Scope scope = caller.openScope()) {
			launcher.launch(Invocations.task("Mail.send"),
					Invocations.of(() -> current.set(this.registry.getCurrentObservation())));
		}
		launcher.getCalls().awaitIdle(TIMEOUT);
		caller.stop();
		assertThat(current.get()).isNull();
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("threadmethod.calls", 0);
	}

	private CallLauncher launcher(LaunchSettings settings, FireAndForgetBackend... backends) {
		CallLauncher launcher = new CallLauncher(settings, List.of(backends));
		launcher.setObservation(this.registry, null);
		return launcher;
	}

	/**
	 * Records the thread of each start and stop of an observation, by name.
	 */
	static class ThreadRecorder implements ObservationHandler<Observation.Context> {

		private final List<Map.Entry<String, Thread>> events = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.events.add(Map.entry(context.getName(), Thread.currentThread()));
		}

		@Override
		public void onStop(Observation.Context context) {
			this.events.add(Map.entry(context.getName(), Thread.currentThread()));
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<Thread> threadsOf(String name) {
			return this.events.stream()
				.filter((event) -> event.getKey().equals(name))
				.map(Map.Entry::getValue)
				.toList();
		}

	}

	enum Step {

		START, SCOPE_OPENED, SCOPE_CLOSED, STOP

	}

	/**
	 * A handler that fails at the given steps of every observation.
	 */
	static class FailingHandler implements ObservationHandler<Observation.Context> {

		private final Set<Step> steps;

		FailingHandler(Step... steps) {
			this.steps = (steps.length > 0) ? Set.of(steps) : EnumSet.allOf(Step.class);
		}

		@Override
		public void onStart(Observation.Context context) {
			fail(Step.START);
		}

		@Override
		public void onScopeOpened(Observation.Context context) {
			fail(Step.SCOPE_OPENED);
		}

		@Override
		public void onScopeClosed(Observation.Context context) {
			fail(Step.SCOPE_CLOSED);
		}

		@Override
		public void onStop(Observation.Context context) {
			fail(Step.STOP);
		}

		private void fail(Step step) {
			if (this.steps.contains(step)) {
				throw new IllegalStateException("handler failed on purpose");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/**
	 * Runs each call on its caller's thread.
	 */
	static class InlineBackend implements FireAndForgetBackend {

		@Override
		public String getMode() {
			return "inline";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			call.run();
		}

	}

}

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

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the two ends of a call stored to run elsewhere, through the
 * {@link CallLauncher}: the backend {@linkplain FireAndForgetExecution#handOver() hands
 * the call over}, and the call is later {@linkplain CallLauncher#runInPlace run in place}
 * through a stand-in for the bean's proxy.
 *
 * @author threadmethod contributors
 */
class HandOverAndRunInPlaceTests {

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
	void aCallRunInPlaceProceedsThroughTheInterceptorOnThisThreadAndIsAccountedFor() throws Exception {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		List<String> ran = new CopyOnWriteArrayList<>();
		AtomicReference<List<RunningCall>> running = new AtomicReference<>();
		Object[] arguments = { "ada@example.com", 1234567 };
		Throwable failure = launcher.runInPlace(TASK, send(), arguments, proxy(launcher, arguments, () -> {
			ran.add("body on " + Thread.currentThread().getName());
			running.set(launcher.getCalls().getRunning());
		}));
		assertThat(failure).isNull();
		assertThat(ran).containsExactly("body on " + Thread.currentThread().getName());
		assertThat(running.get()).singleElement().satisfies((call) -> {
			assertThat(call.getTask()).isSameAs(TASK);
			assertThat(call.getThread()).isSameAs(Thread.currentThread());
		});
		assertThat(launcher.getCalls().getRunning()).isEmpty();
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void aCallRunInPlaceHandsItsFailureToTheHandlerAndBackToItsRunner() {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		List<Object> handled = new CopyOnWriteArrayList<>();
		launcher.setExceptionHandler((ex, task, arguments) -> {
			handled.add(ex);
			handled.add(List.of(arguments));
		});
		Exception checked = new Exception("mail server down");
		Object[] arguments = { "ada@example.com", 7 };
		// The proxy wraps the checked exception, which the method does not declare; the
		// handler and the runner see it as the body threw it
		Throwable failure = launcher.runInPlace(TASK, send(), arguments, () -> {
			try {
				proxy(launcher, arguments, () -> {
					throw checked;
				}).invoke();
			}
			catch (Exception ex) {
				throw new UndeclaredThrowableException(ex);
			}
		});
		assertThat(failure).isSameAs(checked);
		assertThat(handled).containsExactly(checked, List.of("ada@example.com", 7));
		assertThat(launcher.getCalls().getTotals(TASK.getName())).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
	}

	@Test
	void callsTheBodyMakesAreLaunchedAsUsualEvenOfTheSameMethod() {
		StoringBackend backend = new StoringBackend();
		CallLauncher launcher = launcher(backend, TestLaunchSettings.defaults(MODE));
		Object[] arguments = { "ada@example.com", 1 };
		List<Boolean> proceeded = new CopyOnWriteArrayList<>();
		Throwable failure = launcher.runInPlace(TASK, send(), arguments, proxy(launcher, arguments, () -> {
			MethodInvocation again = invocation(arguments, () -> {
			});
			proceeded.add(launcher.proceedIfInPlace(TASK, again));
			launcher.launch(TASK, again);
			launcher.launch(OTHER, Invocations.of(() -> {
			}));
		}));
		assertThat(failure).isNull();
		assertThat(proceeded).containsExactly(false);
		assertThat(backend.stored).extracting(FireAndForgetExecution::getTask).containsExactly(TASK, OTHER);
	}

	@Test
	void anotherTaskOrOtherArgumentsDoNotProceedInPlace() {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		Object[] arguments = { "ada@example.com", 1 };
		List<Boolean> proceeded = new CopyOnWriteArrayList<>();
		launcher.runInPlace(TASK, send(), arguments, () -> {
			proceeded.add(launcher.proceedIfInPlace(OTHER, invocation(arguments, () -> {
			})));
			proceeded.add(launcher.proceedIfInPlace(TASK, invocation(new Object[] { "bob@example.com", 1 }, () -> {
			})));
			proceeded.add(launcher.proceedIfInPlace(TASK, invocation(arguments.clone(), () -> {
			})));
		});
		assertThat(proceeded).containsExactly(false, false, true);
	}

	@Test
	void noCallIsInPlaceOnTheThreadOnceTheRunHasEnded() throws Throwable {
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		Object[] arguments = { "ada@example.com", 1 };
		launcher.runInPlace(TASK, send(), arguments, () -> {
		});
		assertThat(launcher.proceedIfInPlace(TASK, invocation(arguments, () -> {
		}))).isFalse();
	}

	@Test
	void aCallIsRunInPlaceEvenOnceTheLauncherHasShutDown() {
		// The engine took the stored call already: rejecting it now would spend an
		// attempt
		CallLauncher launcher = launcher(new StoringBackend(), TestLaunchSettings.defaults(MODE));
		launcher.destroy();
		Object[] arguments = { "ada@example.com", 1 };
		List<String> ran = new CopyOnWriteArrayList<>();
		assertThat(launcher.runInPlace(TASK, send(), arguments, proxy(launcher, arguments, () -> ran.add("body"))))
			.isNull();
		assertThat(ran).containsExactly("body");
	}

	/**
	 * A stand-in for the bean's proxy, whose interceptor asks the launcher first.
	 */
	private static CallLauncher.ProxyCall proxy(CallLauncher launcher, Object[] arguments, Invocations.Body body) {
		return () -> {
			// The proxy hands the interceptor an array of its own, boxing primitives anew
			Object[] proxied = { arguments[0], Integer.valueOf(((Integer) arguments[1]).intValue()) };
			MethodInvocation invocation = invocation(proxied, body);
			if (!launcher.proceedIfInPlace(TASK, invocation)) {
				launcher.launch(TASK, invocation);
			}
		};
	}

	private static MethodInvocation invocation(Object[] arguments, Invocations.Body body) {
		MethodInvocation plain = Invocations.of(body, arguments);
		return new MethodInvocation() {

			@Override
			public Method getMethod() {
				return send();
			}

			@Override
			public Object[] getArguments() {
				return arguments;
			}

			@Override
			public Object proceed() throws Throwable {
				return plain.proceed();
			}

			@Override
			public Object getThis() {
				return plain.getThis();
			}

			@Override
			public AccessibleObject getStaticPart() {
				return send();
			}

		};
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

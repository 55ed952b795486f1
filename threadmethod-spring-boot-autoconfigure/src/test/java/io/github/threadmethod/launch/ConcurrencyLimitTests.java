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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.UnstartableThreads;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the concurrency limits of {@link FireAndForget @FireAndForget} calls.
 *
 * @author threadmethod contributors
 */
class ConcurrencyLimitTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(Gate.class)
		.withBean(Worker.class)
		.withBean(Other.class);

	@Test
	void limitIsNeverExceededUnderABurstOfConcurrentCallers() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=3", "threadmethod.concurrency.max-wait=30s")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				Worker worker = context.getBean(Worker.class);
				List<Thread> callers = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					Thread caller = new Thread(() -> worker.work("burst"));
					callers.add(caller);
					caller.start();
				}
				await().until(() -> gate.running.get() == 3 && callers.stream()
					.filter((caller) -> caller.getState() == Thread.State.TIMED_WAITING)
					.count() == 17);
				gate.open();
				for (Thread caller : callers) {
					caller.join(TimeUnit.SECONDS.toMillis(30));
				}
				context.getBean(FireAndForgetCalls.class).awaitIdle(java.time.Duration.ofSeconds(30));
				assertThat(gate.finished).hasValue(20);
				assertThat(gate.maxRunning).hasValue(3);
			});
	}

	@Test
	void rejectPolicyRejectsACallOverTheLimitNamingTaskAndLimit() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=reject")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				Worker worker = context.getBean(Worker.class);
				worker.work("first");
				await().until(() -> gate.running.get() == 1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("second"))
					.withMessage("@FireAndForget call of task 'Worker.work' rejected: the concurrency limit of all "
							+ "tasks (1) is reached and policy is to reject");
				gate.open();
				context.getBean(FireAndForgetCalls.class).awaitIdle(java.time.Duration.ofSeconds(10));
				worker.work("third");
				await().until(() -> gate.finished.get() == 2);
				assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Worker.work"))
					.isEqualTo(new FireAndForgetCalls.TaskTotals(2, 2, 0, 1, 0, 0));
			});
	}

	@Test
	void waitPolicyRejectsOnceTheMaximumWaitHasPassed() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.max-wait=20ms")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				Worker worker = context.getBean(Worker.class);
				worker.work("first");
				await().until(() -> gate.running.get() == 1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("second"))
					.withMessageEndingWith("is reached and no slot freed within 20ms");
				gate.open();
			});
	}

	@Test
	void waitPolicyStartsTheCallOnceASlotFrees() {
		this.contextRunner.withPropertyValues("threadmethod.concurrency.limit=1").run((context) -> {
			Gate gate = context.getBean(Gate.class);
			Worker worker = context.getBean(Worker.class);
			worker.work("first");
			await().until(() -> gate.running.get() == 1);
			Thread caller = new Thread(() -> worker.work("second"));
			caller.start();
			await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
			assertThat(gate.started).hasValue(1);
			gate.open();
			await().until(() -> gate.finished.get() == 2);
			assertThat(gate.maxRunning).hasValue(1);
		});
	}

	@Test
	void callerRunsPolicyRunsTheBodyOnTheCallerOverTheLimit() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=caller-runs")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				Worker worker = context.getBean(Worker.class);
				worker.work("first");
				await().until(() -> gate.running.get() == 1);
				Other other = context.getBean(Other.class);
				other.work(Thread.currentThread());
				assertThat(other.ranOn()).isSameAs(Thread.currentThread());
				gate.open();
			});
	}

	@Test
	void taskLimitCapsItsTaskOnlyAndTakesItsOwnPolicy() {
		this.contextRunner
			.withPropertyValues("threadmethod.tasks[Worker.work].concurrency.limit=1",
					"threadmethod.tasks[Worker.work].concurrency.policy=reject")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				Worker worker = context.getBean(Worker.class);
				worker.work("first");
				await().until(() -> gate.running.get() == 1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("second"))
					.withMessageContaining("the concurrency limit of task 'Worker.work' (1) is reached");
				Other other = context.getBean(Other.class);
				other.work(Thread.currentThread());
				await().until(() -> other.ranOn() != null);
				assertThat(other.ranOn()).isNotSameAs(Thread.currentThread());
				gate.open();
			});
	}

	@Test
	void taskPolicyAppliesToTheGlobalLimitWithoutALimitOfItsOwn() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.max-wait=30s",
					"threadmethod.tasks[Other.work].concurrency.policy=reject")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				context.getBean(Worker.class).work("first");
				await().until(() -> gate.running.get() == 1);
				assertThatExceptionOfType(TaskRejectedException.class)
					.isThrownBy(() -> context.getBean(Other.class).work(Thread.currentThread()))
					.withMessage("@FireAndForget call of task 'Other.work' rejected: the concurrency limit of all "
							+ "tasks (1) is reached and policy is to reject");
				gate.open();
			});
	}

	@Test
	void permitsStayBalancedWhenBodiesThrow() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=reject")
			.run((context) -> {
				Worker worker = context.getBean(Worker.class);
				FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
				for (int i = 0; i < 3; i++) {
					worker.fail();
					calls.awaitIdle(java.time.Duration.ofSeconds(10));
				}
				assertThat(calls.getTotals("Worker.fail"))
					.isEqualTo(new FireAndForgetCalls.TaskTotals(3, 0, 3, 0, 0, 0));
			});
	}

	@Test
	void permitsStayBalancedWhenNoThreadCanStart() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.policy=reject")
			.withBean(ThreadPerCallBackend.class,
					() -> new ThreadPerCallBackend(
							new UnstartableThreads(() -> new OutOfMemoryError("unable to create native thread"))))
			.run((context) -> {
				Worker worker = context.getBean(Worker.class);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("refused"))
						.withMessageContaining("the JVM could not start a thread");
				}
			});
	}

	@Test
	void disabledTaskRunsAsAPlainSynchronousCall() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Other.work].enabled=false").run((context) -> {
			Other other = context.getBean(Other.class);
			assertThat(AopUtils.isAopProxy(other)).isFalse();
			other.work(Thread.currentThread());
			assertThat(other.ranOn()).isSameAs(Thread.currentThread());
			assertThat(AopUtils.isAopProxy(context.getBean(Worker.class))).isTrue();
		});
	}

	static class Gate {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxRunning = new AtomicInteger();

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		private final CountDownLatch open = new CountDownLatch(1);

		void pass() {
			this.started.incrementAndGet();
			this.maxRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				assertThat(this.open.await(30, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.running.decrementAndGet();
				this.finished.incrementAndGet();
			}
		}

		void open() {
			this.open.countDown();
		}

	}

	static class Worker {

		private final Gate gate;

		Worker(Gate gate) {
			this.gate = gate;
		}

		@FireAndForget
		public void work(String item) {
			this.gate.pass();
		}

		@FireAndForget
		public void fail() {
			throw new IllegalStateException("failed on purpose");
		}

	}

	static class Other {

		private volatile Thread ranOn;

		@FireAndForget
		public void work(Thread caller) {
			this.ranOn = Thread.currentThread();
		}

		// Read through a method: a field of a class-based proxy is the proxy's own
		public Thread ranOn() {
			return this.ranOn;
		}

	}

}

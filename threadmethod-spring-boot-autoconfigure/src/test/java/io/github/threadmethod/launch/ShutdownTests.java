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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.UnstartableThreads;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for how {@link CallLauncher} treats calls around shutdown and when no thread can
 * be started.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(Worker.class);

	@Test
	void closingTheContextWaitsForRunningCalls(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			Worker worker = context.getBean(Worker.class);
			worker.work("first");
			Thread body = recorder.awaitCalls(1).get(0).thread();
			Thread closer = new Thread(context::close, "closer");
			closer.start();
			await().until(() -> closer.getState() == Thread.State.TIMED_WAITING
					&& output.toString().contains("for 1 running @FireAndForget call(s) to finish"));
			assertThat(body.isAlive()).isTrue();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("late"))
				.withMessage("@FireAndForget call of task 'Worker.work' rejected: the application is shutting down");
			recorder.release();
			closer.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(closer.isAlive()).isFalse();
			assertThat(recorder.finished()).isOne();
			assertThat(recorder.calls()).extracting(Call::arguments)
				.extracting((arguments) -> arguments.get(0))
				.containsExactly("first");
			assertThat(output).doesNotContain("still running");
		});
	}

	@Test
	void callsStillRunningAfterTheShutdownTimeoutAreLoggedByTaskName(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadmethod.shutdown.timeout=50ms").run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			context.getBean(Worker.class).work("stuck");
			Thread body = recorder.awaitCalls(1).get(0).thread();
			try {
				context.close();
				assertThat(body.isAlive()).isTrue();
				assertThat(output).contains("@FireAndForget calls still running after waiting 50ms: "
						+ "Worker.work on thread 'threadmethod-Worker.work-1'");
			}
			finally {
				recorder.release();
			}
		});
	}

	@Test
	void callsAreRejectedOnceTheContextIsClosed() {
		this.contextRunner.run((context) -> {
			Worker worker = context.getBean(Worker.class);
			CallRecorder recorder = context.getBean(CallRecorder.class);
			context.close();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("late"))
				.withMessageContaining("'Worker.work'")
				.withMessageContaining("shutting down");
			assertThat(recorder.calls()).isEmpty();
		});
	}

	@Test
	void callThatCannotGetAThreadIsRejectedNamingTheTask(CapturedOutput output) {
		this.contextRunner
			.withBean(FireAndForgetBackend.class,
					() -> new ThreadPerCallBackend(new UnstartableThreads(
							() -> new OutOfMemoryError("unable to create native thread: possibly out of memory"))))
			.run((context) -> {
				Worker worker = context.getBean(Worker.class);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("refused"))
					.withMessage("@FireAndForget call of task 'Worker.work' rejected: the JVM could not start a thread "
							+ "for it (unable to create native thread: possibly out of memory)")
					.withCauseInstanceOf(OutOfMemoryError.class);
				assertThat(context.getBean(CallRecorder.class).calls()).isEmpty();
				CompletableFuture.runAsync(((ConfigurableApplicationContext) context)::close).get(10, TimeUnit.SECONDS);
				assertThat(output).doesNotContain("running @FireAndForget call");
			});
	}

	@Test
	void callerWaitingForASlotIsRejectedAtOnceWhenShutdownBegins() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=1", "threadmethod.concurrency.max-wait=1h",
					"threadmethod.shutdown.timeout=1h")
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				recorder.blockBodies();
				Worker worker = context.getBean(Worker.class);
				worker.work("holds the slot");
				recorder.awaitCalls(1);
				CompletableFuture<Throwable> waiter = new CompletableFuture<>();
				Thread waiting = new Thread(() -> {
					try {
						worker.work("waits");
						waiter.complete(null);
					}
					catch (Throwable ex) {
						waiter.complete(ex);
					}
				}, "waiter");
				waiting.start();
				await().until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
				Thread closer = new Thread(context::close, "closer");
				closer.start();
				// Rejected while the drain still waits for the running call, not an
				// hour later for the limit
				assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(TaskRejectedException.class)
					.hasMessage("@FireAndForget call of task 'Worker.work' rejected: the application is shutting down");
				assertThat(closer.isAlive()).isTrue();
				recorder.release();
				closer.join(TimeUnit.SECONDS.toMillis(10));
				assertThat(closer.isAlive()).isFalse();
				assertThat(recorder.calls()).hasSize(1);
			});
	}

	@Test
	void bodyThatClosesTheContextDoesNotWaitForItself(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadmethod.shutdown.timeout=1h")
			.withBean(Closer.class)
			.run((context) -> {
				CompletableFuture<Thread> closedBy = new CompletableFuture<>();
				context.getBean(Closer.class).closeFromTheBody(closedBy);
				assertThat(closedBy.get(10, TimeUnit.SECONDS).getName())
					.isEqualTo("threadmethod-Closer.closeFromTheBody-1");
				assertThat(output).doesNotContain("Waiting up to").doesNotContain("still running");
			});
	}

	@Test
	void stoppedContextRejectsSayingSoAndTakesCallsAgainOnceStarted() {
		this.contextRunner.run((context) -> {
			Worker worker = context.getBean(Worker.class);
			context.stop();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> worker.work("while stopped"))
				.withMessage("@FireAndForget call of task 'Worker.work' rejected: the application context is "
						+ "stopped; calls are taken again once it is started");
			context.start();
			worker.work("after start");
			assertThat(context.getBean(CallRecorder.class).awaitCalls(1)).extracting(Call::arguments)
				.containsExactly(List.of("after start"));
		});
	}

	static class Worker {

		private final CallRecorder recorder;

		Worker(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void work(String item) {
			this.recorder.record("work", item);
		}

	}

	static class Closer {

		private final ConfigurableApplicationContext context;

		Closer(ConfigurableApplicationContext context) {
			this.context = context;
		}

		@FireAndForget
		public void closeFromTheBody(CompletableFuture<Thread> closedBy) {
			this.context.close();
			closedBy.complete(Thread.currentThread());
		}

	}

}

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a backend the application declares itself, of whatever declared type, gets
 * every guarantee the default one does: the exception handler, the account of calls and
 * its totals, metrics, the endpoint, the drain on shutdown and the rejection after it.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomBackendTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Throwable> handled = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetricsAutoConfigurations.with(ThreadMethodAutoConfiguration.class,
				ThreadMethodMetricsAutoConfiguration.class, ThreadMethodEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=threadmethod")
		.withBean(CallRecorder.class)
		.withBean(Mailer.class)
		.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> this.handled.add(ex));

	@Test
	void backendDeclaredAsTheInterfaceKeepsEveryGuarantee(CapturedOutput output) {
		this.contextRunner.withBean("poolBackend", FireAndForgetBackend.class, PoolBackend::new)
			.run((context) -> keepsEveryGuarantee(context, output));
	}

	@Test
	void backendDeclaredAsItsOwnClassKeepsEveryGuarantee(CapturedOutput output) {
		this.contextRunner.withBean("poolBackend", PoolBackend.class, PoolBackend::new)
			.run((context) -> keepsEveryGuarantee(context, output));
	}

	private void keepsEveryGuarantee(AssertableApplicationContext context, CapturedOutput output) throws Exception {
		Mailer mailer = context.getBean(Mailer.class);
		FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
		CallRecorder recorder = context.getBean(CallRecorder.class);
		mailer.send("ok");
		mailer.send("fail");
		calls.awaitIdle(TIMEOUT);
		assertThat(recorder.calls()).extracting(Call::thread)
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("pool-"));
		assertThat(this.handled).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("failed on purpose"));
		assertThat(calls.getTotals("Mailer.send")).isEqualTo(new TaskTotals(2, 1, 1, 0, 0, 0));
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("threadmethod.calls").tag("task", "Mailer.send").timers())
			.extracting((timer) -> timer.count())
			.containsExactlyInAnyOrder(1L, 1L);
		assertThat(context.getBean(ThreadMethodEndpoint.class).threadMethod().configuration().mode()).isEqualTo("pool");
		recorder.blockBodies();
		mailer.send("slow");
		recorder.awaitCalls(3);
		assertThat(context.getBean(ThreadMethodEndpoint.class).threadMethod().running()).singleElement()
			.satisfies((call) -> assertThat(call.thread()).startsWith("pool-"));
		CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
		await().until(() -> output.toString().contains("for 1 running @FireAndForget call(s) to finish"));
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> mailer.send("late"))
			.withMessage("@FireAndForget call of task 'Mailer.send' rejected: the application is shutting down");
		assertThat(closed).isNotDone();
		recorder.release();
		closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(recorder.finished()).isEqualTo(3);
		assertThat(calls.getTotals("Mailer.send")).isEqualTo(new TaskTotals(3, 2, 1, 1, 0, 0));
	}

	/**
	 * Runs calls on a small pool of its own.
	 */
	static class PoolBackend implements FireAndForgetBackend, DisposableBean {

		private final ExecutorService pool = Executors.newFixedThreadPool(2, new CustomizableThreadFactory("pool-"));

		@Override
		public String getMode() {
			return "pool";
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			this.pool.execute(call);
		}

		@Override
		public void destroy() {
			this.pool.shutdown();
		}

	}

	static class Mailer {

		private final CallRecorder recorder;

		Mailer(CallRecorder recorder) {
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

}

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
package io.github.threadmethod.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a {@link FireAndForget @FireAndForget} call shows up in a trace, with a real
 * tracer (Brave, through Micrometer Tracing, in-process): its span is a child of the
 * caller's span, across the thread hop, and is current in the body.
 *
 * @author threadmethod contributors
 */
class FireAndForgetTracingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<MutableSpan> finishedSpans = new CopyOnWriteArrayList<>();

	private final Tracing tracing = Tracing.newBuilder()
		.currentTraceContext(ThreadLocalCurrentTraceContext.create())
		.sampler(Sampler.ALWAYS_SAMPLE)
		.addSpanHandler(new SpanHandler() {

			@Override
			public boolean end(TraceContext context, MutableSpan span, Cause cause) {
				FireAndForgetTracingTests.this.finishedSpans.add(span);
				return true;
			}

		})
		.build();

	private final Tracer tracer = new BraveTracer(this.tracing.tracer(),
			new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());

	private final ObservationRegistry observationRegistry = ObservationRegistry.create();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.observationRegistry)
		.withBean(Tracer.class, () -> this.tracer)
		.withBean(Worker.class);

	FireAndForgetTracingTests() {
		this.observationRegistry.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(this.tracer));
	}

	@AfterEach
	void closeTracing() {
		this.tracing.close();
	}

	@Test
	void callsSpanIsAChildOfTheCallersSpanAcrossTheThreadHop() {
		this.contextRunner.run((context) -> {
			Worker worker = context.getBean(Worker.class);
			Observation request = Observation.start("request", this.observationRegistry);
			Span requestSpan;
			try (Observation.Scope scope = request.openScope()) {
				requestSpan = this.tracer.currentSpan();
				worker.work();
			}
			request.stop();
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(requestSpan).isNotNull();
			Span bodySpan = worker.span();
			assertThat(bodySpan).isNotNull();
			assertThat(worker.thread()).isNotSameAs(Thread.currentThread());
			assertThat(bodySpan.context().traceId()).isEqualTo(requestSpan.context().traceId());
			assertThat(bodySpan.context().parentId()).isEqualTo(requestSpan.context().spanId());
			assertThat(bodySpan.context().spanId()).isNotEqualTo(requestSpan.context().spanId());
			assertThat(this.finishedSpans).anySatisfy((span) -> {
				// Brave lower-cases span names on Spring Boot 3.5's Micrometer Tracing
				assertThat(span.name()).isEqualToIgnoringCase("Worker.work");
				assertThat(span.id()).isEqualTo(bodySpan.context().spanId());
				assertThat(span.tags()).containsEntry("task", "Worker.work").containsEntry("outcome", "success");
			});
		});
	}

	@Test
	void failedCallsSpanCarriesTheError() {
		this.contextRunner.run((context) -> {
			Worker worker = context.getBean(Worker.class);
			worker.fail();
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(this.finishedSpans).singleElement().satisfies((span) -> {
				assertThat(span.name()).isEqualToIgnoringCase("Worker.fail");
				assertThat(span.parentId()).isNull();
				assertThat(span.error()).isInstanceOf(IllegalStateException.class);
				assertThat(span.tags()).containsEntry("outcome", "failure");
			});
		});
	}

	static class Worker {

		private final AtomicReference<Span> span = new AtomicReference<>();

		private final AtomicReference<Thread> thread = new AtomicReference<>();

		private final Tracer tracer;

		Worker(Tracer tracer) {
			this.tracer = tracer;
		}

		@FireAndForget
		public void work() {
			this.thread.set(Thread.currentThread());
			this.span.set(this.tracer.currentSpan());
		}

		@FireAndForget
		public void fail() {
			throw new IllegalStateException("failed on purpose");
		}

		public Span span() {
			return this.span.get();
		}

		public Thread thread() {
			return this.thread.get();
		}

	}

}

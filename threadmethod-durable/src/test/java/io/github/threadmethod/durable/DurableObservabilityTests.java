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
package io.github.threadmethod.durable;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.StoredCalls.Counts;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.actuate.ThreadMethodEndpoint.ThreadMethodDescriptor;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that durable calls are in the same account, metrics and actuator endpoint as
 * calls on threads, and that a stored call's run, in another application on the same
 * database, continues the trace of the caller that stored it, with a real tracer (Brave,
 * in-process).
 *
 * @author threadmethod contributors
 */
class DurableObservabilityTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String url = "jdbc:h2:mem:durable-observe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

	private final List<MutableSpan> finishedSpans = new CopyOnWriteArrayList<>();

	private final List<Tracing> tracings = new CopyOnWriteArrayList<>();

	private final Map<ObservationRegistry, Tracer> tracers = new HashMap<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.tracings.forEach(Tracing::close);
		Mailer.reset();
	}

	@Test
	void metersOfDurableAndThreadTasksCarryTheModeWithOneSetOfTagsPerMeter() throws InterruptedException {
		ConfigurableApplicationContext context = start(null, "instance");
		context.getBean(Mailer.class).send("ada@example.com");
		context.getBean(Auditor.class).record("sent");
		FireAndForgetCalls calls = context.getBean(FireAndForgetCalls.class);
		await().atMost(WAIT).until(() -> calls.getTotals("Mailer.send").completed() == 1);
		calls.awaitIdle(WAIT);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("threadmethod.calls.stored")
			.tags("task", "Mailer.send", "mode", "durable")
			.functionCounter()
			.count()).isOne();
		assertThat(registry.find("threadmethod.calls.stored").tag("task", "Auditor.record").meters()).isEmpty();
		assertThat(registry.get("threadmethod.calls.started")
			.tags("task", "Mailer.send", "mode", "durable")
			.functionCounter()
			.count()).isOne();
		assertThat(registry.get("threadmethod.calls.started")
			.tags("task", "Auditor.record", "mode", "thread")
			.functionCounter()
			.count()).isOne();
		assertThat(registry.get("threadmethod.calls")
			.tags("task", "Mailer.send", "mode", "durable", "outcome", "success")
			.timer()
			.count()).isOne();
		Map<String, Set<Set<String>>> tagKeysByName = registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("threadmethod."))
			.collect(Collectors.groupingBy((meter) -> meter.getId().getName(),
					Collectors.mapping(DurableObservabilityTests::tagKeys, Collectors.toSet())));
		assertThat(tagKeysByName).containsKeys("threadmethod.calls", "threadmethod.calls.started",
				"threadmethod.calls.rejected", "threadmethod.calls.running", "threadmethod.calls.stored");
		assertThat(tagKeysByName).allSatisfy((name, tagSets) -> assertThat(tagSets).as(name)
			.singleElement()
			.satisfies((keys) -> assertThat(keys).contains("task", "mode")));
	}

	@Test
	void theSizesOfStoredCallsAreADistributionSummaryInBytesByTask() {
		ConfigurableApplicationContext context = start(null, "instance");
		// Stored, not run, so that its row can be read
		context.getBean(Scheduler.class).pause();
		context.getBean(Mailer.class).send("ada@example.com");
		context.getBean(Mailer.class).send("grace@example.com");
		List<Integer> sizes = jdbc(context).queryForList("select task_data from scheduled_tasks", byte[].class)
			.stream()
			.map((data) -> data.length)
			.toList();
		DistributionSummary summary = context.getBean(MeterRegistry.class)
			.get("threadmethod.calls.stored.size")
			.tags("task", "Mailer.send", "mode", "durable")
			.summary();
		assertThat(summary.getId().getBaseUnit()).isEqualTo("bytes");
		assertThat(summary.count()).isEqualTo(2);
		assertThat(summary.totalAmount()).isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
		assertThat(summary.max()).isEqualTo(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow());
	}

	@Test
	void theEndpointShowsStoredCallsPendingAndFailedFromTheTableBesideTheAccount() {
		ConfigurableApplicationContext context = start(null, "instance",
				"threadmethod.tasks[Mailer.send].durable.max-retries=0");
		Mailer.failing.set(true);
		context.getBean(Mailer.class).send("ada@example.com");
		await().atMost(WAIT).until(() -> failedRows(context) == 1);
		Instant later = Instant.now().plus(Duration.ofDays(1));
		insert(context, StoredCallIds.newId("Mailer.send"), later);
		// Neither a longer id under the same name nor a row stored by hand is counted
		insert(context, "Mailer.send/other/" + UUID.randomUUID(), later);
		insert(context, "by-hand", later);
		ThreadMethodDescriptor descriptor = context.getBean(ThreadMethodEndpoint.class).threadMethod();
		assertThat(descriptor.storedCalls()).containsExactly(Map.entry("Mailer.send", new Counts(1, 1)));
		assertThat(descriptor.storedCallsError()).isNull();
		assertThat(descriptor.tasks()).containsEntry("Mailer.send", new TaskTotals(1, 0, 1, 0, 0, 1))
			.containsEntry("Auditor.record", new TaskTotals(0, 0, 0, 0, 0, 0));
	}

	@Test
	void theEndpointStillShowsTheAccountWhenTheTableCannotBeRead() {
		ConfigurableApplicationContext context = start(null, "instance");
		jdbc(context).execute("drop table scheduled_tasks");
		ThreadMethodDescriptor descriptor = context.getBean(ThreadMethodEndpoint.class).threadMethod();
		assertThat(descriptor.storedCalls()).isEmpty();
		assertThat(descriptor.storedCallsError())
			.startsWith("The stored calls of backend 'durable' could not be counted: ");
		assertThat(descriptor.tasks()).containsKeys("Mailer.send", "Auditor.record");
	}

	@Test
	void aStoredCallRunByAnotherApplicationContinuesTheTraceOfTheCallerThatStoredIt() {
		ObservationRegistry storing = tracedRegistry("storing");
		ConfigurableApplicationContext storer = start(storing, "storing");
		// Only the other application takes executions
		storer.getBean(Scheduler.class).pause();
		Tracer storingTracer = storer.getBean(Tracer.class);
		Observation request = Observation.start("request", storing);
		Span requestSpan;
		try (Observation.Scope scope = request.openScope()) {
			requestSpan = storingTracer.currentSpan();
			storer.getBean(Mailer.class).send("ada@example.com");
		}
		request.stop();
		assertThat(requestSpan).isNotNull();
		String stored = jdbc(storer).queryForObject("select task_instance from scheduled_tasks", String.class);
		start(tracedRegistry("running"), "running");
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1 && span("run Mailer.send") != null);
		Run run = Mailer.runs.get(0);
		assertThat(run.instance()).isEqualTo("running");
		MutableSpan storeSpan = span("store Mailer.send");
		MutableSpan runSpan = span("run Mailer.send");
		String traceId = requestSpan.context().traceId();
		assertThat(storeSpan.traceId()).isEqualTo(traceId);
		assertThat(storeSpan.parentId()).isEqualTo(requestSpan.context().spanId());
		assertThat(storeSpan.kind()).isEqualTo(brave.Span.Kind.PRODUCER);
		assertThat(storeSpan.tags()).containsEntry("task", "Mailer.send").containsEntry("call.id", stored);
		assertThat(runSpan.traceId()).isEqualTo(traceId);
		assertThat(runSpan.parentId()).isEqualTo(storeSpan.id());
		assertThat(runSpan.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
		assertThat(runSpan.tags()).containsEntry("task", "Mailer.send")
			.containsEntry("call.id", stored)
			.containsEntry("call.attempt", "1");
		assertThat(run.traceId()).isEqualTo(traceId);
		assertThat(run.parentId()).isEqualTo(runSpan.id());
		await().atMost(WAIT).until(() -> span("Mailer.send") != null);
		assertThat(span("Mailer.send").tags()).containsEntry("outcome", "success");
	}

	@Test
	void eachAttemptOfAFailingStoredCallIsASpanInTheCallersTraceWithItsError() {
		ConfigurableApplicationContext context = start(tracedRegistry("instance"), "instance",
				"threadmethod.tasks[Mailer.send].durable.max-retries=1",
				"threadmethod.tasks[Mailer.send].durable.backoff=20ms");
		Mailer.failing.set(true);
		Observation request = Observation.start("request", context.getBean(ObservationRegistry.class));
		try (Observation.Scope scope = request.openScope()) {
			context.getBean(Mailer.class).send("ada@example.com");
		}
		request.stop();
		await().atMost(WAIT).until(() -> spans("run Mailer.send").size() == 2);
		MutableSpan storeSpan = span("store Mailer.send");
		assertThat(spans("run Mailer.send")).allSatisfy((span) -> {
			assertThat(span.traceId()).isEqualTo(storeSpan.traceId());
			assertThat(span.parentId()).isEqualTo(storeSpan.id());
			assertThat(span.error()).isInstanceOf(IllegalStateException.class);
		}).extracting((span) -> span.tag("call.attempt")).containsExactlyInAnyOrder("1", "2");
	}

	@Test
	void aStoredTraceIsReadAsBoundedTextAndWhatIsNotIsIgnored() {
		ConfigurableApplicationContext context = start(tracedRegistry("instance"), "instance");
		String json = "{\"version\":1,\"task\":\"Mailer.send\",\"bean\":\"mailer\","
				+ "\"method\":\"send(java.lang.String)\",\"arguments\":[\"ada@example.com\"],"
				+ "\"trace\":{\"b3\":\"463ac35c9f6413ad48485a3953bb6124-a2fb4a1d1a96d312-1\",\"x-number\":5,"
				+ "\"x-object\":{\"a\":\"b\"},\"x-long\":\"" + "a".repeat(StoredCallFormat.MAX_TRACE_VALUE_LENGTH + 1)
				+ "\"}}";
		insert(context, StoredCallIds.newId("Mailer.send"), json.getBytes(), Instant.now());
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1 && span("run Mailer.send") != null);
		MutableSpan runSpan = span("run Mailer.send");
		assertThat(runSpan.traceId()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
		assertThat(runSpan.parentId()).isEqualTo("a2fb4a1d1a96d312");
		assertThat(Mailer.runs.get(0).traceId()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
	}

	@Test
	void aTraceLargerThanItsBoundsIsStoredWithoutWhatExceedsThem() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			@SuppressWarnings("unchecked")
			public void onStart(Observation.Context context) {
				Map<String, String> carrier = ((io.micrometer.observation.transport.SenderContext<Map<String, String>>) context)
					.getCarrier();
				for (int i = 0; i < StoredCallFormat.MAX_TRACE_ENTRIES + 5; i++) {
					carrier.put("entry-" + i, "value-" + i);
				}
				carrier.put("entry-0", "a".repeat(StoredCallFormat.MAX_TRACE_VALUE_LENGTH + 1));
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof io.micrometer.observation.transport.SenderContext;
			}

		});
		ConfigurableApplicationContext context = start(registry, "instance");
		context.getBean(Scheduler.class).pause();
		context.getBean(Mailer.class).send("ada@example.com");
		String json = new String(jdbc(context).queryForObject("select task_data from scheduled_tasks", byte[].class));
		assertThat(json).doesNotContain("\"entry-0\"")
			.contains("\"entry-1\":\"value-1\"")
			.contains("\"entry-" + StoredCallFormat.MAX_TRACE_ENTRIES + "\"")
			.doesNotContain("\"entry-" + (StoredCallFormat.MAX_TRACE_ENTRIES + 1) + "\"");
	}

	private ObservationRegistry tracedRegistry(String instance) {
		Tracing tracing = Tracing.newBuilder()
			.localServiceName(instance)
			.currentTraceContext(ThreadLocalCurrentTraceContext.create())
			.sampler(Sampler.ALWAYS_SAMPLE)
			.addSpanHandler(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					DurableObservabilityTests.this.finishedSpans.add(span);
					return true;
				}

			})
			.build();
		this.tracings.add(tracing);
		Tracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
				new BraveBaggageManager());
		BravePropagator propagator = new BravePropagator(tracing);
		ObservationRegistry registry = ObservationRegistry.create();
		// As Spring Boot groups its tracing handlers: the first that supports the context
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		this.tracers.put(registry, tracer);
		return registry;
	}

	private ConfigurableApplicationContext start(@Nullable ObservationRegistry registry, String instance,
			String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ObservedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + this.url, "threadmethod.tasks[Mailer.send].mode=durable",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=threadmethod", "instance=" + instance)
			.properties(properties);
		if (registry != null) {
			Tracer tracer = this.tracers.get(registry);
			builder.initializers((context) -> {
				context.getBeanFactory().registerSingleton("observationRegistry", registry);
				if (tracer != null) {
					context.getBeanFactory().registerSingleton("tracer", tracer);
				}
			});
		}
		ConfigurableApplicationContext context = builder.run();
		this.contexts.add(context);
		return context;
	}

	private @Nullable MutableSpan span(String name) {
		List<MutableSpan> spans = spans(name);
		return spans.isEmpty() ? null : spans.get(0);
	}

	// Brave lower-cases span names on Spring Boot 3.5's Micrometer Tracing
	private List<MutableSpan> spans(String name) {
		return this.finishedSpans.stream().filter((span) -> name.equalsIgnoreCase(span.name())).toList();
	}

	private static Set<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
	}

	private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
		return new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
	}

	private static int failedRows(ConfigurableApplicationContext context) {
		return jdbc(context).queryForObject("select count(*) from scheduled_tasks where execution_time >= ?",
				Integer.class, Timestamp.from(DurableRetryPolicy.FAILED_AT));
	}

	private static void insert(ConfigurableApplicationContext context, String id, Instant executionTime) {
		insert(context, id, "{}".getBytes(), executionTime);
	}

	private static void insert(ConfigurableApplicationContext context, String id, byte[] data, Instant executionTime) {
		jdbc(context).update(
				"insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
						+ "values (?, ?, ?, ?, false, 1)",
				DurableCallTask.NAME, id, data, Timestamp.from(executionTime));
		context.getBean(Scheduler.class).triggerCheckForDueExecutions();
	}

	record Run(String to, String instance, String traceId, String parentId) {

	}

	public static class Mailer {

		static final List<Run> runs = new CopyOnWriteArrayList<>();

		static final AtomicBoolean failing = new AtomicBoolean();

		private final String instance;

		private final Tracer tracer;

		Mailer(String instance, Tracer tracer) {
			this.instance = instance;
			this.tracer = tracer;
		}

		static void reset() {
			runs.clear();
			failing.set(false);
		}

		@FireAndForget
		public void send(String to) {
			if (failing.get()) {
				throw new IllegalStateException("mail server down");
			}
			Span span = this.tracer.currentSpan();
			runs.add(new Run(to, this.instance, (span != null) ? span.context().traceId() : null,
					(span != null) ? span.context().parentId() : null));
		}

	}

	public static class Auditor {

		@FireAndForget
		public void record(String event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.ObservedSelector.class)
	static class ObservedApplication {

		@Bean
		Mailer mailer(org.springframework.core.env.Environment environment,
				org.springframework.beans.factory.ObjectProvider<Tracer> tracer) {
			return new Mailer(environment.getProperty("instance"), tracer.getIfAvailable(() -> Tracer.NOOP));
		}

		@Bean
		Auditor auditor() {
			return new Auditor();
		}

	}

}

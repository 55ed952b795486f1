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
package io.github.threadmethod.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * One way of running a body: the floor, the physical limit, {@code @FireAndForget} and
 * Spring's {@code @Async}, each set up as a user would.
 *
 * @author threadmethod contributors
 */
public enum Variant {

	/** A direct method call: the floor. */
	DIRECT(false),

	/** A bare {@code new Thread(r).start()}: the physical limit for platform threads. */
	THREAD(false),

	/**
	 * A bare {@code Thread.startVirtualThread(r)}: the physical limit for virtual
	 * threads.
	 */
	VIRTUAL_THREAD(true),

	/** {@code @FireAndForget} on platform threads, default configuration. */
	FIRE_AND_FORGET(false),

	/** {@code @FireAndForget} on virtual threads, default configuration. */
	FIRE_AND_FORGET_VIRTUAL(true, "threadmethod.thread.virtual=true"),

	/**
	 * {@code @FireAndForget} on platform threads with a limit, MDC, metrics and tracking.
	 */
	FIRE_AND_FORGET_ALL(false, "threadmethod.concurrency.limit=100000", "threadmethod.slow-call.threshold=1m"),

	/**
	 * {@code @FireAndForget} on virtual threads with a limit, MDC, metrics and tracking.
	 */
	FIRE_AND_FORGET_VIRTUAL_ALL(true, "threadmethod.thread.virtual=true", "threadmethod.concurrency.limit=100000",
			"threadmethod.slow-call.threshold=1m"),

	/**
	 * {@code FIRE_AND_FORGET_ALL} with an {@code ObservationRegistry} bean that has no
	 * handlers: what having a registry costs when nothing listens.
	 */
	FIRE_AND_FORGET_ALL_REGISTRY(false, "threadmethod.concurrency.limit=100000", "threadmethod.slow-call.threshold=1m"),

	/**
	 * {@code FIRE_AND_FORGET_ALL} with Spring Boot's observation support: each call is
	 * observed, and its timer comes from Boot's default meter handler.
	 */
	FIRE_AND_FORGET_ALL_OBSERVED(false, "threadmethod.concurrency.limit=100000", "threadmethod.slow-call.threshold=1m"),

	/**
	 * {@code @FireAndForget} with a key, {@code key = "#p0"}, and no key policy: what
	 * working out a key costs, next to {@code FIRE_AND_FORGET}.
	 */
	FIRE_AND_FORGET_KEYED(false),

	/**
	 * {@code FIRE_AND_FORGET_KEYED} under {@code key-policy=unique}, each call its own
	 * key: what holding and letting go of a key costs.
	 */
	FIRE_AND_FORGET_UNIQUE(false, "threadmethod.tasks[" + Targets.KeyedTarget.TASK + "].key-policy=unique"),

	/**
	 * {@code FIRE_AND_FORGET_KEYED} under {@code key-policy=serial}, each call its own
	 * key: what taking and passing a key's turn costs, when no call waits for it.
	 */
	FIRE_AND_FORGET_SERIAL(false, "threadmethod.tasks[" + Targets.KeyedTarget.TASK + "].key-policy=serial"),

	/** {@code @Async} with Spring Boot's default {@code ThreadPoolTaskExecutor}. */
	ASYNC_BOOT_POOL(false),

	/**
	 * {@code @Async} with a {@code SimpleAsyncTaskExecutor}: a platform thread per call.
	 */
	ASYNC_SIMPLE(false),

	/** {@code @Async} with a {@code SimpleAsyncTaskExecutor} on virtual threads. */
	ASYNC_SIMPLE_VIRTUAL(true);

	private static final MethodHandle START_VIRTUAL_THREAD = startVirtualThread();

	private final boolean needsVirtualThreads;

	private final String[] properties;

	Variant(boolean needsVirtualThreads, String... properties) {
		this.needsVirtualThreads = needsVirtualThreads;
		this.properties = properties;
	}

	/**
	 * Return the variants this JVM can run.
	 * @return the variants
	 */
	public static List<Variant> available() {
		List<Variant> variants = new ArrayList<>();
		for (Variant variant : values()) {
			if (!variant.needsVirtualThreads || START_VIRTUAL_THREAD != null) {
				variants.add(variant);
			}
		}
		return variants;
	}

	/**
	 * Set the variant up.
	 * @return what dispatches, and what to close when done
	 */
	Setup setUp() {
		return switch (this) {
			case DIRECT -> new Setup(new Targets.DirectTarget(), null);
			case THREAD -> new Setup((body) -> new Thread(body).start(), null);
			case VIRTUAL_THREAD -> new Setup(Variant::startVirtual, null);
			case FIRE_AND_FORGET, FIRE_AND_FORGET_VIRTUAL -> context(FireAndForgetConfiguration.class);
			case FIRE_AND_FORGET_ALL, FIRE_AND_FORGET_VIRTUAL_ALL -> context(FireAndForgetAllConfiguration.class);
			case FIRE_AND_FORGET_ALL_REGISTRY -> context(FireAndForgetAllRegistryConfiguration.class);
			case FIRE_AND_FORGET_ALL_OBSERVED -> context(FireAndForgetAllObservedConfiguration.class);
			case FIRE_AND_FORGET_KEYED, FIRE_AND_FORGET_UNIQUE, FIRE_AND_FORGET_SERIAL ->
				context(FireAndForgetKeyedConfiguration.class);
			case ASYNC_BOOT_POOL -> context(AsyncBootPoolConfiguration.class);
			case ASYNC_SIMPLE -> context(AsyncSimpleConfiguration.class);
			case ASYNC_SIMPLE_VIRTUAL -> context(AsyncSimpleVirtualConfiguration.class);
		};
	}

	private Setup context(Class<?> configuration) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(configuration)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn")
			.properties(this.properties)
			.run();
		return new Setup(context.getBean(Targets.Dispatcher.class), context);
	}

	private static void startVirtual(Runnable body) {
		try {
			START_VIRTUAL_THREAD.invokeExact(body);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MethodHandle startVirtualThread() {
		try {
			return MethodHandles.publicLookup()
				.findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class))
				.asType(MethodType.methodType(void.class, Runnable.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	/**
	 * A set-up variant.
	 *
	 * @param dispatcher runs a body
	 * @param context the application context to close, if any
	 */
	record Setup(Targets.Dispatcher dispatcher, ConfigurableApplicationContext context) {

		void close() {
			if (this.context != null) {
				this.context.close();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class FireAndForgetConfiguration {

		@Bean
		Targets.FireAndForgetTarget target() {
			return new Targets.FireAndForgetTarget();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class FireAndForgetKeyedConfiguration {

		@Bean
		Targets.KeyedTarget keyedTarget() {
			return new Targets.KeyedTarget();
		}

		@Bean
		Targets.KeyedDispatcher dispatcher(Targets.KeyedTarget keyedTarget) {
			return new Targets.KeyedDispatcher(keyedTarget);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, ThreadMethodAutoConfiguration.class,
			ThreadMethodMetricsAutoConfiguration.class })
	static class FireAndForgetAllConfiguration {

		@Bean
		Targets.FireAndForgetTarget target() {
			return new Targets.FireAndForgetTarget();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(FireAndForgetAllConfiguration.class)
	static class FireAndForgetAllRegistryConfiguration {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(FireAndForgetAllConfiguration.class)
	@ImportAutoConfiguration(ObservationAutoConfiguration.class)
	static class FireAndForgetAllObservedConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@ImportAutoConfiguration(TaskExecutionAutoConfiguration.class)
	static class AsyncBootPoolConfiguration {

		@Bean
		Targets.AsyncTarget target() {
			return new Targets.AsyncTarget();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncSimpleConfiguration {

		@Bean
		Targets.AsyncTarget target() {
			return new Targets.AsyncTarget();
		}

		@Bean
		SimpleAsyncTaskExecutor taskExecutor() {
			return new SimpleAsyncTaskExecutor("async-");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncSimpleVirtualConfiguration {

		@Bean
		Targets.AsyncTarget target() {
			return new Targets.AsyncTarget();
		}

		@Bean
		SimpleAsyncTaskExecutor taskExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("async-");
			executor.setVirtualThreads(true);
			return executor;
		}

	}

}

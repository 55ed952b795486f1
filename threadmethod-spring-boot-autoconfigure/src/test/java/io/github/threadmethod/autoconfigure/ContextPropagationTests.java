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
package io.github.threadmethod.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the caller's context reaches the body of a call and is cleared after it.
 *
 * @author threadmethod contributors
 */
class ContextPropagationTests {

	private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(ContextProbe.class);

	@AfterEach
	void clearCallerContext() {
		MDC.clear();
		SecurityContextHolder.clearContext();
	}

	@Test
	void callerMdcIsVisibleInTheBody() {
		this.contextRunner.run((context) -> {
			MDC.put("requestId", "r-42");
			context.getBean(ContextProbe.class).probe();
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(context.getBean(ContextProbe.class).mdc()).containsEntry("requestId", "r-42");
		});
	}

	@Test
	void mdcIsGoneFromTheThreadAfterTheCallAndTheCallersOwnIsPutBack() {
		this.contextRunner.run((context) -> {
			TaskDecorator mdc = contextDecorator(
					context.getBean("fireAndForgetMdcContext", CallContextDecorator.class));
			MDC.put("requestId", "r-1");
			Runnable decorated = mdc.decorate(() -> assertThat(MDC.get("requestId")).isEqualTo("r-1"));
			AtomicReference<Map<String, String>> after = new AtomicReference<>(Map.of("unset", "unset"));
			Thread thread = new Thread(() -> {
				decorated.run();
				after.set(MDC.getCopyOfContextMap());
			});
			thread.start();
			thread.join(TIMEOUT.toMillis());
			assertThat(after.get()).isNullOrEmpty();
			MDC.put("requestId", "r-2");
			decorated.run();
			assertThat(MDC.get("requestId")).isEqualTo("r-2");
		});
	}

	@Test
	void callerSecurityContextIsVisibleInTheBodyAndClearedAfter() {
		this.contextRunner.run((context) -> {
			Authentication caller = new TestingAuthenticationToken("ada", "secret", "ROLE_USER");
			SecurityContextHolder.getContext().setAuthentication(caller);
			context.getBean(ContextProbe.class).probe();
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			assertThat(context.getBean(ContextProbe.class).authentication()).isSameAs(caller);
			TaskDecorator security = contextDecorator(
					context.getBean("fireAndForgetSecurityContext", CallContextDecorator.class));
			Runnable decorated = security
				.decorate(() -> assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(caller));
			AtomicReference<Authentication> after = new AtomicReference<>(caller);
			Thread thread = new Thread(() -> {
				decorated.run();
				after.set(SecurityContextHolder.getContext().getAuthentication());
			});
			thread.start();
			thread.join(TIMEOUT.toMillis());
			assertThat(after.get()).isNull();
		});
	}

	@Test
	void callsOwnObservationIsCurrentInTheBodyAsAChildOfTheCallers() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((observationContext) -> true);
		ObservationThreadLocalAccessor.getInstance().setObservationRegistry(registry);
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			ContextProbe probe = context.getBean(ContextProbe.class);
			Observation caller = Observation.createNotStarted("caller", registry);
			caller.observe(probe::probe);
			context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
			Observation current = probe.observation();
			assertThat(current.getContext().getName()).isEqualTo("threadmethod.calls");
			assertThat(current.getContextView().getParentObservation()).isSameAs(caller);
		});
	}

	@Test
	void callsOwnObservationIsAChildOfTheCallersWithoutContextPropagationToo() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((observationContext) -> true);
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("threadmethod.context.observation=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("fireAndForgetObservationContext");
				ContextProbe probe = context.getBean(ContextProbe.class);
				Observation caller = Observation.createNotStarted("caller", registry);
				caller.observe(probe::probe);
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				Observation current = probe.observation();
				assertThat(current.getContext().getName()).isEqualTo("threadmethod.calls");
				assertThat(current.getContextView().getParentObservation()).isSameAs(caller);
			});
	}

	@Test
	void taskDecoratorBeansApplyInOrderInsideTheContextDecorators() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean("second", TaskDecorator.class, () -> new NamedDecorator("second", seen))
			.withBean("first", TaskDecorator.class, () -> new FirstDecorator(seen))
			.run((context) -> {
				MDC.put("requestId", "r-7");
				context.getBean(ContextProbe.class).probe();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(seen).containsExactly("second r-7", "first r-7");
			});
	}

	@Test
	void contextPropagationCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("threadmethod.context.mdc=false", "threadmethod.context.security=false",
					"threadmethod.context.observation=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CallContextDecorator.class);
				MDC.put("requestId", "r-9");
				context.getBean(ContextProbe.class).probe();
				context.getBean(FireAndForgetCalls.class).awaitIdle(TIMEOUT);
				assertThat(context.getBean(ContextProbe.class).mdc()).isNullOrEmpty();
			});
	}

	@Test
	void eachKindOfContextNeedsItsLibrary() {
		// No proxied beans here: a class-based proxy cannot subclass across class loaders
		ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));
		contextRunner.run((context) -> assertThat(context).getBeanNames(CallContextDecorator.class)
			.containsExactlyInAnyOrder("fireAndForgetMdcContext", "fireAndForgetObservationContext",
					"fireAndForgetSecurityContext"));
		contextRunner
			.withClassLoader(
					new FilteredClassLoader(DelegatingSecurityContextRunnable.class, ContextSnapshotFactory.class))
			.run((context) -> assertThat(context).getBeanNames(CallContextDecorator.class)
				.containsExactly("fireAndForgetMdcContext"));
		contextRunner.withClassLoader(new FilteredClassLoader(MDC.class))
			.run((context) -> assertThat(context).getBeanNames(CallContextDecorator.class)
				.doesNotContain("fireAndForgetMdcContext"));
	}

	private static TaskDecorator contextDecorator(CallContextDecorator bean) {
		return bean.decorator();
	}

	static class ContextProbe {

		private volatile Map<String, String> mdc;

		private volatile Authentication authentication;

		private volatile Observation observation;

		@FireAndForget
		public void probe() {
			this.mdc = MDC.getCopyOfContextMap();
			this.authentication = SecurityContextHolder.getContext().getAuthentication();
			this.observation = ObservationThreadLocalAccessor.getInstance().getValue();
		}

		public Map<String, String> mdc() {
			return this.mdc;
		}

		public Authentication authentication() {
			return this.authentication;
		}

		public Observation observation() {
			return this.observation;
		}

	}

	static class NamedDecorator implements TaskDecorator {

		private final String name;

		private final List<String> seen;

		NamedDecorator(String name, List<String> seen) {
			this.name = name;
			this.seen = seen;
		}

		@Override
		public Runnable decorate(Runnable runnable) {
			return () -> {
				this.seen.add(this.name + " " + MDC.get("requestId"));
				runnable.run();
			};
		}

	}

	@Order(1)
	static class FirstDecorator extends NamedDecorator {

		FirstDecorator(List<String> seen) {
			super("first", seen);
		}

	}

}

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

import java.lang.reflect.Method;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.InvocationHints;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Concurrency;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.support.KeyExpression;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application processed ahead of time registers the reflection a native
 * image needs: the {@code @FireAndForget} methods its proxies call, the properties the
 * starter binds, and the JSON of the endpoint.
 *
 * @author threadmethod contributors
 */
class RuntimeHintsTests {

	@Test
	void registrarRegistersTheBindingOfTaskProperties() {
		RuntimeHints hints = new RuntimeHints();
		new ThreadMethodRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(invocationOf(Task.class, "setEnabled")).accepts(hints);
		assertThat(invocationOf(Concurrency.class, "setLimit")).accepts(hints);
		assertThat(invocationOf(ThreadMethodProperties.class, "setSelfInvocation")).accepts(hints);
		assertThat(invocationOf(KeyExpression.Root.class, "getArgs")).accepts(hints);
	}

	@Test
	void processingAheadOfTimeRegistersTheStarterHints() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(invocationOf(Task.class, "setEnabled")).accepts(hints);
	}

	@Test
	void annotatedMethodsCanBeCalledReflectively() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(invocationOf(Sender.class, "send")).accepts(hints);
	}

	@Test
	void methodsOfAnAnnotatedTypeCanBeCalledReflectively() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(invocationOf(Mailer.class, "send")).accepts(hints);
		assertThat(invocationOf(Mailer.class, "resend")).accepts(hints);
	}

	@Test
	void endpointResponseCanBeWrittenAsJson() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection().onType(ThreadMethodEndpoint.ThreadMethodDescriptor.class))
			.accepts(hints);
		assertThat(invocationOf(ThreadMethodEndpoint.RunningCallDescriptor.class, "runningFor")).accepts(hints);
		assertThat(invocationOf(ThreadMethodEndpoint.ConfigurationDescriptor.class, "tasks")).accepts(hints);
		assertThat(invocationOf(ThreadMethodEndpoint.TaskDescriptor.class, "mode")).accepts(hints);
		assertThat(invocationOf(ThreadMethodEndpoint.LimitDescriptor.class, "maxWait")).accepts(hints);
		assertThat(invocationOf(TaskTotals.class, "completed")).accepts(hints);
	}

	private static Predicate<RuntimeHints> invocationOf(Class<?> type, String methodName) {
		Method method = ReflectionUtils.findMethod(type, methodName, (Class<?>[]) null);
		assertThat(method).as(type.getName() + "." + methodName).isNotNull();
		return InvocationHints.invocationOf(method);
	}

	private static RuntimeHints processAheadOfTime() {
		TestGenerationContext generationContext = new TestGenerationContext();
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			// Interface-based proxies, for which Spring registers no reflection on the
			// target class of its own, unlike the class-based proxies it generates
			TestPropertyValues
				.of("management.endpoints.web.exposure.include=threadmethod", "spring.aop.proxy-target-class=false")
				.applyTo(context);
			context.register(HintsConfiguration.class);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		return generationContext.getRuntimeHints();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ThreadMethodAutoConfiguration.class, ThreadMethodEndpointAutoConfiguration.class })
	static class HintsConfiguration {

		@Bean
		Sender sender() {
			return new Sender();
		}

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

	public interface Sending {

		void send();

	}

	public static class Sender implements Sending {

		@Override
		@FireAndForget
		public void send() {
		}

	}

	@FireAndForget
	public static class Mailer implements Sending {

		@Override
		public void send() {
		}

		public void resend() {
		}

	}

}

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

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.PriorityOrdered;
import org.springframework.scheduling.annotation.Async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link ThreadMethodFailureAnalyzer}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadMethodFailureAnalyzerTests {

	private static final String NL = System.lineSeparator();

	private static final String ASYNC_ACTION = "Remove @Async (from the method or its class) or @FireAndForget from "
			+ "each method listed above as also @Async: @Async to return a CompletableFuture or run on a pool of "
			+ "threads, @FireAndForget for a thread of its own for each call.";

	private static final String SIGNATURE_ACTION = "Make each method listed above a public, non-final, non-static "
			+ "method that returns void, or remove @FireAndForget from it.";

	private static final String SELF_CALL_ACTION = "Make each call listed above through the bean's proxy (another "
			+ "bean, or an injected reference to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or "
			+ "'ignore'.";

	@Test
	void startupFailureReportNamesTheMethodAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisusingConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid @FireAndForget methods in " + Counter.class.getName())
			.contains(Counter.class.getName() + ".count() returns int")
			.contains("Make each method listed above a public, non-final, non-static method that returns void");
	}

	@Test
	void startupFailureReportListsEveryFindingWithTheFixOfEachKind(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ManyMisusesConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--threadmethod.self-invocation=fail"));
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START");
		String report = output.toString().substring(output.toString().indexOf("Description:"));
		assertThat(report)
			.contains("Invalid @FireAndForget methods in " + Mailer.class.getName() + ":" + NL + "- "
					+ Mailer.class.getName() + ".send() is also @Async")
			.contains("Invalid @FireAndForget methods in " + Counter.class.getName() + ":" + NL + "- "
					+ Counter.class.getName() + ".count() returns int")
			.contains("@FireAndForget would run synchronously:" + NL
					+ "- ThreadMethodFailureAnalyzerTests.Caller.place() calls @FireAndForget")
			.contains("Action:" + NL + NL + ASYNC_ACTION + NL + SIGNATURE_ACTION + NL + SELF_CALL_ACTION);
	}

	@Test
	void eachKindOfMisuseHasItsOwnAction() {
		assertAction(new ApplicationContextRunner().withBean(Mailer.class), ASYNC_ACTION);
		assertAction(new ApplicationContextRunner().withBean(FinalCounter.class),
				"Remove the final modifier from each class listed above as final, or have it proxied by its "
						+ "interfaces (spring.aop.proxy-target-class=false or @Proxyable(INTERFACES)).");
		assertAction(
				new ApplicationContextRunner().withPropertyValues("spring.aop.proxy-target-class=false")
					.withBean(UndeclaredJob.class),
				"Declare each method listed above that an interface-based proxy cannot intercept as a public "
						+ "method of an interface of its bean, or have the bean proxied by its class "
						+ "(spring.aop.proxy-target-class=true, the default, or @Proxyable(TARGET_CLASS)).");
		assertAction(
				new ApplicationContextRunner().withPropertyValues("threadmethod.self-invocation=fail")
					.withUserConfiguration(BeanMethodConfiguration.class),
				"Move @FireAndForget from each @Bean method listed above to the methods of the class of the bean it "
						+ "creates, which the bean's proxy intercepts.");
		assertAction(new ApplicationContextRunner().withPropertyValues("threadmethod.self-invocation=fail")
			.withBean(Caller.class), SELF_CALL_ACTION);
		assertAction(
				new ApplicationContextRunner().withPropertyValues("threadmethod.self-invocation=fail")
					.withBean("earlyProcessor", EarlyPostProcessor.class),
				"Move the @FireAndForget methods of each bean listed above as created before it could be proxied to "
						+ "a bean that is neither a post-processor nor needed to create one; a post-processor that "
						+ "needs such a bean can inject it @Lazy.");
	}

	@Test
	void misuseReportedWithoutActionsGetsOneSayingToFollowEachLine() {
		InvalidFireAndForgetMethodException invalid = new InvalidFireAndForgetMethodException(Counter.class,
				List.of("Counter.count(Object) parameter 'value' cannot be stored"));
		FailureAnalysis analysis = new ThreadMethodFailureAnalyzer().analyze(invalid);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(invalid.getMessage());
		assertThat(analysis.getAction())
			.isEqualTo("Change each method listed above as its line says, or remove @FireAndForget from it.");
	}

	private static void assertAction(ApplicationContextRunner contextRunner, String action) {
		contextRunner.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ThreadMethodFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getAction()).isEqualTo(action);
		});
	}

	@Test
	void ineffectiveUseIsExplainedWithTheFix() {
		IneffectiveFireAndForgetException ineffective = new IneffectiveFireAndForgetException(
				List.of("Mailer.send() calls Mailer.welcome() on 'this'"));
		FailureAnalysis analysis = new ThreadMethodFailureAnalyzer()
			.analyze(new BeanCreationException("mailer", "Initialization of bean failed", ineffective));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isSameAs(ineffective);
		assertThat(analysis.getDescription()).isEqualTo(ineffective.getMessage());
		assertThat(analysis.getAction())
			.isEqualTo("Make each call listed above through the bean's proxy (another bean, or an injected reference "
					+ "to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or 'ignore'.");
	}

	@Test
	void unsupportedSpringBootIsExplainedWithTheLinesToChooseFrom() {
		UnsupportedSpringBootException unsupported = new UnsupportedSpringBootException("3.4.5", "3.5, 4.0 and 4.1");
		FailureAnalysis analysis = new ThreadMethodFailureAnalyzer().analyze(unsupported);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(unsupported.getMessage());
		assertThat(analysis.getAction()).isEqualTo(
				"Upgrade Spring Boot to one of the supported lines (3.5, 4.0 and 4.1), or remove the threadmethod starter.");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new ThreadMethodFailureAnalyzer()
			.analyze(new IllegalStateException("other", new IllegalArgumentException("deeper")))).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class ManyMisusesConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		@Bean
		Counter counter() {
			return new Counter();
		}

		@Bean
		Caller caller() {
			return new Caller();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BeanMethodConfiguration {

		@Bean
		@FireAndForget
		Plain plain() {
			return new Plain();
		}

	}

	static class Plain {

	}

	static class Mailer {

		@Async
		@FireAndForget
		public void send() {
		}

	}

	static final class FinalCounter {

		@FireAndForget
		public void count() {
		}

	}

	interface Job {

		void run();

	}

	static class UndeclaredJob implements Job {

		@Override
		public void run() {
		}

		@FireAndForget
		public void extra() {
		}

	}

	static class EarlyPostProcessor implements BeanPostProcessor, PriorityOrdered {

		@FireAndForget
		public void audit() {
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	static class Caller {

		public void place() {
			sendReceipt();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class MisusingConfiguration {

		@Bean
		Counter counter() {
			return new Counter();
		}

	}

	static class Counter {

		@FireAndForget
		public int count() {
			return 1;
		}

	}

}

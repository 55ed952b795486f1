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
package io.github.threadmethod.check;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.Async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the start-up checks raise no false alarm and leave no silent gap: objects
 * registered from outside, the proxy Spring decides on for each bean, lazy beans,
 * {@code @Async}, and the logger findings go to. A bean's own choice of proxy
 * ({@code @Proxyable}, Spring Framework 7) is tested in {@link ProxyableTests}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void objectRegisteredAsASingletonIsNotReportedAsCreatedTooEarly(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withInitializer((context) -> context.getBeanFactory().registerSingleton("registered", new Sender()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("created before it could be proxied");
			});
	}

	@Test
	void lazyBeanWithACallOnThisFailsEveryTimeItIsAskedFor() {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withBean("caller", Caller.class, Caller::new, (definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (int attempt = 0; attempt < 2; attempt++) {
					assertThatExceptionOfType(BeanCreationException.class)
						.isThrownBy(() -> context.getBean(Caller.class))
						.havingRootCause()
						.isInstanceOf(IneffectiveFireAndForgetException.class)
						.withMessageContaining("Caller.place() calls @FireAndForget");
				}
			});
	}

	@Test
	void findingsAreLoggedUnderTheLoggerOfTheAnnotation(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(StartupCheckTests.class.getClassLoader());
		loggingSystem.setLogLevel(FireAndForget.class.getName(), LogLevel.OFF);
		try {
			this.contextRunner.withBean(Caller.class).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("calls @FireAndForget");
			});
		}
		finally {
			loggingSystem.setLogLevel(FireAndForget.class.getName(), null);
		}
		this.contextRunner.withBean(Caller.class)
			.run((context) -> assertThat(output).contains("Caller.place() calls @FireAndForget"));
	}

	@Test
	void protectedMethodFailsStartupWithInterfaceBasedProxies() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(ProtectedMethod.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(ProtectedMethod.class.getName() + ".later() is protected: an interface-based "
						+ "proxy intercepts only the public methods of its interfaces"));
	}

	@Test
	void packagePrivateMethodFailsStartupWithInterfaceBasedProxies() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(PackagePrivateMethod.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(PackagePrivateMethod.class.getName() + ".later() is package-private: an "
						+ "interface-based proxy intercepts only the public methods of its interfaces"));
	}

	@Test
	void protectedMethodIsFineWithClassBasedProxies() {
		this.contextRunner.withBean(ProtectedMethod.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void asyncFireAndForgetMethodFailsStartup() {
		this.contextRunner.withBean(AsyncMethod.class)
			.run((context) -> assertThat(NestedExceptionUtils.getRootCause(context.getStartupFailure()))
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(AsyncMethod.class.getName() + ".send() is also @Async: its body would run on "
						+ "the @Async executor while the call counts as finished at once"));
	}

	@Test
	void fireAndForgetMethodOfAnAsyncTypeFailsStartup() {
		this.contextRunner.withBean(AsyncType.class)
			.run((context) -> assertThat(NestedExceptionUtils.getRootCause(context.getStartupFailure()))
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(AsyncType.class.getName() + ".send() is also @Async (on its class)"));
	}

	@Test
	void misuseOfSeveralBeansFailsStartupOnceListingEveryBean() {
		this.contextRunner.withBean("asyncMethod", AsyncMethod.class)
			.withBean("returnsValue", ReturnsValue.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(BeanCreationException.class)
					.hasMessageContaining("Error creating bean with name 'asyncMethod'");
				InvalidFireAndForgetMethodException failure = (InvalidFireAndForgetMethodException) NestedExceptionUtils
					.getRootCause(context.getStartupFailure());
				assertThat(failure.getBeanClass()).isEqualTo(AsyncMethod.class);
				assertThat(failure.getSuppressed()).singleElement()
					.isInstanceOfSatisfying(InvalidFireAndForgetMethodException.class, (other) -> {
						assertThat(other.getBeanClass()).isEqualTo(ReturnsValue.class);
						assertThat(other.getProblems()).singleElement().asString().contains(".total() returns int");
					});
			});
	}

	@Test
	void misuseAndCallsOnThisFailStartupTogetherUnderFail() {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withBean(AsyncMethod.class)
			.withBean(Caller.class)
			.run((context) -> {
				InvalidFireAndForgetMethodException failure = (InvalidFireAndForgetMethodException) NestedExceptionUtils
					.getRootCause(context.getStartupFailure());
				assertThat(failure.getBeanClass()).isEqualTo(AsyncMethod.class);
				assertThat(failure.getSuppressed()).singleElement()
					.isInstanceOfSatisfying(IneffectiveFireAndForgetException.class,
							(ineffective) -> assertThat(ineffective.getFindings()).singleElement()
								.asString()
								.startsWith("StartupCheckTests.Caller.place() calls @FireAndForget"));
			});
	}

	@Test
	void callsOnThisOfABeanWithMisuseAreListedWithItsMisuse() {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withBean(ReturnsValueAndCallsOnThis.class)
			.run((context) -> {
				Throwable failure = NestedExceptionUtils.getRootCause(context.getStartupFailure());
				assertThat(failure).isInstanceOf(InvalidFireAndForgetMethodException.class)
					.hasMessageContaining(".total() returns int");
				assertThat(failure.getSuppressed()).singleElement()
					.isInstanceOf(IneffectiveFireAndForgetException.class)
					.asString()
					.contains(".place() calls @FireAndForget");
			});
	}

	@Test
	void beanWithMisuseIsLeftUnproxiedAndNotReportedAsCreatedTooEarly() {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withBean(AsyncMethod.class)
			.run((context) -> {
				Throwable failure = NestedExceptionUtils.getRootCause(context.getStartupFailure());
				assertThat(failure).isInstanceOf(InvalidFireAndForgetMethodException.class);
				assertThat(failure.getSuppressed()).isEmpty();
			});
	}

	@Test
	void lazyBeanWithMisuseFailsEveryTimeItIsAskedFor() {
		this.contextRunner
			.withBean("returnsValue", ReturnsValue.class, ReturnsValue::new,
					(definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (int attempt = 0; attempt < 2; attempt++) {
					assertThatExceptionOfType(BeanCreationException.class)
						.isThrownBy(() -> context.getBean(ReturnsValue.class))
						.havingRootCause()
						.isInstanceOf(InvalidFireAndForgetMethodException.class)
						.withMessageContaining(".total() returns int");
				}
			});
	}

	static class Sender {

		@FireAndForget
		public void sendReceipt() {
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

	interface Job {

		void run();

	}

	static class ProtectedMethod implements Job {

		@Override
		public void run() {
		}

		@FireAndForget
		protected void later() {
		}

	}

	static class PackagePrivateMethod implements Job {

		@Override
		public void run() {
		}

		@FireAndForget
		void later() {
		}

	}

	static class ReturnsValue {

		@FireAndForget
		public int total() {
			return 0;
		}

	}

	static class ReturnsValueAndCallsOnThis {

		public void place() {
			sendReceipt();
		}

		@FireAndForget
		public void sendReceipt() {
		}

		@FireAndForget
		public int total() {
			return 0;
		}

	}

	static class AsyncMethod {

		@Async
		@FireAndForget
		public void send() {
		}

	}

	@Async
	static class AsyncType {

		@FireAndForget
		public void send() {
		}

	}

}

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

import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that the bytecode scan for calls on {@code this} knows it cannot look in a native
 * image, which has no class files: it says so once and fails nothing. The native image is
 * stood in for by the detector {@link IneffectiveUses} is given.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class NativeImageCheckTests {

	private static final String SKIPPED = "Calls on 'this' to @FireAndForget methods are not checked: this is a "
			+ "native image, which has no class files to read";

	private static final StaticMethodMatcher FIRE_AND_FORGET = new StaticMethodMatcher() {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return FireAndForgetAnnotations.isFireAndForget(method);
		}

	};

	@Test
	void inANativeImageTheScanIsSkippedAndSaidOnceAtInfo(CapturedOutput output) {
		IneffectiveUses uses = new IneffectiveUses(SelfInvocationCheck.WARN, FIRE_AND_FORGET, () -> true);
		traceClassReads(() -> {
			uses.inspect(Caller.class);
			uses.inspect(Caller.class);
			uses.inspect(OtherCaller.class);
		});
		assertThat(output).containsOnlyOnce(SKIPPED)
			.doesNotContain("calls @FireAndForget")
			.doesNotContain("Reading the bytecode of ");
		assertThat(output.toString().lines().filter((line) -> line.contains(SKIPPED)))
			.allMatch((line) -> line.contains(" INFO "));
	}

	@Test
	void inANativeImageFailDoesNotStopStartupOverCallsOnThis(CapturedOutput output) {
		IneffectiveUses uses = new IneffectiveUses(SelfInvocationCheck.FAIL, FIRE_AND_FORGET, () -> true);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("caller", new RootBeanDefinition(Caller.class));
		beanFactory.preInstantiateSingletons();
		uses.inspect(Caller.class);
		assertThatNoException().isThrownBy(() -> uses.inspect(beanFactory, (type) -> true, (bean) -> true));
		assertThat(output).contains(SKIPPED);
	}

	@Test
	void onTheJvmTheSameClassIsScanned(CapturedOutput output) {
		IneffectiveUses uses = new IneffectiveUses(SelfInvocationCheck.WARN, FIRE_AND_FORGET, () -> false);
		uses.inspect(Caller.class);
		assertThat(output).contains("NativeImageCheckTests.Caller.place() calls @FireAndForget")
			.doesNotContain(SKIPPED);
	}

	private static void traceClassReads(Runnable test) {
		LoggingSystem loggingSystem = LoggingSystem.get(NativeImageCheckTests.class.getClassLoader());
		String logger = SelfInvocationScanner.class.getName();
		loggingSystem.setLogLevel(logger, LogLevel.TRACE);
		try {
			test.run();
		}
		finally {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	static class Caller {

		public void place() {
			send();
		}

		@FireAndForget
		public void send() {
		}

	}

	static class OtherCaller {

		public void place() {
			send();
		}

		@FireAndForget
		public void send() {
		}

	}

}

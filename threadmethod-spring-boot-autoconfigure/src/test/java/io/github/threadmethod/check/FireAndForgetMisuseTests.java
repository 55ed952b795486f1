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
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that uses of {@link FireAndForget @FireAndForget} that can never work fail
 * start-up with a message naming the method and why.
 *
 * @author threadmethod contributors
 */
class FireAndForgetMisuseTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void methodThatReturnsAValueFailsStartup() {
		assertMisuse(ReturnsValue.class,
				ReturnsValue.class.getName() + ".total(String) returns java.util.List<java.lang.Integer>: "
						+ "a @FireAndForget call returns before its body runs, so the method must return void");
	}

	@Test
	void privateMethodFailsStartup() {
		assertMisuse(PrivateMethod.class, PrivateMethod.class.getName()
				+ ".hidden() is private: no proxy can intercept a private method; make it public");
	}

	@Test
	void finalMethodFailsStartup() {
		assertMisuse(FinalMethod.class, FinalMethod.class.getName()
				+ ".locked() is final: a class-based proxy cannot override a final method; remove the final modifier");
	}

	@Test
	void staticMethodFailsStartup() {
		assertMisuse(StaticMethod.class,
				StaticMethod.class.getName() + ".shared(int) is static: no proxy can intercept a static method");
	}

	@Test
	void finalPublicVoidMethodOfAnAnnotatedTypeFailsStartup() {
		assertMisuse(AnnotatedTypeWithFinalMethod.class, AnnotatedTypeWithFinalMethod.class.getName()
				+ ".locked() is final: a class-based proxy cannot override a final method; remove the final modifier");
	}

	@Test
	void finalOverrideOfAnAnnotatedMethodFailsStartup() {
		assertMisuse(FinalOverride.class, FinalOverride.class.getName()
				+ ".locked() is final: a class-based proxy cannot override a final method; remove the final modifier");
	}

	@Test
	void finalClassFailsStartupWithClassBasedProxies() {
		this.contextRunner.withBean(FinalClass.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(FinalClass.class.getName() + " is final: a class-based proxy cannot subclass "
						+ "it; remove the final modifier, or have it proxied by its interfaces "
						+ "(spring.aop.proxy-target-class=false or @Proxyable(INTERFACES))"));
	}

	@Test
	void methodDeclaredByNoInterfaceFailsStartupWithInterfaceBasedProxies() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(UndeclaredMethod.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(UndeclaredMethod.class.getName() + ".extra() is declared by no interface "
						+ "of the bean's proxy: an interface-based proxy (spring.aop.proxy-target-class=false or "
						+ "@Proxyable(INTERFACES)) cannot intercept it"));
	}

	@Test
	void finalClassAndFinalMethodsAreFineWithInterfaceBasedProxies() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(FinalClass.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void misuseOfASwitchedOffTaskStillFailsStartup() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[ReturnsValue.total].enabled=false")
			.withBean(ReturnsValue.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(".total(String) returns java.util.List<java.lang.Integer>"));
	}

	@Test
	void everyMisusedMethodOfAClassIsListed() {
		this.contextRunner.withBean(ManyMistakes.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(".count() returns int")
				.hasMessageContaining(".hidden() is private");
			InvalidFireAndForgetMethodException ex = (InvalidFireAndForgetMethodException) NestedExceptionUtils
				.getRootCause(context.getStartupFailure());
			assertThat(ex.getBeanClass()).isEqualTo(ManyMistakes.class);
			assertThat(ex.getProblems()).hasSize(2);
		});
	}

	@Test
	void typeLevelAnnotationLeavesNonVoidAndNonPublicMethodsAlone() {
		this.contextRunner.withBean(AnnotatedTypeWithOtherMethods.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private void assertMisuse(Class<?> beanClass, String problem) {
		this.contextRunner.withBean(beanClass).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessage("Invalid @FireAndForget methods in " + beanClass.getName() + ":" + System.lineSeparator()
						+ "- " + problem);
		});
	}

	static class ReturnsValue {

		@FireAndForget
		public java.util.List<Integer> total(String name) {
			return java.util.List.of();
		}

	}

	static class PrivateMethod {

		@FireAndForget
		private void hidden() {
		}

	}

	static class FinalMethod {

		@FireAndForget
		public final void locked() {
		}

	}

	static class StaticMethod {

		@FireAndForget
		public static void shared(int value) {
		}

	}

	@FireAndForget
	static class AnnotatedTypeWithFinalMethod {

		public final void locked() {
		}

	}

	static class AnnotatedBase {

		@FireAndForget
		public void locked() {
		}

	}

	static class FinalOverride extends AnnotatedBase {

		@Override
		public final void locked() {
		}

	}

	interface Job {

		void run();

	}

	static final class FinalClass implements Job {

		@Override
		@FireAndForget
		public final void run() {
		}

	}

	static class UndeclaredMethod implements Job {

		@Override
		@FireAndForget
		public void run() {
		}

		@FireAndForget
		public void extra() {
		}

	}

	static class ManyMistakes {

		@FireAndForget
		public int count() {
			return 0;
		}

		@FireAndForget
		private void hidden() {
		}

		@FireAndForget
		public void fine() {
		}

	}

	@FireAndForget
	static class AnnotatedTypeWithOtherMethods {

		public void fine() {
		}

		public int count() {
			return 0;
		}

		protected void internal() {
		}

		public static void utility() {
		}

	}

}

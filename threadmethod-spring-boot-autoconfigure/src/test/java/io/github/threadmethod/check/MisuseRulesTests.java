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
import java.util.List;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MisuseRules}, asked directly rather than through a context.
 *
 * @author threadmethod contributors
 */
class MisuseRulesTests {

	private static final String RETURNS = ": a @FireAndForget call returns before its body runs, so the method "
			+ "must return void";

	private static final String PRIVATE = " is private: no proxy can intercept a private method; make it public";

	private static final String STATIC = " is static: no proxy can intercept a static method";

	private static final String FINAL_METHOD = " is final: a class-based proxy cannot override a final method; "
			+ "remove the final modifier";

	private static final String FINAL_CLASS = " is final: a class-based proxy cannot subclass it; remove the final "
			+ "modifier, or have it proxied by its interfaces (spring.aop.proxy-target-class=false or @Proxyable(INTERFACES))";

	private static final String UNDECLARED = " is declared by no interface of the bean's proxy: an interface-based "
			+ "proxy (spring.aop.proxy-target-class=false or @Proxyable(INTERFACES)) cannot intercept it; declare it in "
			+ "an interface, or use class-based proxies";

	@Test
	void wellFormedMethodHasNoMisuseWithEitherProxy() {
		assertThat(MisuseRules.findMisuse(Fine.class, true)).isEmpty();
		assertThat(MisuseRules.findMisuse(Fine.class, false)).isEmpty();
	}

	@Test
	void keyExpressionThatDoesNotParseIsMisuseNamingTheMethodAndTheExpression() {
		assertThat(MisuseRules.findMisuse(UnparsableKey.class, true)).singleElement()
			.asString()
			.startsWith(
					UnparsableKey.class.getName() + ".send(String) has a key expression that does not parse, '#to.': ");
		assertThat(MisuseRules.findMisuse(ParsableKey.class, true)).isEmpty();
	}

	@Test
	void classWithoutTheAnnotationHasNoMisuse() {
		assertThat(MisuseRules.findMisuse(Plain.class, true)).isEmpty();
		assertThat(MisuseRules.findMisuse(Plain.class, false)).isEmpty();
	}

	@Test
	void methodThatReturnsAValueIsMisuse() {
		assertThat(MisuseRules.findMisuse(ReturnsValue.class, true)).containsExactly(
				ReturnsValue.class.getName() + ".total(String) returns java.util.List<java.lang.Integer>" + RETURNS);
	}

	@Test
	void privateMethodIsMisuse() {
		assertThat(MisuseRules.findMisuse(PrivateMethod.class, true))
			.containsExactly(PrivateMethod.class.getName() + ".hidden()" + PRIVATE);
		assertThat(MisuseRules.findMisuse(PrivateMethod.class, false))
			.containsExactly(PrivateMethod.class.getName() + ".hidden()" + PRIVATE);
	}

	@Test
	void staticMethodIsMisuse() {
		assertThat(MisuseRules.findMisuse(StaticMethod.class, true))
			.containsExactly(StaticMethod.class.getName() + ".shared(int)" + STATIC);
	}

	@Test
	void staticMethodWithInterfaceBasedProxiesIsReportedAsStaticOnly() {
		assertThat(MisuseRules.findMisuse(StaticMethod.class, false))
			.containsExactly(StaticMethod.class.getName() + ".shared(int)" + STATIC);
	}

	@Test
	void privateStaticMethodIsReportedAsStatic() {
		assertThat(MisuseRules.findMisuse(PrivateStaticMethod.class, true))
			.containsExactly(PrivateStaticMethod.class.getName() + ".hidden()" + STATIC);
	}

	@Test
	void finalMethodIsMisuseWithClassBasedProxiesOnly() {
		assertThat(MisuseRules.findMisuse(FinalMethod.class, true))
			.containsExactly(FinalMethod.class.getName() + ".run()" + FINAL_METHOD);
		assertThat(MisuseRules.findMisuse(FinalMethod.class, false)).isEmpty();
	}

	@Test
	void finalMethodOfAnAnnotatedTypeIsMisuseWithClassBasedProxiesOnly() {
		assertThat(MisuseRules.findMisuse(AnnotatedTypeWithFinalMethod.class, true))
			.containsExactly(AnnotatedTypeWithFinalMethod.class.getName() + ".run()" + FINAL_METHOD);
		assertThat(MisuseRules.findMisuse(AnnotatedTypeWithFinalMethod.class, false)).isEmpty();
	}

	@Test
	void finalClassIsMisuseWithClassBasedProxiesOnly() {
		assertThat(MisuseRules.findMisuse(FinalClass.class, true))
			.containsExactly(FinalClass.class.getName() + FINAL_CLASS);
		assertThat(MisuseRules.findMisuse(FinalClass.class, false)).isEmpty();
	}

	@Test
	void methodDeclaredByNoInterfaceIsMisuseWithInterfaceBasedProxiesOnly() {
		assertThat(MisuseRules.findMisuse(UndeclaredMethod.class, false))
			.containsExactly(UndeclaredMethod.class.getName() + ".extra()" + UNDECLARED);
		assertThat(MisuseRules.findMisuse(UndeclaredMethod.class, true)).isEmpty();
	}

	@Test
	void methodOfAnAnnotatedTypeDeclaredByNoInterfaceIsMisuseWithInterfaceBasedProxies() {
		assertThat(MisuseRules.findMisuse(AnnotatedTypeWithUndeclaredMethod.class, false))
			.containsExactly(AnnotatedTypeWithUndeclaredMethod.class.getName() + ".extra()" + UNDECLARED);
	}

	@Test
	void methodDeclaredByASuperInterfaceIsFineWithInterfaceBasedProxies() {
		assertThat(MisuseRules.findMisuse(SuperInterfaceMethod.class, false)).isEmpty();
	}

	@Test
	void annotationOnTheInterfaceMethodAppliesToItsImplementation() {
		assertThat(MisuseRules.findMisuse(FinalImplementationOfAnnotatedInterface.class, true))
			.containsExactly(FinalImplementationOfAnnotatedInterface.class.getName() + ".run()" + FINAL_METHOD);
		assertThat(MisuseRules.findMisuse(FinalImplementationOfAnnotatedInterface.class, false)).isEmpty();
	}

	@Test
	void typeLevelAnnotationLeavesNonPublicNonVoidAndStaticMethodsAlone() {
		assertThat(MisuseRules.findMisuse(AnnotatedTypeWithOtherMethods.class, true)).isEmpty();
		assertThat(MisuseRules.findMisuse(AnnotatedTypeWithOtherMethods.class, false)).isEmpty();
	}

	@Test
	void bridgeMethodOfAGenericOverrideIsNotReported() throws NoSuchMethodException {
		Method bridge = GenericHandler.class.getMethod("handle", Object.class);
		assertThat(bridge.isBridge()).isTrue();
		assertThat(MisuseRules.findMisuse(GenericHandler.class, false)).isEmpty();
		assertThat(MisuseRules.findMisuse(GenericHandler.class, true)).isEmpty();
	}

	@Test
	void bridgeMethodOfAGenericNonVoidMethodDoesNotRepeatItsProblem() {
		assertThat(GenericSupplier.class.getDeclaredMethods()).filteredOn(Method::isBridge)
			.singleElement()
			.satisfies((bridge) -> assertThat(bridge.isAnnotationPresent(FireAndForget.class)).isTrue());
		assertThat(MisuseRules.findMisuse(GenericSupplier.class, true))
			.containsExactly(GenericSupplier.class.getName() + ".get() returns java.lang.String" + RETURNS);
	}

	@Test
	void beanMethodsAreIgnored() {
		assertThat(MisuseRules.findMisuse(BeanMethods.class, true)).isEmpty();
		assertThat(MisuseRules.findMisuse(BeanMethods.class, false)).isEmpty();
	}

	@Test
	void everyProblemOfAClassIsListedOnceTheClassFirst() {
		List<String> problems = MisuseRules.findMisuse(ManyMistakes.class, true);
		assertThat(problems).containsExactlyInAnyOrder(ManyMistakes.class.getName() + FINAL_CLASS,
				ManyMistakes.class.getName() + ".count() returns int" + RETURNS,
				ManyMistakes.class.getName() + ".hidden()" + PRIVATE,
				ManyMistakes.class.getName() + ".shared()" + STATIC);
		assertThat(problems.get(0)).isEqualTo(ManyMistakes.class.getName() + FINAL_CLASS);
	}

	@Test
	void problemOfAnInterfaceDefaultMethodIsListedOnce() {
		assertThat(MisuseRules.findMisuse(DefaultMethodUser.class, true))
			.containsExactly(WithDefaultMethod.class.getName() + ".count() returns int" + RETURNS);
	}

	@Test
	void problemOfAnInheritedMethodIsListedOnce() {
		assertThat(MisuseRules.findMisuse(InheritsMistake.class, true)).containsExactly(
				ReturnsValue.class.getName() + ".total(String) returns java.util.List<java.lang.Integer>" + RETURNS);
	}

	interface Job {

		void run();

	}

	interface SubJob extends Job {

	}

	static class Fine implements Job {

		@Override
		@FireAndForget
		public void run() {
		}

	}

	static class Plain {

		public final int count() {
			return 0;
		}

		private void hidden() {
		}

	}

	static class ReturnsValue {

		@FireAndForget
		public List<Integer> total(String name) {
			return List.of();
		}

	}

	static class InheritsMistake extends ReturnsValue {

	}

	static class PrivateMethod {

		@FireAndForget
		private void hidden() {
		}

	}

	static class StaticMethod {

		@FireAndForget
		public static void shared(int value) {
		}

	}

	static class PrivateStaticMethod {

		@FireAndForget
		private static void hidden() {
		}

	}

	static class FinalMethod implements Job {

		@Override
		@FireAndForget
		public final void run() {
		}

	}

	@FireAndForget
	static class AnnotatedTypeWithFinalMethod implements Job {

		@Override
		public final void run() {
		}

	}

	static final class FinalClass implements Job {

		@Override
		@FireAndForget
		public void run() {
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

	@FireAndForget
	static class AnnotatedTypeWithUndeclaredMethod implements Job {

		@Override
		public void run() {
		}

		public void extra() {
		}

	}

	static class SuperInterfaceMethod implements SubJob {

		@Override
		@FireAndForget
		public void run() {
		}

	}

	interface AnnotatedJob {

		@FireAndForget
		void run();

	}

	static class FinalImplementationOfAnnotatedInterface implements AnnotatedJob {

		@Override
		public final void run() {
		}

	}

	@FireAndForget
	static class AnnotatedTypeWithOtherMethods implements Job {

		@Override
		public void run() {
		}

		public final int count() {
			return 0;
		}

		protected final void internal() {
		}

		final void packagePrivate() {
		}

		private void hidden() {
		}

		public static void utility() {
		}

	}

	interface Handler<T> {

		void handle(T item);

	}

	static class GenericHandler implements Handler<String> {

		@Override
		@FireAndForget
		public void handle(String item) {
		}

	}

	static class GenericSupplier implements Supplier<String> {

		@Override
		@FireAndForget
		public String get() {
			return "";
		}

	}

	static class BeanMethods {

		@Bean
		@FireAndForget
		public String name() {
			return "";
		}

		@Bean
		@FireAndForget
		public static Runnable runner() {
			return () -> {
			};
		}

	}

	static final class ManyMistakes {

		@FireAndForget
		public int count() {
			return 0;
		}

		@FireAndForget
		private void hidden() {
		}

		@FireAndForget
		public static void shared() {
		}

		@FireAndForget
		public void fine() {
		}

	}

	interface WithDefaultMethod {

		@FireAndForget
		default int count() {
			return 0;
		}

	}

	static class DefaultMethodUser implements WithDefaultMethod {

	}

	static class UnparsableKey {

		@FireAndForget(key = "#to.")
		public void send(String to) {
		}

	}

	static class ParsableKey {

		@FireAndForget(key = "#to.toLowerCase()")
		public void send(String to) {
		}

	}

}

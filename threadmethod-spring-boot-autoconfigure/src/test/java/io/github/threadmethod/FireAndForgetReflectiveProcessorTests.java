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
package io.github.threadmethod;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link FireAndForget @FireAndForget}, being {@code @Reflective}, registers
 * the invocation of exactly the methods it applies to.
 *
 * @author threadmethod contributors
 */
class FireAndForgetReflectiveProcessorTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void annotatedMethodIsRegisteredAndNoOther() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Sender.class);
		assertThat(invocationOf(Sender.class, "send")).accepts(this.hints);
		assertThat(invocationOf(Sender.class, "total")).rejects(this.hints);
	}

	@Test
	void annotatedTypeRegistersThePublicVoidInstanceMethodsItDeclares() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Mailer.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Mailer.class)).accepts(this.hints);
		assertThat(invocationOf(Mailer.class, "send")).accepts(this.hints);
		assertThat(invocationOf(Mailer.class, "resend")).accepts(this.hints);
		assertThat(invocationOf(Mailer.class, "count")).rejects(this.hints);
		assertThat(invocationOf(Mailer.class, "audit")).rejects(this.hints);
		assertThat(invocationOf(Mailer.class, "create")).rejects(this.hints);
	}

	@Test
	void parameterTypesCanBeBoundAsJsonForTheDurableMode() {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Archive.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Letter.class)).accepts(this.hints);
		assertThat(invocationOf(Letter.class, "subject")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Page.class)).accepts(this.hints);
		assertThat(invocationOf(Page.class, "number")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(this.hints);
	}

	private static Predicate<RuntimeHints> invocationOf(Class<?> type, String methodName) {
		Method method = ReflectionUtils.findMethod(type, methodName, (Class<?>[]) null);
		assertThat(method).as(type.getName() + "." + methodName).isNotNull();
		return InvocationHints.invocationOf(method);
	}

	static class Sender {

		@FireAndForget
		public void send() {
		}

		public int total() {
			return 0;
		}

	}

	@FireAndForget
	static class Mailer {

		public void send() {
		}

		public void resend() {
		}

		public int count() {
			return 0;
		}

		void audit() {
		}

		public static void create() {
		}

	}

	static class Archive {

		@FireAndForget
		public void store(Letter letter, List<Page> pages) {
		}

		public void keep(Unrelated unrelated) {
		}

	}

	record Letter(String subject) {

	}

	record Page(int number) {

	}

	record Unrelated(String name) {

	}

}

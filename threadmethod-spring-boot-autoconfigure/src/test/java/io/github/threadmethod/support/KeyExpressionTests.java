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
package io.github.threadmethod.support;

import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;

import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeyExpression}.
 *
 * @author threadmethod contributors
 */
class KeyExpressionTests {

	@Test
	void argumentsAreReadByPositionAndByNameAsTheCacheAnnotationsReadThem() throws NoSuchMethodException {
		Object[] arguments = { 42L, "ada@example.com" };
		assertThat(KeyExpression.of(method("byPosition")).evaluate(arguments)).isEqualTo(42L);
		assertThat(KeyExpression.of(method("byIndex")).evaluate(arguments)).isEqualTo("ada@example.com");
		assertThat(KeyExpression.of(method("byName")).evaluate(arguments)).isEqualTo("42:ada@example.com");
		assertThat(KeyExpression.of(method("byRoot")).evaluate(arguments)).isEqualTo("byRoot/2");
	}

	@Test
	void aMethodWithoutAKeyHasNoExpression() throws NoSuchMethodException {
		assertThat(KeyExpression.of(method("unkeyed"))).isNull();
		assertThat(FireAndForgetAnnotations.keyExpression(method("unkeyed"))).isNull();
	}

	@Test
	void aTypeLevelKeyAppliesToTheMethodsItCoversAndAMethodsOwnAnnotationReplacesIt() throws NoSuchMethodException {
		Method covered = Keyed.class.getMethod("post", String.class);
		Method own = Keyed.class.getMethod("own", String.class);
		assertThat(FireAndForgetAnnotations.keyExpression(covered)).isEqualTo("'notice-' + #p0");
		assertThat(KeyExpression.of(covered).evaluate(new Object[] { "7" })).isEqualTo("notice-7");
		assertThat(FireAndForgetAnnotations.keyExpression(own)).isNull();
	}

	@Test
	void anExpressionThatDoesNotParseThrowsWhenItIsRead() {
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> KeyExpression.of(method("unparsable")));
	}

	@Test
	void anExpressionThatFailsOnTheArgumentsThrowsWhenItIsEvaluated() throws NoSuchMethodException {
		KeyExpression expression = KeyExpression.of(method("failing"));
		assertThat(expression.getExpressionString()).isEqualTo("#p1.length()");
		assertThatExceptionOfType(EvaluationException.class)
			.isThrownBy(() -> expression.evaluate(new Object[] { 1L, null }));
	}

	private static Method method(String name) throws NoSuchMethodException {
		return Orders.class.getMethod(name, long.class, String.class);
	}

	static class Orders {

		@FireAndForget(key = "#p0")
		public void byPosition(long orderId, String email) {
		}

		@FireAndForget(key = "#a1")
		public void byIndex(long orderId, String email) {
		}

		@FireAndForget(key = "#orderId + ':' + #email")
		public void byName(long orderId, String email) {
		}

		@FireAndForget(key = "#root.methodName + '/' + #root.args.length")
		public void byRoot(long orderId, String email) {
		}

		@FireAndForget
		public void unkeyed(long orderId, String email) {
		}

		@FireAndForget(key = "#p0 +")
		public void unparsable(long orderId, String email) {
		}

		@FireAndForget(key = "#p1.length()")
		public void failing(long orderId, String email) {
		}

	}

	@FireAndForget(key = "'notice-' + #p0")
	static class Keyed {

		public void post(String id) {
		}

		@FireAndForget
		public void own(String id) {
		}

	}

}

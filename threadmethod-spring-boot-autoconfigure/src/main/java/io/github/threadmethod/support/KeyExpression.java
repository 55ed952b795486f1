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

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The {@linkplain FireAndForget#key() key expression} of one {@link FireAndForget
 *
 * @FireAndForget} method, parsed: what it makes of the arguments of each call. It is
 * parsed once per method with Spring's expression language, and evaluated as the key of
 * Spring's cache annotations is, in a {@link MethodBasedEvaluationContext}: the arguments
 * are {@code #p0}, {@code #a0}, and {@code #name} where the parameter names are compiled
 * in; the root object offers {@code args}, {@code method} and {@code methodName}.
 *
 * <p>
 * Public for threadmethod's own start-up checks and launcher; not an API, may change in
 * any release.
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class KeyExpression {

	// Thread-safe, and holds no state of its own between parses
	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private static final ParameterNameDiscoverer discoverer = new DefaultParameterNameDiscoverer();

	private final Method method;

	private final Expression expression;

	private final ParameterNameDiscoverer parameterNames;

	private KeyExpression(Method method, String expression) {
		this.method = method;
		this.expression = parser.parseExpression(expression);
		this.parameterNames = new KnownParameterNames(method, discoverer.getParameterNames(method));
	}

	/**
	 * Parse the key expression of the given method, if it has one.
	 * @param method the most specific method, as declared on the bean class or above it
	 * @return the parsed expression, or {@code null} if the method's calls have no key
	 * @throws ParseException if the expression does not parse
	 */
	public static @Nullable KeyExpression of(Method method) throws ParseException {
		String expression = FireAndForgetAnnotations.keyExpression(method);
		return (expression != null) ? new KeyExpression(method, expression) : null;
	}

	/**
	 * Return the expression as written in the annotation.
	 * @return the expression
	 */
	public String getExpressionString() {
		return this.expression.getExpressionString();
	}

	/**
	 * Work out the value of the expression for a call made with the given arguments.
	 * @param arguments the arguments of the call
	 * @return the value, possibly {@code null}
	 * @throws EvaluationException if the expression fails on these arguments
	 */
	public @Nullable Object evaluate(@Nullable Object[] arguments) throws EvaluationException {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new Root(this.method, arguments),
				this.method, arguments, this.parameterNames);
		return this.expression.getValue(context);
	}

	@Override
	public String toString() {
		return getExpressionString();
	}

	/**
	 * The root object of the expression, as {@code #root}: public, so that the expression
	 * language may read it.
	 */
	public static final class Root {

		private final Method method;

		private final @Nullable Object[] args;

		Root(Method method, @Nullable Object[] args) {
			this.method = method;
			this.args = args;
		}

		/**
		 * Return the method called.
		 * @return the method
		 */
		public Method getMethod() {
			return this.method;
		}

		/**
		 * Return the name of the method called.
		 * @return the method name
		 */
		public String getMethodName() {
			return this.method.getName();
		}

		/**
		 * Return the arguments of the call.
		 * @return the arguments
		 */
		public @Nullable Object[] getArgs() {
			return this.args;
		}

	}

	/**
	 * The parameter names of the method, discovered once rather than at every call.
	 */
	private static final class KnownParameterNames implements ParameterNameDiscoverer {

		private final Method method;

		private final String @Nullable [] names;

		KnownParameterNames(Method method, String @Nullable [] names) {
			this.method = method;
			this.names = names;
		}

		@Override
		public String @Nullable [] getParameterNames(Method method) {
			return (method == this.method) ? this.names : discoverer.getParameterNames(method);
		}

		@Override
		public String @Nullable [] getParameterNames(Constructor<?> ctor) {
			return null;
		}

	}

}

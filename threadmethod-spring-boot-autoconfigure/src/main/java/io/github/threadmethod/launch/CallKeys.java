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
package io.github.threadmethod.launch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallListener.Rejection;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import io.github.threadmethod.support.KeyExpression;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.ParseException;

/**
 * Works out the business key of each call from the
 * {@linkplain io.github.threadmethod.FireAndForget#key() key expression} of its method,
 * on the caller's thread. Each task's expression is parsed at its first call (start-up
 * has parsed it once already, to fail on one that does not parse); a task without one
 * costs a lookup.
 *
 * @author threadmethod contributors
 */
final class CallKeys {

	// Stands for a method whose calls have no key
	private static final Object NO_KEY = new Object();

	// By task, which is one per method and bean class: a KeyExpression, NO_KEY, or the
	// ParseException of an expression that does not parse
	private final Map<FireAndForgetTask, Object> expressions = new ConcurrentHashMap<>(64);

	/**
	 * Return the key of a call of the given task made with the given arguments.
	 * @return the key, or {@code null} if the task's method has no key expression
	 * @throws CallRejectedException if the expression does not parse, fails on the
	 * arguments, or yields {@code null}
	 */
	@Nullable String keyOf(FireAndForgetTask task, @Nullable Object[] arguments) {
		Object expression = this.expressions.get(task);
		if (expression == null) {
			expression = this.expressions.computeIfAbsent(task, CallKeys::parse);
		}
		if (expression == NO_KEY) {
			return null;
		}
		if (expression instanceof ParseException unparsable) {
			throw rejection(task, String.valueOf(FireAndForgetAnnotations.keyExpression(task.getMethod())),
					"does not parse (" + unparsable.getMessage() + ")", unparsable);
		}
		return evaluate(task, (KeyExpression) expression, arguments);
	}

	private static Object parse(FireAndForgetTask task) {
		try {
			KeyExpression expression = KeyExpression.of(task.getMethod());
			return (expression != null) ? expression : NO_KEY;
		}
		catch (ParseException ex) {
			return ex;
		}
	}

	private static String evaluate(FireAndForgetTask task, KeyExpression expression, @Nullable Object[] arguments) {
		String key;
		try {
			Object value = expression.evaluate(arguments);
			key = (value != null) ? value.toString() : null;
		}
		catch (RuntimeException ex) {
			throw rejection(task, expression.getExpressionString(), "failed (" + Failures.summary(ex) + ")", ex);
		}
		if (key == null) {
			throw rejection(task, expression.getExpressionString(), "yielded null", null);
		}
		return key;
	}

	private static CallRejectedException rejection(FireAndForgetTask task, String expression, String what,
			@Nullable Throwable cause) {
		return new CallRejectedException(Rejection.KEY, "@FireAndForget call of task '" + task.getName()
				+ "' rejected: its key expression '" + expression + "' " + what, cause);
	}

}

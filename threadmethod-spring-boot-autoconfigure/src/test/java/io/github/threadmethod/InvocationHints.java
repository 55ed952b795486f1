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
import java.util.function.Predicate;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ReflectionUtils;

/**
 * A predicate that a method may be invoked reflectively, under the API of the Spring
 * Framework on the class path: {@code onMethodInvocation} on Framework 7,
 * {@code onMethod(..).invoke()} on Framework 6.2 (Spring Boot 3.5), neither of which the
 * other has.
 *
 * @author threadmethod contributors
 */
public final class InvocationHints {

	private InvocationHints() {
	}

	/**
	 * Return a predicate that the given method has an invocation hint.
	 * @param method the method
	 * @return the predicate
	 */
	@SuppressWarnings("unchecked")
	public static Predicate<RuntimeHints> invocationOf(Method method) {
		ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
		Method onMethodInvocation = ReflectionUtils.findMethod(ReflectionHintsPredicates.class, "onMethodInvocation",
				Method.class);
		if (onMethodInvocation != null) {
			return (Predicate<RuntimeHints>) ReflectionUtils.invokeMethod(onMethodInvocation, reflection, method);
		}
		Object onMethod = reflection.onMethod(method);
		Method invoke = ReflectionUtils.findMethod(onMethod.getClass(), "invoke");
		return (Predicate<RuntimeHints>) ReflectionUtils.invokeMethod(invoke, onMethod);
	}

}

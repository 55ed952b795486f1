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

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Registers the reflection a {@link FireAndForget @FireAndForget} method needs in a
 * native image, where its proxy calls it reflectively: the annotated method, or, for an
 * annotated type, the methods the annotation applies to there (its {@code public void}
 * instance methods). Its parameter types can be bound too, as Spring binds a web
 * method's: the durable mode writes each argument as JSON and reads it back into the
 * declared type.
 *
 * @author threadmethod contributors
 */
class FireAndForgetReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerReflectionHints(ReflectionHints hints, AnnotatedElement element) {
		super.registerReflectionHints(hints, element);
		if (element instanceof Class<?> type) {
			for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
				if (appliesTo(method)) {
					registerMethodHint(hints, method);
				}
			}
		}
	}

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		this.bindings.registerReflectionHints(hints, method.getGenericParameterTypes());
	}

	private static boolean appliesTo(Method method) {
		int modifiers = method.getModifiers();
		return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && method.getReturnType() == void.class
				&& !method.isSynthetic();
	}

}

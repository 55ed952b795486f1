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
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The rules that reject a {@link io.github.threadmethod.FireAndForget @FireAndForget}
 * method no proxy can ever intercept, or one whose call cannot return before its body
 * runs. Each rule gives one sentence naming the method, why, and the fix.
 *
 * @author threadmethod contributors
 */
public final class MisuseRules {

	private MisuseRules() {
	}

	/**
	 * Check every use of the annotation that the given bean class sees and describe the
	 * ones that can never take effect.
	 * @param beanClass the user class of the bean
	 * @param classProxy whether the bean gets a class-based proxy
	 * @return one sentence for each misused method, empty if there is none
	 */
	public static List<String> findMisuse(Class<?> beanClass, boolean classProxy) {
		Set<String> problems = new LinkedHashSet<>();
		if (classProxy && Modifier.isFinal(beanClass.getModifiers())) {
			problems.add(beanClass.getName() + " is final: a class-based proxy cannot subclass it; remove the "
					+ "final modifier, or have it proxied by its interfaces (spring.aop.proxy-target-class=false)");
		}
		List<Method> methods = new ArrayList<>(List.of(ReflectionUtils.getAllDeclaredMethods(beanClass)));
		for (Class<?> ifc : FireAndForgetMethods.allInterfaces(beanClass)) {
			methods.addAll(List.of(ifc.getDeclaredMethods()));
		}
		for (Method method : methods) {
			if (method.isBridge() || method.isSynthetic() || FireAndForgetMethods.isBeanMethod(method)) {
				continue;
			}
			String problem = findMisuse(method, classProxy);
			if (problem != null) {
				problems.add(FireAndForgetMethods.describe(method) + " " + problem);
			}
		}
		if (!classProxy) {
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass)) {
				if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
						&& !method.isBridge() && FireAndForgetMethods.isFireAndForget(method)
						&& !declaredByInterface(method, beanClass)) {
					problems.add(FireAndForgetMethods.describe(method)
							+ " is declared by no interface of the bean: an interface-based "
							+ "proxy (spring.aop.proxy-target-class=false) cannot intercept it; declare it in an "
							+ "interface, or use class-based proxies");
				}
			}
		}
		return List.copyOf(problems);
	}

	private static boolean declaredByInterface(Method method, Class<?> beanClass) {
		for (Class<?> ifc : FireAndForgetMethods.allInterfaces(beanClass)) {
			if (FireAndForgetMethods.declaresOverridden(ifc, method)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String findMisuse(Method method, boolean classProxy) {
		int modifiers = method.getModifiers();
		if (FireAndForgetMethods.annotationOnMethod(method).isPresent()) {
			if (Modifier.isStatic(modifiers)) {
				return "is static: no proxy can intercept a static method";
			}
			if (Modifier.isPrivate(modifiers)) {
				return "is private: no proxy can intercept a private method; make it public";
			}
			if (method.getReturnType() != void.class) {
				return "returns " + method.getGenericReturnType().getTypeName()
						+ ": a @FireAndForget call returns before its body runs, so the method must return void";
			}
		}
		else if (FireAndForgetMethods.annotatedDeclaringType(method) == null) {
			return null;
		}
		if (classProxy && Modifier.isFinal(modifiers)) {
			return "is final: a class-based proxy cannot override a final method; remove the final modifier";
		}
		return null;
	}

}

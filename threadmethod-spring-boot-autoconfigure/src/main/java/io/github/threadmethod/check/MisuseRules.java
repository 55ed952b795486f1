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

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import io.github.threadmethod.support.KeyExpression;
import io.github.threadmethod.support.MethodDescriptions;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.expression.ParseException;
import org.springframework.util.ReflectionUtils;

/**
 * The rules that reject a {@link io.github.threadmethod.FireAndForget @FireAndForget}
 * method no proxy can ever intercept, one whose call cannot return before its body runs,
 * or one whose key expression does not parse. Each rule gives one sentence naming the
 * method, why, and the fix.
 *
 * <p>
 * Public for threadmethod's own bean post-processor; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class MisuseRules {

	private static final String ASYNC = "org.springframework.scheduling.annotation.Async";

	// What to do about each kind of misuse, for the report of the failure
	private static final String SIGNATURE_ACTION = "Make each method listed above a public, non-final, non-static "
			+ "method that returns void, or remove @FireAndForget from it.";

	private static final String FINAL_CLASS_ACTION = "Remove the final modifier from each class listed above as final, "
			+ "or have it proxied by its interfaces (spring.aop.proxy-target-class=false or @Proxyable(INTERFACES)).";

	private static final String INTERFACE_PROXY_ACTION = "Declare each method listed above that an interface-based "
			+ "proxy cannot intercept as a public method of an interface of its bean, or have the bean proxied by its "
			+ "class (spring.aop.proxy-target-class=true, the default, or @Proxyable(TARGET_CLASS)).";

	private static final String ASYNC_ACTION = "Remove @Async (from the method or its class) or @FireAndForget from "
			+ "each method listed above as also @Async: @Async to return a CompletableFuture or run on a pool of "
			+ "threads, @FireAndForget for a thread of its own for each call.";

	private static final String KEY_ACTION = "Correct the key expression of each method listed above whose key "
			+ "does not parse: a SpEL expression over the call's arguments, such as \"#order.id\" or "
			+ "\"#p0 + ':' + #p1\".";

	private MisuseRules() {
	}

	/**
	 * Check every use of the annotation that the given bean class sees, with the proxy
	 * that Spring will make for the bean, and return the exception that rejects the ones
	 * that can never take effect.
	 * @param beanClass the user class of the bean
	 * @param classProxy whether the bean gets a class-based proxy
	 * @param proxiedInterfaces the interfaces an interface-based proxy implements;
	 * ignored for a class-based one
	 * @return the exception naming each misused method and what to do, or {@code null} if
	 * there is no misuse
	 */
	public static @Nullable InvalidFireAndForgetMethodException check(Class<?> beanClass, boolean classProxy,
			Collection<Class<?>> proxiedInterfaces) {
		Map<String, String> misuse = misuse(beanClass, classProxy, proxiedInterfaces);
		return misuse.isEmpty() ? null : new InvalidFireAndForgetMethodException(beanClass,
				List.copyOf(misuse.keySet()), List.copyOf(new LinkedHashSet<>(misuse.values())));
	}

	/**
	 * Check every use of the annotation that the given bean class sees and describe the
	 * ones that can never take effect, for a proxy that implements every interface of the
	 * class if it is not class-based. For the tests of the rules, which need no proxy.
	 * @param beanClass the user class of the bean
	 * @param classProxy whether the bean gets a class-based proxy
	 * @return one sentence for each misused method, empty if there is none
	 */
	static List<String> findMisuse(Class<?> beanClass, boolean classProxy) {
		return findMisuse(beanClass, classProxy, FireAndForgetAnnotations.allInterfaces(beanClass));
	}

	/**
	 * Check every use of the annotation that the given bean class sees and describe the
	 * ones that can never take effect with the proxy that Spring will make for the bean.
	 * @param beanClass the user class of the bean
	 * @param classProxy whether the bean gets a class-based proxy
	 * @param proxiedInterfaces the interfaces an interface-based proxy implements;
	 * ignored for a class-based one
	 * @return one sentence for each misused method, empty if there is none
	 */
	public static List<String> findMisuse(Class<?> beanClass, boolean classProxy,
			Collection<Class<?>> proxiedInterfaces) {
		return List.copyOf(misuse(beanClass, classProxy, proxiedInterfaces).keySet());
	}

	/**
	 * Return one sentence for each misused method, naming the method, why and the fix,
	 * with what to do about its kind of misuse.
	 */
	private static Map<String, String> misuse(Class<?> beanClass, boolean classProxy,
			Collection<Class<?>> proxiedInterfaces) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (classProxy && Modifier.isFinal(beanClass.getModifiers())) {
			problems.put(beanClass.getName() + " is final: a class-based proxy cannot subclass it; remove the "
					+ "final modifier, or have it proxied by its interfaces (spring.aop.proxy-target-class=false "
					+ "or @Proxyable(INTERFACES))", FINAL_CLASS_ACTION);
		}
		List<Method> methods = new ArrayList<>(List.of(ReflectionUtils.getAllDeclaredMethods(beanClass)));
		for (Class<?> ifc : FireAndForgetAnnotations.allInterfaces(beanClass)) {
			methods.addAll(List.of(ifc.getDeclaredMethods()));
		}
		for (Method method : methods) {
			if (method.isBridge() || method.isSynthetic() || FireAndForgetAnnotations.isBeanMethod(method)) {
				continue;
			}
			Misuse problem = findMisuse(method, classProxy);
			if (problem != null) {
				problems.putIfAbsent(MethodDescriptions.qualified(method) + " " + problem.problem(), problem.action());
			}
		}
		boolean asyncType = isAsync(beanClass);
		Set<Class<?>> interfaces = classProxy ? Set.of() : withSuperInterfaces(proxiedInterfaces);
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass)) {
			if (Modifier.isStatic(method.getModifiers()) || method.isBridge()
					|| !FireAndForgetAnnotations.isFireAndForget(method)) {
				continue;
			}
			if (asyncType || isAsync(method)) {
				// Both advices would apply: the body runs on the @Async executor while
				// the
				// launcher counts the call finished as soon as @Async has queued it
				problems.putIfAbsent(MethodDescriptions.qualified(method) + " is also @Async"
						+ (asyncType && !isAsync(method) ? " (on its class)" : "")
						+ ": its body would run on the @Async executor while the call counts as finished at once, "
						+ "outside every limit and the shutdown wait; remove one of the two annotations", ASYNC_ACTION);
			}
			String unparsableKey = unparsableKey(method);
			if (unparsableKey != null) {
				problems.putIfAbsent(MethodDescriptions.qualified(method) + " " + unparsableKey, KEY_ACTION);
			}
			if (!classProxy && Modifier.isPublic(method.getModifiers()) && !declaredBy(interfaces, method)) {
				problems
					.putIfAbsent(MethodDescriptions.qualified(method) + " is declared by no interface of the bean's "
							+ "proxy: an interface-based proxy (spring.aop.proxy-target-class=false or "
							+ "@Proxyable(INTERFACES)) cannot intercept it; declare it in an interface, or use "
							+ "class-based proxies", INTERFACE_PROXY_ACTION);
			}
		}
		return problems;
	}

	/**
	 * Parse the key expression of the given method, as its first call would, and say why
	 * it cannot be if it cannot.
	 */
	private static @Nullable String unparsableKey(Method method) {
		try {
			KeyExpression.of(method);
			return null;
		}
		catch (ParseException ex) {
			return "has a key expression that does not parse, '" + FireAndForgetAnnotations.keyExpression(method)
					+ "': " + ex.getMessage();
		}
	}

	private static boolean declaredBy(Set<Class<?>> interfaces, Method method) {
		for (Class<?> ifc : interfaces) {
			if (FireAndForgetAnnotations.declaresOverridden(ifc, method)) {
				return true;
			}
		}
		return false;
	}

	private static Set<Class<?>> withSuperInterfaces(Collection<Class<?>> interfaces) {
		Set<Class<?>> all = new LinkedHashSet<>();
		for (Class<?> ifc : interfaces) {
			all.add(ifc);
			all.addAll(FireAndForgetAnnotations.allInterfaces(ifc));
		}
		return all;
	}

	/**
	 * Tell whether Spring's {@code @Async} applies, named rather than referenced so that
	 * nothing here needs scheduling support to load.
	 */
	private static boolean isAsync(AnnotatedElement element) {
		return MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY).isPresent(ASYNC);
	}

	private static @Nullable Misuse findMisuse(Method method, boolean classProxy) {
		// Asked of every method the bean class sees, Object's and a shared base class's
		// included: the answer cached per method rules out most of them with no search
		// of the type hierarchy (it differs from the two checks below only for @Bean
		// methods, skipped before)
		if (!FireAndForgetAnnotations.isFireAndForget(method)) {
			return null;
		}
		int modifiers = method.getModifiers();
		if (FireAndForgetAnnotations.isAnnotatedMethod(method)) {
			if (Modifier.isStatic(modifiers)) {
				return new Misuse("is static: no proxy can intercept a static method", SIGNATURE_ACTION);
			}
			if (Modifier.isPrivate(modifiers)) {
				return new Misuse("is private: no proxy can intercept a private method; make it public",
						SIGNATURE_ACTION);
			}
			if (!classProxy && !Modifier.isPublic(modifiers)) {
				// A JDK proxy implements the interfaces only, whose methods are public
				return new Misuse("is " + (Modifier.isProtected(modifiers) ? "protected" : "package-private")
						+ ": an interface-based proxy intercepts only the public methods of its interfaces; make it "
						+ "public and declare it in an interface, or use class-based proxies", INTERFACE_PROXY_ACTION);
			}
			if (method.getReturnType() != void.class) {
				return new Misuse("returns " + method.getGenericReturnType().getTypeName()
						+ ": a @FireAndForget call returns before its body runs, so the method must return void",
						SIGNATURE_ACTION);
			}
		}
		else if (FireAndForgetAnnotations.annotatedDeclaringType(method) == null) {
			return null;
		}
		if (classProxy && Modifier.isFinal(modifiers)) {
			return new Misuse("is final: a class-based proxy cannot override a final method; remove the final modifier",
					SIGNATURE_ACTION);
		}
		return null;
	}

	/**
	 * What is wrong with a method, and what to do about that kind of misuse.
	 */
	private record Misuse(String problem, String action) {

	}

}

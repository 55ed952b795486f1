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
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link FireAndForget @FireAndForget} on methods and types, and works out the name
 * of the task that a method runs as. The one reading of the annotation that the proxying,
 * the start-up checks, the auto-configuration and the backends share.
 *
 * <p>
 * Most of it runs at start-up, but not all: the interceptor names the task of a method
 * with {@link #taskName(Method, Class)} on the method's first call, and caches it.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class FireAndForgetAnnotations {

	// What does not change for a class or a method, as its annotations do not: kept
	// softly, so that nothing holds a class loader. Not a ClassValue: that allocates a
	// map in each class it is first asked of, some 300 bytes for each bean class
	private static final Map<Class<?>, Boolean> MENTIONS_FIRE_AND_FORGET = new ConcurrentReferenceHashMap<>(256);

	private static final Map<Method, Boolean> FIRE_AND_FORGET_METHODS = new ConcurrentReferenceHashMap<>(256);

	private FireAndForgetAnnotations() {
	}

	/**
	 * Return whether calls to the given method are fire-and-forget.
	 * @param method the most specific method, as declared on the bean class or above it
	 * @return whether the method is fire-and-forget
	 */
	public static boolean isFireAndForget(Method method) {
		// Asked of each method of each bean class at start-up, inherited ones (Object's,
		// a shared base class's) for every bean again: worked out once per method
		Boolean fireAndForget = FIRE_AND_FORGET_METHODS.get(method);
		if (fireAndForget == null) {
			fireAndForget = (annotationOnMethod(method).isPresent() || annotatedDeclaringType(method) != null)
					&& !isBeanMethod(method);
			FIRE_AND_FORGET_METHODS.put(method, fireAndForget);
		}
		return fireAndForget;
	}

	/**
	 * Return whether {@code @FireAndForget} appears anywhere the given class could take
	 * it from: on the class, its superclasses or interfaces, or a method they declare. A
	 * cheap first look, so that the classes of most beans are ruled out without looking
	 * at each of their methods in turn.
	 * @param type the class
	 * @return whether the class may have fire-and-forget methods
	 */
	public static boolean mentionsFireAndForget(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, FireAndForget.class)) {
			// A JDK type (Object, Serializable...): Spring's own short cut, with no
			// lookup
			return false;
		}
		Boolean mentions = MENTIONS_FIRE_AND_FORGET.get(type);
		if (mentions == null) {
			// Not computeIfAbsent: working it out asks the map about the supertypes
			mentions = computeMentionsFireAndForget(type);
			MENTIONS_FIRE_AND_FORGET.put(type, mentions);
		}
		return mentions;
	}

	/**
	 * Work out whether the given class, one of its superclasses or one of its interfaces
	 * declares the annotation, asking the cache about each supertype: they are shared by
	 * many bean classes.
	 */
	private static boolean computeMentionsFireAndForget(Class<?> type) {
		if (declaresFireAndForget(type)) {
			return true;
		}
		Class<?> superclass = type.getSuperclass();
		if (superclass != null && mentionsFireAndForget(superclass)) {
			return true;
		}
		for (Class<?> ifc : type.getInterfaces()) {
			if (mentionsFireAndForget(ifc)) {
				return true;
			}
		}
		return false;
	}

	private static boolean declaresFireAndForget(Class<?> type) {
		if (annotationOnType(type).isPresent()) {
			return true;
		}
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			if (MergedAnnotations.from(method, SearchStrategy.DIRECT).isPresent(FireAndForget.class)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether the given method is a {@code @Bean} factory method, which the
	 * container calls to create a bean, never through a proxy.
	 * @param method the method
	 * @return whether it is a {@code @Bean} method
	 */
	public static boolean isBeanMethod(Method method) {
		return MergedAnnotations.from(method).isPresent(Bean.class);
	}

	/**
	 * Return the user class of the named bean without creating it: the class behind its
	 * proxy, of either kind, when it exists already; otherwise the type its definition
	 * predicts.
	 * @param beanFactory the bean factory
	 * @param beanName the bean name
	 * @return the class, or {@code null} if it cannot be known before the bean is created
	 */
	public static @Nullable Class<?> beanClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Object singleton = beanFactory.getSingleton(beanName);
			if (singleton != null) {
				// A JDK proxy's own class says nothing of the class behind it
				return AopProxyUtils.ultimateTargetClass(singleton);
			}
			Class<?> type = beanFactory.getType(beanName, false);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Work out the name of the task that the given method runs as.
	 * @param method the most specific method, as declared on the bean class or above it
	 * @param beanClass the user class of the bean
	 * @return the task name
	 */
	public static String taskName(Method method, Class<?> beanClass) {
		MergedAnnotation<FireAndForget> onMethod = annotationOnMethod(method);
		if (onMethod.isPresent()) {
			String name = onMethod.getString("name");
			return StringUtils.hasText(name) ? name : defaultTypeName(beanClass) + "." + method.getName();
		}
		Class<?> annotatedType = annotatedDeclaringType(method);
		String typeName = (annotatedType != null) ? annotationOnType(annotatedType).getString("name") : "";
		return (StringUtils.hasText(typeName) ? typeName : defaultTypeName(beanClass)) + "." + method.getName();
	}

	/**
	 * Return the {@linkplain FireAndForget#key() key expression} of the given method: its
	 * own annotation's, if it has one, or else that of the annotated type that brings it
	 * under the annotation.
	 * @param method the most specific method, as declared on the bean class or above it
	 * @return the expression, or {@code null} if its calls have no key
	 */
	public static @Nullable String keyExpression(Method method) {
		MergedAnnotation<FireAndForget> onMethod = annotationOnMethod(method);
		String key;
		if (onMethod.isPresent()) {
			key = onMethod.getString("key");
		}
		else {
			Class<?> annotatedType = annotatedDeclaringType(method);
			key = (annotatedType != null) ? annotationOnType(annotatedType).getString("key") : "";
		}
		return StringUtils.hasText(key) ? key : null;
	}

	/**
	 * Return whether the annotation is on the given method itself, or on a method it
	 * overrides or implements, rather than only on a type that declares it.
	 * @param method the method
	 * @return whether the method is annotated
	 */
	public static boolean isAnnotatedMethod(Method method) {
		return annotationOnMethod(method).isPresent();
	}

	private static MergedAnnotation<FireAndForget> annotationOnMethod(Method method) {
		return MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).get(FireAndForget.class);
	}

	private static MergedAnnotation<FireAndForget> annotationOnType(Class<?> type) {
		return MergedAnnotations.from(type, SearchStrategy.DIRECT).get(FireAndForget.class);
	}

	/**
	 * Find the annotated type that brings the given method under a type-level annotation:
	 * the method is a public void instance method that the type declares, or overrides
	 * one.
	 * @param method the method
	 * @return the annotated type, or {@code null} if no annotated type covers the method
	 */
	public static @Nullable Class<?> annotatedDeclaringType(Method method) {
		int modifiers = method.getModifiers();
		if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || method.getReturnType() != void.class) {
			return null;
		}
		Class<?> declaringClass = method.getDeclaringClass();
		for (Class<?> type = declaringClass; type != null && type != Object.class; type = type.getSuperclass()) {
			if (declaresAnnotated(type, method)) {
				return type;
			}
		}
		for (Class<?> ifc : allInterfaces(declaringClass)) {
			if (declaresAnnotated(ifc, method)) {
				return ifc;
			}
		}
		return null;
	}

	private static boolean declaresAnnotated(Class<?> type, Method method) {
		if (!annotationOnType(type).isPresent()) {
			return false;
		}
		return type == method.getDeclaringClass() || declaresOverridden(type, method);
	}

	/**
	 * Return whether the given type declares a public method that the given method
	 * overrides or implements, generic parameters included.
	 * @param type the class or interface
	 * @param method the overriding method
	 * @return whether the type declares the method overridden
	 */
	public static boolean declaresOverridden(Class<?> type, Method method) {
		for (Method declared : type.getDeclaredMethods()) {
			if (declared.getName().equals(method.getName())
					&& declared.getParameterCount() == method.getParameterCount()
					&& Modifier.isPublic(declared.getModifiers()) && !declared.isBridge()
					&& AopUtils.getMostSpecificMethod(declared, method.getDeclaringClass()).equals(method)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return every interface the given type implements, including the ones those
	 * interfaces extend.
	 * @param type the class or interface
	 * @return the interfaces, each once
	 */
	public static Set<Class<?>> allInterfaces(Class<?> type) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		List<Class<?>> pending = new ArrayList<>(ClassUtils.getAllInterfacesForClassAsSet(type));
		while (!pending.isEmpty()) {
			Class<?> ifc = pending.remove(pending.size() - 1);
			if (interfaces.add(ifc)) {
				pending.addAll(List.of(ifc.getInterfaces()));
			}
		}
		return interfaces;
	}

	private static String defaultTypeName(Class<?> beanClass) {
		String simpleName = beanClass.getSimpleName();
		return StringUtils.hasText(simpleName) ? simpleName : ClassUtils.getShortName(beanClass);
	}

}

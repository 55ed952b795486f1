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
package io.github.threadmethod.durable;

import java.io.Closeable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import io.github.threadmethod.support.MethodDescriptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * The start-up check of the parameter types of durable tasks: a call is stored as JSON
 * and read back on another instance, maybe after a restart, so each parameter type must
 * be data that survives that, and must say what to read back without the data naming a
 * class.
 *
 * @author threadmethod contributors
 */
final class ParameterTypes {

	private static final Set<String> REQUEST_AND_SECURITY_PACKAGES = Set.of("jakarta.servlet.", "javax.servlet.",
			"org.springframework.security.", "org.springframework.web.context.request.",
			"org.springframework.web.multipart.", "org.springframework.http.server.", "org.springframework.ui.");

	private static final Set<String> ENTITY_ANNOTATIONS = Set.of("jakarta.persistence.Entity",
			"javax.persistence.Entity");

	private ParameterTypes() {
	}

	/**
	 * Return what is wrong with each parameter of the given method, one line each, in the
	 * format of {@link io.github.threadmethod.InvalidFireAndForgetMethodException}.
	 */
	static List<String> problems(Method method, ListableBeanFactory beanFactory) {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < method.getParameterCount(); i++) {
			ResolvableType type = ResolvableType.forMethodParameter(new MethodParameter(method, i));
			String problem = problem(type, beanFactory, 0);
			if (problem != null) {
				problems.add(MethodDescriptions.qualified(method) + " parameter '" + method.getParameters()[i].getName()
						+ "' (" + type + ") cannot be stored by the durable mode: " + problem);
			}
		}
		return problems;
	}

	/**
	 * Return the JPA entities among the parameter types of the given method, which
	 * survive JSON but hold state that a later run should read afresh.
	 */
	static List<String> entities(Method method) {
		List<String> entities = new ArrayList<>();
		for (int i = 0; i < method.getParameterCount(); i++) {
			Class<?> type = method.getParameterTypes()[i];
			MergedAnnotations annotations = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY);
			if (ENTITY_ANNOTATIONS.stream().anyMatch(annotations::isPresent)) {
				entities.add(MethodDescriptions.qualified(method) + " parameter '" + method.getParameters()[i].getName()
						+ "' (" + type.getName() + ")");
			}
		}
		return entities;
	}

	private static @Nullable String problem(ResolvableType type, ListableBeanFactory beanFactory, int depth) {
		Class<?> raw = type.resolve();
		if (raw == null || raw == Object.class) {
			return (depth == 0) ? "Object (or an unbound type variable) does not say what to read back"
					: "its type argument Object (or a wildcard, or none) does not say what to read back";
		}
		if (raw.isArray()) {
			return problem(type.getComponentType(), beanFactory, depth + 1);
		}
		if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.lang.") && isValue(raw)) {
			return null;
		}
		String name = raw.getName();
		if (raw == Class.class || ClassLoader.class.isAssignableFrom(raw) || name.startsWith("java.lang.reflect.")
				|| name.startsWith("java.lang.invoke.")) {
			return "reading it back would load code that the data names";
		}
		if (BaseStream.class.isAssignableFrom(raw) || java.io.InputStream.class.isAssignableFrom(raw)
				|| java.io.OutputStream.class.isAssignableFrom(raw) || java.io.Reader.class.isAssignableFrom(raw)
				|| java.io.Writer.class.isAssignableFrom(raw) || java.util.Iterator.class.isAssignableFrom(raw)
				|| java.nio.channels.Channel.class.isAssignableFrom(raw)) {
			return "a stream is consumed once, where it was opened; pass what it holds";
		}
		if (Thread.class.isAssignableFrom(raw) || Executor.class.isAssignableFrom(raw)
				|| Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)
				|| name.startsWith("java.util.concurrent.locks.") || name.startsWith("java.sql.")
				|| name.startsWith("javax.sql.") || name.startsWith("java.net.Socket")
				|| Closeable.class.isAssignableFrom(raw)) {
			return "a thread, a connection or another live resource lives in one JVM only";
		}
		if (isFunctional(raw)) {
			return "a function is code, not data";
		}
		if (REQUEST_AND_SECURITY_PACKAGES.stream().anyMatch(name::startsWith)) {
			return "request and security state belong to the caller's thread; pass the values the body needs";
		}
		if (name.startsWith("org.springframework.context.") || name.startsWith("org.springframework.beans.factory.")
				|| !name.startsWith("java.") && beanFactory.getBeanNamesForType(raw, true, false).length > 0) {
			return "a Spring bean is a live object of this JVM; inject it into the bean that declares the method";
		}
		if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class) {
			for (ResolvableType generic : type.getGenerics()) {
				String problem = problem(generic, beanFactory, depth + 1);
				if (problem != null) {
					return problem;
				}
			}
			return (type.getGenerics().length == 0) ? "a raw collection does not say what its elements are" : null;
		}
		if ((raw.isInterface() || java.lang.reflect.Modifier.isAbstract(raw.getModifiers())) && !namesSubtypes(raw)) {
			return "an abstract type does not say what to read back; declare a concrete type, or name its subtypes "
					+ "with @JsonTypeInfo(use = NAME) and @JsonSubTypes";
		}
		if (takesClassNames(raw)) {
			return "@JsonTypeInfo with class names would let the data choose a class; use names (use = NAME)";
		}
		return null;
	}

	private static boolean isValue(Class<?> type) {
		return type == String.class || Number.class.isAssignableFrom(type) && type != Number.class
				|| type == Boolean.class || type == Character.class;
	}

	private static boolean isFunctional(Class<?> type) {
		return type.getName().startsWith("java.util.function.") || type == Runnable.class
				|| type == java.util.concurrent.Callable.class
				|| type.isInterface() && type.isAnnotationPresent(FunctionalInterface.class);
	}

	private static boolean namesSubtypes(Class<?> type) {
		MergedAnnotation<?> typeInfo = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY)
			.get("com.fasterxml.jackson.annotation.JsonTypeInfo");
		return typeInfo.isPresent() && !takesClassNames(type);
	}

	private static boolean takesClassNames(Class<?> type) {
		MergedAnnotation<?> typeInfo = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY)
			.get("com.fasterxml.jackson.annotation.JsonTypeInfo");
		if (!typeInfo.isPresent()) {
			return false;
		}
		String use = String.valueOf(typeInfo.getValue("use").orElse(""));
		return use.equals("CLASS") || use.equals("MINIMAL_CLASS") || use.equals("CUSTOM");
	}

}

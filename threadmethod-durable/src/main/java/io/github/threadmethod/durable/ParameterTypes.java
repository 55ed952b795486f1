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
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import io.github.threadmethod.durable.PropertyLosses.Loss;
import io.github.threadmethod.durable.StoredTypes.Bean;
import io.github.threadmethod.durable.StoredTypes.Elements;
import io.github.threadmethod.durable.StoredTypes.Entries;
import io.github.threadmethod.durable.StoredTypes.Own;
import io.github.threadmethod.durable.StoredTypes.Property;
import io.github.threadmethod.durable.StoredTypes.Reference;
import io.github.threadmethod.durable.StoredTypes.Shape;
import io.github.threadmethod.durable.StoredTypes.Subtypes;
import io.github.threadmethod.durable.StoredTypes.Unfit;
import io.github.threadmethod.support.MethodDescriptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * The start-up check of the parameter types of durable tasks: a call is stored as JSON
 * and read back on another instance, maybe after a restart, so what the body receives
 * must equal what the caller passed. The check walks each parameter's whole type (the
 * properties of its classes, the elements of its collections and arrays, the keys and
 * values of its maps, what its optionals hold, the subtypes its abstract types name), at
 * any depth, each type once, and refuses what cannot be written and read back to an equal
 * value, naming the method, the parameter and the path inside it.
 *
 * <p>
 * A path starts with the parameter's name; {@code .name} is a property, {@code []} the
 * elements of a collection or an array, {@code {key}} and {@code {value}} the keys and
 * values of a map, {@code (Name)} a subtype: {@code order.lines[].price},
 * {@code order.totals{key}}. An optional adds nothing to the path.
 *
 * <p>
 * What the mapper makes of a type is asked of the mapper ({@link StoredTypes}); what no
 * mapper can know is decided here: what is live rather than data (a stream, a thread, a
 * function, a bean), what a mapper reads back as another value ({@code Number}, a
 * {@code Calendar}), and which properties of a class are lost on the way
 * ({@link PropertyLosses}). A loss is refused, unless the application accepts it for the
 * class with {@value #ALLOW_LOSSY_TYPES}: then it is warned about once. So is a type or a
 * property written or read by a serializer or deserializer of the application's own
 * ({@link StoredTypes.Reasons#isApplications(Object)}), which the check cannot see into.
 *
 * @author threadmethod contributors
 */
final class ParameterTypes {

	/**
	 * The property listing the classes whose lost properties the application accepts.
	 */
	static final String ALLOW_LOSSY_TYPES = "threadmethod.durable.allow-lossy-types";

	private static final Set<String> REQUEST_AND_SECURITY_PACKAGES = Set.of("jakarta.servlet.", "javax.servlet.",
			"org.springframework.security.", "org.springframework.web.context.request.",
			"org.springframework.web.multipart.", "org.springframework.http.server.", "org.springframework.ui.");

	private static final Set<String> ENTITY_ANNOTATIONS = Set.of("jakarta.persistence.Entity",
			"javax.persistence.Entity");

	private static final String TYPE_INFO = "com.fasterxml.jackson.annotation.JsonTypeInfo";

	/**
	 * How deep a type is walked: deeper than any data, so that a type whose type
	 * arguments grow at each level ends.
	 */
	private static final int MAX_DEPTH = 64;

	private final StoredTypes<?> types;

	private final ListableBeanFactory beanFactory;

	private final Set<String> lossyTypesAllowed;

	private final Set<Class<?>> lossesWarned = ConcurrentHashMap.newKeySet();

	/**
	 * Create the check.
	 * @param types the types as the stored calls' mapper writes and reads them
	 * @param beanFactory the bean factory, whose beans are never data
	 * @param lossyTypesAllowed the names of the classes whose lost properties the
	 * application accepts
	 */
	ParameterTypes(StoredTypes<?> types, ListableBeanFactory beanFactory, Collection<String> lossyTypesAllowed) {
		this.types = types;
		this.beanFactory = beanFactory;
		this.lossyTypesAllowed = Set.copyOf(lossyTypesAllowed);
	}

	/**
	 * Check the parameters of the given method.
	 * @return what is wrong with them, one sentence each in the format of
	 * {@link io.github.threadmethod.InvalidFireAndForgetMethodException}, and what to
	 * warn about
	 */
	Findings check(Method method) {
		Findings findings = new Findings(new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < method.getParameterCount(); i++) {
			walkParameter(this.types, method, i, findings);
		}
		return findings;
	}

	private <T> void walkParameter(StoredTypes<T> types, Method method, int index, Findings findings) {
		Parameter parameter = method.getParameters()[index];
		String described = MethodDescriptions.qualified(method) + " parameter '" + parameter.getName() + "' ("
				+ parameter.getParameterizedType().getTypeName() + ")";
		new Walk<>(types, described, findings).walk(types.of(method.getGenericParameterTypes()[index]),
				parameter.getName(), 0);
	}

	/**
	 * Return why values of the given class are not data at all, whatever a mapper makes
	 * of them, or {@code null}.
	 */
	private @Nullable String notData(Class<?> type, int depth) {
		if (type == Object.class) {
			return (depth == 0) ? "Object (or an unbound type variable) does not say what to read back"
					: "Object (or a wildcard, a type variable, a raw type's missing argument) does not say what to "
							+ "read back";
		}
		if (type.isPrimitive() || type.isEnum() || type.isArray()) {
			return null;
		}
		String name = type.getName();
		if (type == Number.class) {
			return "Number does not say which number to read back; declare the concrete type";
		}
		if (java.util.Calendar.class.isAssignableFrom(type)) {
			return "a Calendar is read back in the mapper's time zone, not its own; pass a ZonedDateTime";
		}
		if (type == Class.class || ClassLoader.class.isAssignableFrom(type) || name.startsWith("java.lang.reflect.")
				|| name.startsWith("java.lang.invoke.")) {
			return "reading it back would load code that the data names";
		}
		if (BaseStream.class.isAssignableFrom(type) || java.io.InputStream.class.isAssignableFrom(type)
				|| java.io.OutputStream.class.isAssignableFrom(type) || java.io.Reader.class.isAssignableFrom(type)
				|| java.io.Writer.class.isAssignableFrom(type) || java.util.Iterator.class.isAssignableFrom(type)
				|| java.nio.channels.Channel.class.isAssignableFrom(type)) {
			return "a stream is consumed once, where it was opened; pass what it holds";
		}
		if (Thread.class.isAssignableFrom(type) || Executor.class.isAssignableFrom(type)
				|| Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| name.startsWith("java.util.concurrent.locks.") || name.startsWith("java.sql.")
				|| name.startsWith("javax.sql.") || name.startsWith("java.net.Socket")
				|| Closeable.class.isAssignableFrom(type)) {
			return "a thread, a connection or another live resource lives in one JVM only";
		}
		if (isFunctional(type)) {
			return "a function is code, not data";
		}
		if (REQUEST_AND_SECURITY_PACKAGES.stream().anyMatch(name::startsWith)) {
			return "request and security state belong to the caller's thread; pass the values the body needs";
		}
		if (name.startsWith("org.springframework.context.") || name.startsWith("org.springframework.beans.factory.")
				|| !name.startsWith("java.") && this.beanFactory.getBeanNamesForType(type, true, false).length > 0) {
			return "a Spring bean is a live object of this JVM; inject it into the bean that declares the method";
		}
		if (takesClassNames(type)) {
			return StoredTypes.Reasons.CLASS_NAMES;
		}
		return null;
	}

	private static boolean isFunctional(Class<?> type) {
		return type.getName().startsWith("java.util.function.") || type == Runnable.class
				|| type == java.util.concurrent.Callable.class
				|| type.isInterface() && type.isAnnotationPresent(FunctionalInterface.class);
	}

	/**
	 * Return whether the type's {@code @JsonTypeInfo} would let the data name a class,
	 * which the format refuses to read: said here, before the mapper is asked to build
	 * what would fail on it.
	 */
	private static boolean takesClassNames(Class<?> type) {
		MergedAnnotation<?> typeInfo = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).get(TYPE_INFO);
		if (!typeInfo.isPresent()) {
			return false;
		}
		String use = String.valueOf(typeInfo.getValue("use").orElse(""));
		return use.equals("CLASS") || use.equals("MINIMAL_CLASS") || use.equals("CUSTOM");
	}

	private static boolean isEntity(Class<?> type) {
		MergedAnnotations annotations = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY);
		return ENTITY_ANNOTATIONS.stream().anyMatch(annotations::isPresent);
	}

	private boolean lossAllowed(Class<?> type) {
		return this.lossyTypesAllowed.contains(type.getName())
				|| type.getCanonicalName() != null && this.lossyTypesAllowed.contains(type.getCanonicalName());
	}

	/**
	 * What the check found about a method's parameters.
	 *
	 * @param problems what makes a parameter unfit, one sentence each
	 * @param warnings what a parameter loses or risks, which the application accepted or
	 * should know
	 */
	record Findings(List<String> problems, List<String> warnings) {

	}

	/**
	 * One parameter's walk through its type.
	 *
	 * @param <T> the mapper's own model of a type
	 */
	private final class Walk<T> {

		private final StoredTypes<T> types;

		private final String parameter;

		private final Findings findings;

		private final Set<T> seen = new HashSet<>();

		Walk(StoredTypes<T> types, String parameter, Findings findings) {
			this.types = types;
			this.parameter = parameter;
			this.findings = findings;
		}

		void walk(T type, String path, int depth) {
			Class<?> raw = this.types.rawClass(type);
			String notData = notData(raw, depth);
			if (notData != null) {
				problem(path, this.types.name(type), depth, notData);
				return;
			}
			// Each type is walked once: a recursive type ends
			if (raw.isPrimitive() || depth > MAX_DEPTH || !this.seen.add(type)) {
				return;
			}
			Shape<T> shape = this.types.shape(type);
			int found = this.findings.problems().size();
			if (shape instanceof Elements<T> elements) {
				walk(elements.element(), path + "[]", depth + 1);
				unexplained(elements.failure(), found, path, type, depth);
			}
			else if (shape instanceof Entries<T> entries) {
				key(entries.key(), path + "{key}", depth + 1);
				walk(entries.value(), path + "{value}", depth + 1);
				unexplained(entries.failure(), found, path, type, depth);
			}
			else if (shape instanceof Reference<T> reference) {
				walk(reference.content(), path, depth + 1);
			}
			else if (shape instanceof Subtypes<T> subtypes) {
				subtypes(subtypes.subtypes(), path, depth);
			}
			else if (shape instanceof Bean<T> bean) {
				bean(raw, bean, path, depth);
				subtypes(bean.subtypes(), path, depth);
			}
			else if (shape instanceof Own<T> own) {
				own(raw, own.codec(), path, type, depth);
			}
			else if (shape instanceof Unfit<T> unfit) {
				unfit.parts().forEach((part) -> walk(part.type(), path + "." + part.name(), depth + 1));
				unexplained(unfit.reason(), found, path, type, depth);
			}
		}

		/**
		 * Report the mapper's failure with a type, unless what the walk found inside it
		 * since then says better where.
		 */
		private void unexplained(@Nullable String failure, int found, String path, T type, int depth) {
			if (failure != null && this.findings.problems().size() == found) {
				problem(path, this.types.name(type), depth, failure);
			}
		}

		private void subtypes(List<T> subtypes, String path, int depth) {
			for (T subtype : subtypes) {
				walk(subtype, path + "(" + this.types.rawClass(subtype).getSimpleName() + ")", depth + 1);
			}
		}

		private void key(T type, String path, int depth) {
			String problem = notData(this.types.rawClass(type), depth);
			if (problem == null) {
				problem = this.types.keyProblem(type);
			}
			if (problem != null) {
				problem(path, this.types.name(type), depth, problem);
			}
		}

		/**
		 * Refuse a type whose serializer or deserializer is the application's own, or
		 * warn once about it where the application accepts it.
		 */
		private void own(Class<?> type, Class<?> codec, String path, T model, int depth) {
			String own = "its serializer or deserializer is the application's own (" + codec.getName() + ")";
			if (lossAllowed(type)) {
				if (ParameterTypes.this.lossesWarned.add(type)) {
					this.findings.warnings()
						.add("Durable calls trust " + type.getName() + " to arrive as passed: " + own + ", as "
								+ ALLOW_LOSSY_TYPES + " allows; start-up cannot check that what it writes is all "
								+ "it needs to read back an equal value");
				}
				return;
			}
			problem(path, this.types.name(model), depth,
					own + ": start-up cannot tell that what it writes is all it needs to read back an equal value; "
							+ "make it a record or a bean the mapper writes and reads, or accept it with "
							+ ALLOW_LOSSY_TYPES + "=" + type.getName());
		}

		private void bean(Class<?> type, Bean<T> bean, String path, int depth) {
			List<Loss> losses = PropertyLosses.of(type, bean);
			if (!losses.isEmpty() && lossAllowed(type)) {
				if (ParameterTypes.this.lossesWarned.add(type)) {
					List<Loss> lost = losses.stream().filter((loss) -> !loss.unchecked()).toList();
					List<Loss> unchecked = losses.stream().filter(Loss::unchecked).toList();
					if (!lost.isEmpty()) {
						this.findings.warnings()
							.add("Durable calls lose " + type.getName() + "'s "
									+ String.join(", and ", lost.stream().map(Loss::describe).toList()) + ", as "
									+ ALLOW_LOSSY_TYPES + " allows: the body gets their default values instead");
					}
					if (!unchecked.isEmpty()) {
						this.findings.warnings()
							.add("Durable calls trust " + type.getName() + "'s "
									+ String.join(", and ", unchecked.stream().map(Loss::describe).toList())
									+ " to arrive as passed, as " + ALLOW_LOSSY_TYPES + " allows: start-up cannot "
									+ "check that what it writes is all it needs to read back an equal value");
					}
				}
			}
			else {
				for (Loss loss : losses) {
					problem(path + "." + loss.property(), null, depth + 1,
							loss.sentence(type) + ": " + loss.consequence() + "; make the mapper write and read it"
									+ (loss.unchecked() ? " with its own" : "") + ", or accept "
									+ (loss.unchecked() ? "it" : "the loss") + " with " + ALLOW_LOSSY_TYPES + "="
									+ type.getName());
				}
			}
			if (isEntity(type)) {
				this.findings.warnings()
					.add(this.parameter + ((depth > 0) ? " holds a JPA entity at " + path : " is a JPA entity")
							+ ": a durable call stores it as JSON and reads it back detached, maybe after it changed, "
							+ "with only what the mapper writes and reads (not an association it has not loaded"
							+ (losses.isEmpty() ? ""
									: ", not " + String.join(", ", losses.stream().map(Loss::property).toList()))
							+ "); pass its id and load it in the body");
			}
			for (Property<T> read : bean.read()) {
				for (Property<T> written : bean.written()) {
					if (written.name().equals(read.name()) && read.own() == null && written.own() == null) {
						walk(read.type(), path + "." + read.name(), depth + 1);
					}
				}
			}
		}

		private void problem(String path, @Nullable String typeName, int depth, String reason) {
			String where = (depth == 0) ? "" : "at " + path + ((typeName != null) ? " (" + typeName + ")" : "") + ", ";
			this.findings.problems().add(this.parameter + " cannot be stored by the durable mode: " + where + reason);
		}

	}

}

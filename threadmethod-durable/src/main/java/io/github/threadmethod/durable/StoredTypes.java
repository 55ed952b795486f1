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

import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * Types as the mapper of the stored calls writes and reads them: what the start-up check,
 * {@link ParameterTypes}, asks of each type it walks. The answers come from the mapper
 * itself, from the serializers and deserializers it makes and the properties it finds, so
 * that the check accepts what the mapper writes and reads back, with the application's
 * modules, annotations and mix-ins. One implementation per Jackson.
 *
 * @param <T> the mapper's own model of a type
 * @author threadmethod contributors
 */
interface StoredTypes<T> {

	/**
	 * Return the mapper's model of the given declared type.
	 */
	T of(Type type);

	/**
	 * Return the class of the given type.
	 */
	Class<?> rawClass(T type);

	/**
	 * Return the name of the given type in a message, with its type arguments.
	 */
	String name(T type);

	/**
	 * Return what the mapper makes of the given type; a type the mapper cannot write or
	 * read is {@link Unfit}, never an exception.
	 */
	Shape<T> shape(T type);

	/**
	 * Return why values of the given type are not map keys that are read back equal to
	 * those written, or {@code null} if they are.
	 */
	@Nullable String keyProblem(T type);

	/**
	 * What the mapper makes of a type.
	 *
	 * @param <T> the mapper's own model of a type
	 */
	sealed interface Shape<T> permits Value, Own, Elements, Entries, Reference, Bean, Subtypes, Unfit {

	}

	/**
	 * Written and read by a serializer and a deserializer of Jackson's own or of a module
	 * of Jackson's: a value the mapper knows (text, a number, a date, an enum, a JSON
	 * tree).
	 *
	 * @param <T> the mapper's own model of a type
	 */
	record Value<T>() implements Shape<T> {

	}

	/**
	 * Written or read by a serializer or a deserializer of the application's own
	 * ({@link Reasons#isApplications(Object)}): start-up cannot see what it writes nor
	 * what it needs to read back.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param codec the class of that serializer or deserializer
	 */
	record Own<T>(Class<?> codec) implements Shape<T> {

	}

	/**
	 * A collection or an array.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param element the type of its elements
	 * @param failure why the mapper cannot read the container back, or {@code null}: its
	 * elements may say better where
	 */
	record Elements<T>(T element, @Nullable String failure) implements Shape<T> {

	}

	/**
	 * A map.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param key the type of its keys
	 * @param value the type of its values
	 * @param failure why the mapper cannot read the map back, or {@code null}: its keys
	 * or values may say better where
	 */
	record Entries<T>(T key, T value, @Nullable String failure) implements Shape<T> {

	}

	/**
	 * An {@code Optional} or another reference to one value.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param content the type of what it refers to
	 */
	record Reference<T>(T content) implements Shape<T> {

	}

	/**
	 * A class written and read as an object of properties.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param written the properties its serializer writes
	 * @param read the properties its deserializer reads (with those of its constructor or
	 * factory)
	 * @param ignored the names of the properties the mapper knows but drops: ignored
	 * ({@code @JsonIgnore}, {@code @JsonIgnoreProperties}), or of an ignored type
	 * @param subtypes the concrete subtypes that the data may name instead
	 * ({@code @JsonTypeInfo(use = NAME)} and {@code @JsonSubTypes} on a concrete class)
	 */
	record Bean<T>(List<Property<T>> written, List<Property<T>> read, Set<String> ignored,
			List<T> subtypes) implements Shape<T> {

	}

	/**
	 * An abstract type whose subtypes the code names ({@code @JsonTypeInfo(use = NAME)}
	 * and {@code @JsonSubTypes}): the data chooses one by its name.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param subtypes the concrete types the data may name
	 */
	record Subtypes<T>(List<T> subtypes) implements Shape<T> {

	}

	/**
	 * A type whose values cannot be written, or not read back.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param reason why, as the rest of a sentence
	 * @param parts the properties the mapper finds in the type, when what it could not
	 * make may be one of theirs: a part that is unfit itself says better where
	 */
	record Unfit<T>(String reason, List<Property<T>> parts) implements Shape<T> {

		Unfit(String reason) {
			this(reason, List.of());
		}

	}

	/**
	 * Why a type is {@link Unfit}, or a key a problem, in the words of every Jackson.
	 */
	final class Reasons {

		static final String ABSTRACT = "an abstract type does not say what to read back; declare a concrete type, or "
				+ "name its subtypes with @JsonTypeInfo(use = NAME) and @JsonSubTypes";

		static final String CLASS_NAMES = "@JsonTypeInfo with class names would let the data choose a class; use "
				+ "names (use = NAME)";

		static final String UNTYPED = "the mapper reads it back as whatever the data holds (a map, a list, text, a "
				+ "number); declare a concrete type";

		static final String UNSUPPORTED = "the mapper has no serializer or deserializer for it; register the Jackson "
				+ "module for it";

		static final String NO_PROPERTIES = "the mapper finds no property of it to write";

		static final String NO_CREATOR = "the mapper cannot create it: give it a constructor or a factory method it "
				+ "can use (a record's, a @JsonCreator, or one without arguments)";

		static final String KEY_TO_STRING = "a map key of this type is written with its toString(), which the mapper "
				+ "does not read back to an equal key; use text, a number, an enum, a UUID or a date as key, or give "
				+ "the type a @JsonValue and a @JsonCreator from that value";

		private Reasons() {
		}

		static String mapperRefuses(@Nullable String message) {
			return "the mapper refuses it (" + message + ")";
		}

		static String mapperRefusesKey(@Nullable String message) {
			return "the mapper cannot read it back as a map key (" + message + ")";
		}

		/**
		 * Return whether type ids of the given kind are class names, which the data would
		 * choose.
		 */
		static boolean namesClasses(JsonTypeInfo.Id mechanism) {
			return mechanism == JsonTypeInfo.Id.CLASS || mechanism == JsonTypeInfo.Id.MINIMAL_CLASS
					|| mechanism == JsonTypeInfo.Id.CUSTOM;
		}

		/**
		 * Return whether the given serializer or deserializer (or its class) is the
		 * application's own, or a library's, rather than one of Jackson's: of its
		 * databind, or of a module of Jackson's own ({@code java.time}, {@code Jdk8},
		 * parameter names, and every other module of the {@code com.fasterxml.jackson}
		 * and {@code tools.jackson} packages), or one of the stored calls' format's. The
		 * package is what tells them apart: Jackson's own are tested to read back what
		 * they write, the others are code start-up cannot see into, registered by a
		 * module or named by {@code @JsonSerialize} and {@code @JsonDeserialize}.
		 */
		static boolean isApplications(@Nullable Object codec) {
			if (codec == null) {
				return false;
			}
			Class<?> type = (codec instanceof Class<?> named) ? named : codec.getClass();
			Class<?> enclosing = type.getEnclosingClass();
			return !type.getName().startsWith("tools.jackson.") && !type.getName().startsWith("com.fasterxml.jackson.")
					&& (enclosing == null || !StoredCallFormat.class.isAssignableFrom(enclosing));
		}

		/**
		 * Return whether the given class is the application's, or a library's, rather
		 * than the JDK's, whose text as a key is its canonical form, or an enum.
		 */
		static boolean isOwnClass(Class<?> type) {
			return !type.isEnum() && !type.getName().startsWith("java.");
		}

	}

	/**
	 * A property of a {@link Bean}.
	 *
	 * @param <T> the mapper's own model of a type
	 * @param name its name in the JSON
	 * @param internalName its name in the class: of its field or of its accessors
	 * @param type its type
	 * @param own the serializer or deserializer of the application's own that the
	 * property names ({@code @JsonSerialize}, {@code @JsonDeserialize}), or {@code null}
	 */
	record Property<T>(String name, String internalName, T type, @Nullable Class<?> own) {

	}

}

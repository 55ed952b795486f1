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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.threadmethod.durable.StoredTypes.Bean;
import io.github.threadmethod.durable.StoredTypes.Property;

/**
 * The properties of a class that a stored call does not carry from the caller to the
 * body, as its mapper writes and reads it ({@link Bean}): one the mapper reads but never
 * writes (write-only), one it writes but never reads back while a field holds it
 * (read-only), and a field it neither writes nor reads (ignored, or without an accessor
 * it sees). A property written but not read without a field behind it is derived (a
 * record's {@code isEmpty()}), not lost. A property with a serializer or deserializer of
 * the application's own may be carried or not: start-up cannot tell.
 *
 * @author threadmethod contributors
 */
final class PropertyLosses {

	private PropertyLosses() {
	}

	/**
	 * Return the properties of the given class that its mapper does not carry.
	 */
	static List<Loss> of(Class<?> type, Bean<?> bean) {
		Set<String> written = new HashSet<>();
		Set<String> read = new HashSet<>();
		Set<String> carried = new HashSet<>();
		bean.written().forEach((property) -> {
			written.add(property.name());
			carried.add(property.internalName());
		});
		bean.read().forEach((property) -> {
			read.add(property.name());
			carried.add(property.internalName());
		});
		Set<String> fields = stateFields(type);
		List<Loss> losses = new ArrayList<>();
		Set<String> own = new LinkedHashSet<>();
		for (Property<?> property : bean.written()) {
			if (property.own() != null && own.add(property.name())) {
				losses.add(Loss.unchecked(property.name(), property.own()));
			}
		}
		for (Property<?> property : bean.read()) {
			if (property.own() != null && own.add(property.name())) {
				losses.add(Loss.unchecked(property.name(), property.own()));
			}
		}
		for (Property<?> property : bean.read()) {
			if (!written.contains(property.name())) {
				losses.add(new Loss(property.name(), "is read back but never written (write-only: "
						+ "@JsonProperty(access = WRITE_ONLY), or a getter the mapper ignores)"));
			}
		}
		for (Property<?> property : bean.written()) {
			if (!read.contains(property.name()) && fields.contains(property.internalName())) {
				losses.add(new Loss(property.name(), "is written but never read back (read-only: "
						+ "@JsonProperty(access = READ_ONLY), or no setter, field or creator parameter the mapper uses)"));
			}
		}
		for (String field : fields) {
			if (!carried.contains(field)) {
				losses.add(new Loss(field, bean.ignored().contains(field)
						? "is ignored by the mapper (@JsonIgnore, @JsonIgnoreProperties, or a type with "
								+ "@JsonIgnoreType), so it is neither written nor read"
						: "is neither written nor read: the mapper sees no getter, setter or creator parameter for "
								+ "it (make the field transient if it is not state)"));
			}
		}
		return losses;
	}

	/**
	 * Return the names of the fields that hold an instance's state: not static, not
	 * transient, declared by the class or a superclass outside the JDK.
	 */
	private static Set<String> stateFields(Class<?> type) {
		Set<String> fields = new LinkedHashSet<>();
		for (Class<?> declaring = type; declaring != null
				&& !declaring.getName().startsWith("java."); declaring = declaring.getSuperclass()) {
			for (Field field : declaring.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
						&& field.getName().indexOf('$') < 0) {
					fields.add(field.getName());
				}
			}
		}
		return fields;
	}

	/**
	 * A property of a class that a stored call does not carry, or may not.
	 *
	 * @param property its name
	 * @param reason why, as the rest of a sentence about it
	 * @param unchecked whether the property may be carried, by a serializer or a
	 * deserializer of the application's own that start-up cannot see into, rather than
	 * lost
	 */
	record Loss(String property, String reason, boolean unchecked) {

		Loss(String property, String reason) {
			this(property, reason, false);
		}

		static Loss unchecked(String property, Class<?> codec) {
			return new Loss(property, "is written or read by a serializer or deserializer of the application's own ("
					+ codec.getName() + ")", true);
		}

		/**
		 * Return what the body gets, as the rest of a sentence.
		 */
		String consequence() {
			return this.unchecked
					? "start-up cannot tell that what it writes is all it needs to read back an equal value"
					: "the body would get its default instead";
		}

		/**
		 * Return the loss as a sentence naming the class and the property.
		 */
		String sentence(Class<?> type) {
			return type.getName() + "'s property '" + this.property + "' " + this.reason;
		}

		/**
		 * Return the property and the reason, as a list of losses names them.
		 */
		String describe() {
			return this.property + " (it " + this.reason + ")";
		}

	}

}

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

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.impl.UnknownSerializer;
import tools.jackson.databind.ser.impl.UnsupportedTypeSerializer;
import tools.jackson.databind.ser.jdk.JDKKeySerializers;
import tools.jackson.databind.util.BeanUtil;

/**
 * {@link StoredTypes} with Jackson 3: asks the mapper of {@link Jackson3CallFormat} for
 * the serializers and deserializers it makes, and the properties it finds.
 *
 * @author threadmethod contributors
 */
final class Jackson3Types implements StoredTypes<JavaType> {

	private final JsonMapper mapper;

	Jackson3Types(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public JavaType of(Type type) {
		return this.mapper.constructType(type);
	}

	@Override
	public Class<?> rawClass(JavaType type) {
		return type.getRawClass();
	}

	@Override
	public String name(JavaType type) {
		return type.toCanonical();
	}

	@Override
	public Shape<JavaType> shape(JavaType type) {
		if (type.isTypeOrSubTypeOf(JsonNode.class)) {
			return new Value<>();
		}
		if (type.isArrayType()) {
			return new Elements<>(type.getContentType(), null);
		}
		if (type.isReferenceType()) {
			return new Reference<>(type.getReferencedType());
		}
		DeserializationContext deserialization = this.mapper._deserializationContext();
		if (type.isCollectionLikeType() || type.isMapLikeType()) {
			String failure = null;
			try {
				deserialization.findRootValueDeserializer(type);
			}
			catch (RuntimeException ex) {
				failure = Reasons.mapperRefuses(message(ex));
			}
			return type.isMapLikeType() ? new Entries<>(type.getKeyType(), type.getContentType(), failure)
					: new Elements<>(type.getContentType(), failure);
		}
		try {
			return objectShape(type, this.mapper._serializationContext(), deserialization);
		}
		catch (RuntimeException ex) {
			return new Unfit<>(Reasons.mapperRefuses(message(ex)), parts(type, deserialization));
		}
	}

	private Shape<JavaType> objectShape(JavaType type, SerializationContext serialization,
			DeserializationContext deserialization) {
		List<JavaType> subtypes = List.of();
		TypeDeserializer typeDeserializer = deserialization.findTypeDeserializer(type);
		if (typeDeserializer != null) {
			if (Reasons.namesClasses(typeDeserializer.getTypeIdResolver().getMechanism())) {
				return new Unfit<>(Reasons.CLASS_NAMES);
			}
			subtypes = subtypes(type, deserialization);
			if (type.isAbstract()) {
				return new Subtypes<>(subtypes);
			}
		}
		// Its own deserializer, not wrapped in the one that reads type ids
		ValueDeserializer<Object> deserializer = deserialization.findContextualValueDeserializer(type, null);
		ValueSerializer<Object> serializer = serialization.findValueSerializer(type);
		if (serializer instanceof UnsupportedTypeSerializer || deserializer instanceof UnsupportedTypeDeserializer) {
			String unsupported = BeanUtil.checkUnsupportedType(deserialization.getConfig(), type);
			return new Unfit<>((unsupported != null) ? unsupported : Reasons.UNSUPPORTED);
		}
		if (deserializer instanceof AbstractDeserializer) {
			return new Unfit<>(Reasons.ABSTRACT);
		}
		if (deserializer.handledType() == Object.class && type.getRawClass() != Object.class) {
			return new Unfit<>(Reasons.UNTYPED);
		}
		if (Reasons.isApplications(serializer)) {
			return new Own<>(serializer.getClass());
		}
		if (Reasons.isApplications(deserializer)) {
			return new Own<>(deserializer.getClass());
		}
		if (serializer instanceof UnknownSerializer
				&& serialization.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)) {
			return new Unfit<>(Reasons.NO_PROPERTIES);
		}
		if (deserializer instanceof BeanDeserializerBase bean) {
			if (!bean.getValueInstantiator().canInstantiate()) {
				return new Unfit<>(Reasons.NO_CREATOR);
			}
			if (serializer instanceof BeanSerializerBase || serializer instanceof UnknownSerializer) {
				return bean(type, serializer, bean, subtypes, serialization, deserialization);
			}
		}
		return new Value<>();
	}

	/**
	 * Return the concrete types the data may name for the given one, but itself.
	 */
	private List<JavaType> subtypes(JavaType type, DeserializationContext deserialization) {
		DeserializationConfig config = deserialization.getConfig();
		List<JavaType> subtypes = new ArrayList<>();
		for (NamedType named : config.getSubtypeResolver()
			.collectAndResolveSubtypesByTypeId(config,
					deserialization.introspectBeanDescription(type).getClassInfo())) {
			Class<?> subtype = named.getType();
			if (subtype != type.getRawClass() && !Modifier.isAbstract(subtype.getModifiers())
					&& type.getRawClass().isAssignableFrom(subtype)) {
				subtypes.add(this.mapper.getTypeFactory().constructSpecializedType(type, subtype));
			}
		}
		return subtypes;
	}

	/**
	 * Return the properties the mapper finds in a class of the application whose
	 * serializer or deserializer it could not make, or none.
	 */
	private static List<Property<JavaType>> parts(JavaType type, DeserializationContext deserialization) {
		if (!Reasons.isOwnClass(type.getRawClass())) {
			return List.of();
		}
		try {
			List<Property<JavaType>> parts = new ArrayList<>();
			for (BeanPropertyDefinition definition : deserialization.introspectBeanDescription(type).findProperties()) {
				parts.add(new Property<>(definition.getName(), definition.getInternalName(),
						definition.getPrimaryType(), null));
			}
			return parts;
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private Shape<JavaType> bean(JavaType type, ValueSerializer<Object> serializer, BeanDeserializerBase deserializer,
			List<JavaType> subtypes, SerializationContext serialization, DeserializationContext deserialization) {
		BeanDescription written = serialization.introspectBeanDescription(type);
		BeanDescription read = deserialization.introspectBeanDescription(type);
		List<Property<JavaType>> writtenProperties = new ArrayList<>();
		if (serializer instanceof BeanSerializerBase bean) {
			bean.properties()
				.forEachRemaining((property) -> writtenProperties
					.add(new Property<>(property.getName(), internalName(written, property.getName()),
							property.getType(), ownWriter(serialization.getConfig(), property.getMember()))));
		}
		List<Property<JavaType>> readProperties = new ArrayList<>();
		deserializer.properties()
			.forEachRemaining((property) -> readProperties
				.add(new Property<>(property.getName(), internalName(read, property.getName()), property.getType(),
						ownReader(deserialization.getConfig(), property.getMember()))));
		Set<String> ignored = new LinkedHashSet<>(read.getIgnoredPropertyNames());
		ignored.addAll(deserialization.getConfig()
			.getDefaultPropertyIgnorals(type.getRawClass(), read.getClassInfo())
			.getIgnored());
		dropped(written, writtenProperties, ignored);
		dropped(read, readProperties, ignored);
		return new Bean<>(writtenProperties, readProperties, ignored, subtypes);
	}

	private static String internalName(BeanDescription description, String name) {
		for (BeanPropertyDefinition definition : description.findProperties()) {
			if (definition.getName().equals(name)) {
				return definition.getInternalName();
			}
		}
		return name;
	}

	/**
	 * Add the names of the properties the introspection found but the serializer or
	 * deserializer dropped: ignored by name, or of an ignored type.
	 */
	private static void dropped(BeanDescription description, List<Property<JavaType>> kept, Set<String> ignored) {
		for (BeanPropertyDefinition definition : description.findProperties()) {
			if (kept.stream().noneMatch((property) -> property.name().equals(definition.getName()))) {
				ignored.add(definition.getName());
				ignored.add(definition.getInternalName());
			}
		}
	}

	/**
	 * Return the serializer of the application's own that the property names, or
	 * {@code null}.
	 */
	private static @Nullable Class<?> ownWriter(MapperConfig<?> config, @Nullable Annotated member) {
		AnnotationIntrospector introspector = config.getAnnotationIntrospector();
		if (member == null || introspector == null) {
			return null;
		}
		return own(introspector.findSerializer(config, member), introspector.findContentSerializer(config, member),
				introspector.findKeySerializer(config, member));
	}

	/**
	 * Return the deserializer of the application's own that the property names, or
	 * {@code null}.
	 */
	private static @Nullable Class<?> ownReader(MapperConfig<?> config, @Nullable Annotated member) {
		AnnotationIntrospector introspector = config.getAnnotationIntrospector();
		if (member == null || introspector == null) {
			return null;
		}
		return own(introspector.findDeserializer(config, member), introspector.findContentDeserializer(config, member),
				introspector.findKeyDeserializer(config, member));
	}

	private static @Nullable Class<?> own(@Nullable Object... codecs) {
		for (Object codec : codecs) {
			if (Reasons.isApplications(codec)) {
				return (codec instanceof Class<?> type) ? type : codec.getClass();
			}
		}
		return null;
	}

	@Override
	public @Nullable String keyProblem(JavaType type) {
		if (type.getRawClass() == Locale.class) {
			return "Jackson 3 writes a Locale key as its toString(), which it does not read back for a locale with "
					+ "a script (zh_CN_#Hans); use its language tag, a String, as key";
		}
		try {
			this.mapper._deserializationContext().findKeyDeserializer(type, null);
			ValueSerializer<Object> serializer = this.mapper._serializationContext().findKeySerializer(type, null);
			return (serializer instanceof JDKKeySerializers.Default && Reasons.isOwnClass(type.getRawClass()))
					? Reasons.KEY_TO_STRING : null;
		}
		catch (RuntimeException ex) {
			return Reasons.mapperRefusesKey(message(ex));
		}
	}

	private static @Nullable String message(RuntimeException ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.toString();
	}

}

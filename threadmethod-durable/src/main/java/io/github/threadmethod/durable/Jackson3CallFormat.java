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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The {@link StoredCallFormat} with Jackson 3 ({@code tools.jackson}), as on Spring Boot
 * 4: a copy of the application's mapper, with default typing off, every class name in the
 * data refused, and the settings that keep values exact.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class Jackson3CallFormat extends StoredCallFormat {

	private final JsonMapper mapper;

	/**
	 * Create the format with a copy of the given mapper.
	 * @param applicationMapper the application's mapper, which is not changed
	 */
	public Jackson3CallFormat(JsonMapper applicationMapper) {
		this.mapper = applicationMapper.rebuild()
			.deactivateDefaultTyping()
			.polymorphicTypeValidator(new NoClassNames())
			// What the application chose for its own JSON must not change a stored value:
			// every property written, dates with their zone and offset as passed, exact
			// numbers in their own notation
			.changeDefaultPropertyInclusion(
					(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
			.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS,
					DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE,
					DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.disable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			// Numbers as numbers: the call's version is one
			.disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
			.disable(SerializationFeature.INDENT_OUTPUT)
			.build();
	}

	@Override
	Object writeArgument(@Nullable Object argument, Type type) {
		JavaType javaType = this.mapper.constructType(type);
		// The text as written, never a tree, whose numbers would be doubles
		return new RawValue(this.mapper.writerFor(javaType).writeValueAsString(argument));
	}

	@Override
	Object rewriteArgument(Object stored) {
		// The tokens as they were read, each number in its own text, never bound
		return new RawValue(this.mapper.writeValueAsString(stored));
	}

	@Override
	byte[] writeCall(String task, String bean, String method, List<Object> arguments, Map<String, String> trace,
			@Nullable String storedAt, Map<String, String> failure) {
		ObjectNode call = this.mapper.createObjectNode();
		call.put("version", VERSION);
		call.put("task", task);
		call.put("bean", bean);
		call.put("method", method);
		ArrayNode stored = call.putArray("arguments");
		arguments.forEach((argument) -> stored.addRawValue((RawValue) argument));
		if (!trace.isEmpty()) {
			ObjectNode storedTrace = call.putObject("trace");
			trace.forEach(storedTrace::put);
		}
		if (storedAt != null) {
			call.put("stored", storedAt);
		}
		if (!failure.isEmpty()) {
			ObjectNode lastFailure = call.putObject("failure");
			failure.forEach(lastFailure::put);
		}
		return this.mapper.writeValueAsBytes(call);
	}

	@Override
	Fields readFields(byte[] json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new UnrunnableCallException("its data is not a JSON object");
			}
			Integer version = null;
			String task = null;
			String bean = null;
			String method = null;
			List<TokenBuffer> arguments = null;
			Map<String, @Nullable String> trace = null;
			String stored = null;
			Map<String, @Nullable String> failure = null;
			// Each field as its last occurrence has it, as a tree would
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "version" -> version = (value == JsonToken.VALUE_NUMBER_INT
							&& parser.getNumberType() == JsonParser.NumberType.INT) ? parser.getIntValue() : null;
					case "task" -> task = text(parser);
					case "bean" -> bean = text(parser);
					case "method" -> method = text(parser);
					case "arguments" -> arguments = (value == JsonToken.START_ARRAY) ? arguments(parser) : null;
					case "trace" -> trace = (value == JsonToken.START_OBJECT) ? entries(parser) : null;
					case "stored" -> stored = text(parser);
					case "failure" -> failure = (value == JsonToken.START_OBJECT) ? entries(parser) : null;
					default -> {
					}
				}
				// Past what was not read: a field of another kind, or one unknown
				parser.skipChildren();
			}
			return new Fields(version, task, bean, method, arguments, trace, stored, failure);
		}
		catch (JacksonException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getOriginalMessage() + ")");
		}
	}

	/**
	 * Keep each argument as the tokens it was written as, to be bound once its type is
	 * known: numbers keep their text until then.
	 */
	private static List<TokenBuffer> arguments(JsonParser parser) {
		List<TokenBuffer> arguments = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			TokenBuffer argument = TokenBuffer.forBuffering(parser, parser.objectReadContext());
			argument.copyCurrentStructure(parser);
			arguments.add(argument);
		}
		return arguments;
	}

	private static Map<String, @Nullable String> entries(JsonParser parser) {
		Map<String, @Nullable String> entries = new LinkedHashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			entries.put(name, text(parser));
			parser.skipChildren();
		}
		return entries;
	}

	private static @Nullable String text(JsonParser parser) {
		return (parser.currentToken() == JsonToken.VALUE_STRING) ? parser.getString() : null;
	}

	@Override
	@Nullable Object readArgument(Object stored, Type type) {
		try (JsonParser parser = ((TokenBuffer) stored).asParser()) {
			return this.mapper.readerFor(this.mapper.constructType(type)).readValue(parser);
		}
	}

	@Override
	StoredTypes<?> types() {
		return new Jackson3Types(this.mapper);
	}

	/**
	 * Refuses every class named by the data, for the types that would take one
	 * ({@code @JsonTypeInfo(use = CLASS)}): names declared in code
	 * ({@code @JsonSubTypes}) still work.
	 */
	@SuppressWarnings("serial")
	private static final class NoClassNames extends PolymorphicTypeValidator.Base {

		@Override
		public Validity validateBaseType(DatabindContext context, JavaType baseType) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return Validity.DENIED;
		}

	}

}

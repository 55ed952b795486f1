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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StoredCallFormat} with Jackson 2 ({@code com.fasterxml.jackson.databind}),
 * as on Spring Boot 3.5: a copy of the application's mapper, with default typing off,
 * every class name in the data refused and the settings that keep values exact, exactly
 * as {@link Jackson3CallFormat}, and in the same format.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class Jackson2CallFormat extends StoredCallFormat {

	private final ObjectMapper mapper;

	/**
	 * Create the format with a copy of the given mapper.
	 * @param applicationMapper the application's mapper, which is not changed
	 */
	public Jackson2CallFormat(ObjectMapper applicationMapper) {
		// A copy: the application's own mapper keeps its settings
		this.mapper = applicationMapper.copy();
		this.mapper.deactivateDefaultTyping();
		this.mapper.setPolymorphicTypeValidator(new NoClassNames());
		// What the application chose for its own JSON must not change a stored value:
		// every property written, whatever view is active, dates with their zone and
		// offset as passed, exact numbers in their own notation
		this.mapper.setConfig(this.mapper.getSerializationConfig().withView(null));
		this.mapper.setConfig(this.mapper.getDeserializationConfig().withView(null));
		this.mapper.setDefaultPropertyInclusion(
				JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
		this.mapper.enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID);
		this.mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
				SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS,
				SerializationFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE, SerializationFeature.INDENT_OUTPUT);
		this.mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
		// Numbers as numbers: the call's version is one
		this.mapper.disable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN,
				JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS.mappedFeature());
		// A locale as Jackson 3 writes and reads it, its language tag: instances of the
		// other line read it, and this one what they write
		this.mapper.registerModule(
				new SimpleModule("threadmethod-stored-calls").addSerializer(Locale.class, new LanguageTagWriter())
					.addDeserializer(Locale.class, new LanguageTags()));
	}

	@Override
	Object writeArgument(@Nullable Object argument, Type type) throws IOException {
		JavaType javaType = this.mapper.constructType(type);
		// The text as written, never a tree, whose numbers would be doubles
		return new RawValue(this.mapper.writerFor(javaType).writeValueAsString(argument));
	}

	@Override
	Object rewriteArgument(Object stored) {
		try {
			// The tokens as they were read, each number in its own text, never bound
			return new RawValue(this.mapper.writeValueAsString(stored));
		}
		catch (JsonProcessingException ex) {
			// Tokens that were read as JSON: not expected
			throw new UncheckedIOException(ex);
		}
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
		try {
			return this.mapper.writeValueAsBytes(call);
		}
		catch (JsonProcessingException ex) {
			// Trees of strings, numbers and the arguments' own text: not expected
			throw new UncheckedIOException(ex);
		}
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
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
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
		catch (JsonProcessingException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getOriginalMessage() + ")");
		}
		catch (IOException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Keep each argument as the tokens it was written as, to be bound once its type is
	 * known: numbers keep their text until then.
	 */
	private static List<TokenBuffer> arguments(JsonParser parser) throws IOException {
		List<TokenBuffer> arguments = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			arguments.add(TokenBuffer.asCopyOfValue(parser));
		}
		return arguments;
	}

	private static Map<String, @Nullable String> entries(JsonParser parser) throws IOException {
		Map<String, @Nullable String> entries = new LinkedHashMap<>();
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			entries.put(name, text(parser));
			parser.skipChildren();
		}
		return entries;
	}

	private static @Nullable String text(JsonParser parser) throws IOException {
		return (parser.currentToken() == JsonToken.VALUE_STRING) ? parser.getText() : null;
	}

	@Override
	@Nullable Object readArgument(Object stored, Type type) throws IOException {
		try (JsonParser parser = ((TokenBuffer) stored).asParser()) {
			return this.mapper.readerFor(this.mapper.constructType(type)).readValue(parser);
		}
	}

	@Override
	StoredTypes<?> types() {
		return new Jackson2Types(this.mapper);
	}

	/**
	 * Writes a locale as its language tag, as Jackson 3 does: Jackson 2 writes its
	 * {@code toString()}, which Jackson 3 does not read back when it has a script
	 * ({@code sr_RS_#Latn}). The root locale is empty text, as both write it.
	 */
	@SuppressWarnings("serial")
	private static final class LanguageTagWriter extends StdScalarSerializer<Locale> {

		LanguageTagWriter() {
			super(Locale.class);
		}

		@Override
		public void serialize(Locale locale, JsonGenerator generator, SerializerProvider provider) throws IOException {
			generator.writeString(locale.equals(Locale.ROOT) ? "" : locale.toLanguageTag());
		}

	}

	/**
	 * Reads a locale written as its language tag ({@code sr-Latn-RS}), as Jackson 3 and
	 * this format write it, which Jackson 2 would read as language and country
	 * ({@code sr_LATN}); one written as its {@code toString()} ({@code sr_RS_#Latn}), as
	 * Jackson 2 wrote it in the calls stored by the versions before, as Jackson 2 reads
	 * it. A language tag has no {@code _}.
	 */
	@SuppressWarnings("serial")
	private static final class LanguageTags extends StdScalarDeserializer<Locale> {

		private final FromStringDeserializer<?> jackson = FromStringDeserializer.findDeserializer(Locale.class);

		LanguageTags() {
			super(Locale.class);
		}

		@Override
		public Locale deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			String text = (parser.currentToken() == JsonToken.VALUE_STRING) ? parser.getText() : null;
			if (text != null && text.indexOf('-') >= 0 && text.indexOf('_') < 0) {
				return Locale.forLanguageTag(text);
			}
			return (Locale) this.jackson.deserialize(parser, context);
		}

	}

	/**
	 * Refuses every class named by the data, for the types that would take one
	 * ({@code @JsonTypeInfo(use = CLASS)}): names declared in code
	 * ({@code @JsonSubTypes}) still work.
	 */
	@SuppressWarnings("serial")
	private static final class NoClassNames extends PolymorphicTypeValidator.Base {

		@Override
		public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
			return Validity.DENIED;
		}

	}

}

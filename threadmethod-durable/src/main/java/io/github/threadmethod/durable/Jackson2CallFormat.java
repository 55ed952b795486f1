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
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StoredCallFormat} with Jackson 2 ({@code com.fasterxml.jackson.databind}),
 * as on Spring Boot 3.5: a copy of the application's mapper, with default typing off and
 * every class name in the data refused, exactly as {@link Jackson3CallFormat}, and in the
 * same format.
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
	}

	@Override
	Object writeArgument(@Nullable Object argument, Type type) throws IOException {
		JavaType javaType = this.mapper.constructType(type);
		return this.mapper.readTree(this.mapper.writerFor(javaType).writeValueAsBytes(argument));
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
		arguments.forEach((argument) -> stored.add((JsonNode) argument));
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
			// Trees of strings, numbers and the arguments' own trees: not expected
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	Fields readFields(byte[] json) {
		JsonNode call;
		try {
			call = this.mapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getOriginalMessage() + ")");
		}
		catch (IOException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getMessage() + ")");
		}
		if (call == null || !call.isObject()) {
			throw new UnrunnableCallException("its data is not a JSON object");
		}
		JsonNode version = call.get("version");
		JsonNode arguments = call.get("arguments");
		List<JsonNode> stored = null;
		if (arguments != null && arguments.isArray()) {
			stored = new ArrayList<>();
			arguments.forEach(stored::add);
		}
		return new Fields((version != null && version.isInt()) ? version.intValue() : null, text(call, "task"),
				text(call, "bean"), text(call, "method"), stored, entries(call.get("trace")), text(call, "stored"),
				entries(call.get("failure")));
	}

	private static @Nullable Map<String, @Nullable String> entries(@Nullable JsonNode object) {
		if (object == null || !object.isObject()) {
			return null;
		}
		Map<String, @Nullable String> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			JsonNode value = entry.getValue();
			entries.put(entry.getKey(), value.isTextual() ? value.textValue() : null);
		}
		return entries;
	}

	private static @Nullable String text(JsonNode call, String name) {
		JsonNode value = call.get(name);
		return (value != null && value.isTextual()) ? value.textValue() : null;
	}

	@Override
	@Nullable Object readArgument(Object tree, Type type) throws IOException {
		return this.mapper.treeToValue((JsonNode) tree, this.mapper.constructType(type));
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

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

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link StoredCallFormat} with Jackson 3 ({@code tools.jackson}), as on Spring Boot
 * 4: the application's mapper, with default typing off and every class name in the data
 * refused.
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
			.build();
	}

	@Override
	Object writeArgument(@Nullable Object argument, Type type) {
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
		return this.mapper.writeValueAsBytes(call);
	}

	@Override
	Fields readFields(byte[] json) {
		JsonNode call;
		try {
			call = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new UnrunnableCallException("its data is not JSON (" + ex.getOriginalMessage() + ")");
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
			entries.put(entry.getKey(), value.isString() ? value.stringValue() : null);
		}
		return entries;
	}

	private static @Nullable String text(JsonNode call, String name) {
		JsonNode value = call.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	@Override
	@Nullable Object readArgument(Object tree, Type type) {
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

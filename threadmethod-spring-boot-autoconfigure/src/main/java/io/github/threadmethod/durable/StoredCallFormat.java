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

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
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

import org.springframework.core.task.TaskRejectedException;

/**
 * The stored form of a durable call, version {@value #VERSION}: one JSON object with the
 * version, the task, the bean and the method (as text), and the arguments, each written
 * and read as the method's generic parameter type, with the application's Jackson mapper;
 * and, when the caller was traced, the trace it continues, as the text entries that
 * tracing handlers put in the carrier of its store observation.
 *
 * <pre class="code">
 * {"version":1,"task":"Mailer.send","bean":"mailer","method":"send(java.lang.String,int)","arguments":["ada@example.com",3],
 *  "trace":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}
 * </pre>
 *
 * What is read back is data, never code: the mapper reads it with default typing off and
 * every class name in the data refused, so nothing the row says chooses a class; the
 * method is compared as text with the known task's; the arguments bind to its declared
 * types.
 *
 * @author threadmethod contributors
 */
final class StoredCallFormat {

	static final int VERSION = 1;

	/**
	 * The most entries of a trace that are kept, written or read.
	 */
	static final int MAX_TRACE_ENTRIES = 32;

	/**
	 * The longest key of a trace's entry that is kept.
	 */
	static final int MAX_TRACE_KEY_LENGTH = 256;

	/**
	 * The longest value of a trace's entry that is kept: W3C's {@code baggage} may take
	 * 8192 characters, but its {@code tracestate} and B3 take far fewer.
	 */
	static final int MAX_TRACE_VALUE_LENGTH = 8192;

	private final JsonMapper mapper;

	StoredCallFormat(JsonMapper applicationMapper) {
		this.mapper = applicationMapper.rebuild()
			.deactivateDefaultTyping()
			.polymorphicTypeValidator(new NoClassNames())
			.build();
	}

	/**
	 * Write a call of the given task.
	 * @throws TaskRejectedException if an argument cannot be written, naming it; then
	 * nothing is stored
	 */
	byte[] write(DurableTask task, @Nullable Object[] arguments, Map<String, String> trace) {
		ObjectNode call = this.mapper.createObjectNode();
		call.put("version", VERSION);
		call.put("task", task.name());
		call.put("bean", task.beanName());
		call.put("method", task.signature());
		ArrayNode stored = call.putArray("arguments");
		Method method = task.method();
		for (int i = 0; i < arguments.length; i++) {
			JavaType type = this.mapper.constructType(method.getGenericParameterTypes()[i]);
			try {
				stored.add(this.mapper.readTree(this.mapper.writerFor(type).writeValueAsBytes(arguments[i])));
			}
			catch (RuntimeException ex) {
				throw new TaskRejectedException(describe(method, i) + " cannot be stored as JSON ("
						+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); nothing was stored", ex);
			}
		}
		Map<String, String> kept = bounded(trace);
		if (!kept.isEmpty()) {
			ObjectNode storedTrace = call.putObject("trace");
			kept.forEach(storedTrace::put);
		}
		return this.mapper.writeValueAsBytes(call);
	}

	/**
	 * Keep the entries of a trace that are text of a bounded size, up to a bounded
	 * number: a trace is never worth failing, or bloating, a call for.
	 */
	private static Map<String, String> bounded(Map<String, String> trace) {
		Map<String, String> kept = new LinkedHashMap<>();
		trace.forEach((key, value) -> {
			if (kept.size() < MAX_TRACE_ENTRIES && fits(key, value)) {
				kept.put(key, value);
			}
		});
		return kept;
	}

	private static boolean fits(@Nullable String key, @Nullable String value) {
		return key != null && value != null && !key.isEmpty() && key.length() <= MAX_TRACE_KEY_LENGTH
				&& value.length() <= MAX_TRACE_VALUE_LENGTH;
	}

	/**
	 * Read the trace stored with a call, keeping what {@link #bounded} would: anything
	 * else (not an object, entries that are not text, or too long) is ignored, never a
	 * reason not to run the call.
	 */
	private static Map<String, String> trace(JsonNode call) {
		JsonNode trace = call.get("trace");
		if (trace == null || !trace.isObject()) {
			return Map.of();
		}
		Map<String, String> kept = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : trace.properties()) {
			if (kept.size() >= MAX_TRACE_ENTRIES) {
				break;
			}
			JsonNode value = entry.getValue();
			if (value.isString() && fits(entry.getKey(), value.stringValue())) {
				kept.put(entry.getKey(), value.stringValue());
			}
		}
		return kept;
	}

	/**
	 * Read a stored call, as data.
	 * @throws UnrunnableCallException if the bytes hold no stored call of this version
	 */
	StoredCall read(byte[] json) {
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
		if (version == null || !version.isInt() || version.intValue() != VERSION) {
			throw new UnrunnableCallException("its data is not a stored call of version " + VERSION);
		}
		JsonNode arguments = call.get("arguments");
		if (arguments == null || !arguments.isArray()) {
			throw new UnrunnableCallException("its data has no arguments");
		}
		return new StoredCall(text(call, "task"), text(call, "bean"), text(call, "method"), arguments, trace(call));
	}

	private static String text(JsonNode call, String name) {
		JsonNode value = call.get(name);
		if (value == null || !value.isString()) {
			throw new UnrunnableCallException("its data has no " + name);
		}
		return value.stringValue();
	}

	/**
	 * Bind the stored arguments to the declared parameter types of the task's method.
	 * @throws UnrunnableCallException if one does not bind, naming it
	 */
	@Nullable Object[] arguments(StoredCall call, DurableTask task) {
		Method method = task.method();
		JsonNode stored = call.arguments();
		if (stored.size() != method.getParameterCount()) {
			throw new UnrunnableCallException("it has " + stored.size() + " arguments, but "
					+ task.task().getMethod().getName() + " has " + method.getParameterCount() + " parameters");
		}
		@Nullable Object[] arguments = new Object[stored.size()];
		for (int i = 0; i < arguments.length; i++) {
			JavaType type = this.mapper.constructType(method.getGenericParameterTypes()[i]);
			try {
				arguments[i] = this.mapper.treeToValue(stored.get(i), type);
			}
			catch (RuntimeException ex) {
				throw new UnrunnableCallException(describe(method, i) + " cannot be read back ("
						+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
			}
		}
		return arguments;
	}

	static String describe(Method method, int index) {
		Parameter parameter = method.getParameters()[index];
		return "argument " + (index + 1) + " ('" + parameter.getName() + "', "
				+ parameter.getParameterizedType().getTypeName() + ") of " + method.getDeclaringClass().getSimpleName()
				+ "." + method.getName();
	}

	/**
	 * A stored call as read: data only.
	 *
	 * @param task the task it names
	 * @param bean the bean it names
	 * @param method the method it names, as text
	 * @param arguments its arguments, as JSON
	 * @param trace the trace it continues, as the entries of a tracing carrier; empty if
	 * none
	 */
	record StoredCall(String task, String bean, String method, JsonNode arguments, Map<String, String> trace) {

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

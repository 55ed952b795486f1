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
 * and read as the method's generic parameter type, with the application's Jackson mapper.
 *
 * <pre class="code">
 * {"version":1,"task":"Mailer.send","bean":"mailer","method":"send(java.lang.String,int)","arguments":["ada@example.com",3]}
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
	byte[] write(DurableTask task, @Nullable Object[] arguments) {
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
		return this.mapper.writeValueAsBytes(call);
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
		return new StoredCall(text(call, "task"), text(call, "bean"), text(call, "method"), arguments);
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
	 */
	record StoredCall(String task, String bean, String method, JsonNode arguments) {

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

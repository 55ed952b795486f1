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
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.durable.DurableCalls.LastFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;

/**
 * The stored form of a durable call, version {@value #VERSION}: one JSON object with the
 * version, the task, the bean and the method (as text), and the arguments, each written
 * and read as the method's generic parameter type, with a copy of the application's
 * Jackson mapper; when the caller was traced, the trace it continues, as the text entries
 * that tracing handlers put in the carrier of its store observation; when it was stored;
 * and, once an attempt failed, what the last failed attempt failed with (db-scheduler's
 * table has no column for it), cut to a bounded length.
 *
 * <pre class="code">
 * {"version":1,"task":"Mailer.send","bean":"mailer","method":"send(java.lang.String,int)","arguments":["ada@example.com",3],
 *  "trace":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},"stored":"2026-12-06T09:30:00.123Z",
 *  "failure":{"at":"2026-12-06T09:30:01.456Z","type":"java.lang.IllegalStateException","message":"SMTP server refused"}}
 * </pre>
 *
 * What is read back is data, never code: the mapper reads it with default typing off and
 * every class name in the data refused, so nothing the row says chooses a class; the
 * method is compared as text with the known task's; the arguments bind to its declared
 * types.
 *
 * <p>
 * Each argument is bound from the very text it was written as, never through a tree
 * (whose numbers would be doubles), and the copy of the mapper is set so that what the
 * application chose for its own JSON does not change a value: every property is written
 * (whatever the default inclusion or the active view), dates and times keep their zone
 * and offset, and exact numbers their notation and scale. The start-up check of the
 * parameter types asks the same mapper, through {@link #types()}.
 *
 * <p>
 * The format and its checks live here; a subclass only speaks one Jackson:
 * {@link Jackson3CallFormat} (Spring Boot 4) or {@link Jackson2CallFormat} (Spring Boot
 * 3.5). Both write the same envelope, byte for byte, and the arguments as the mapper
 * writes them, so instances of either read each other's calls, and the calls that the
 * versions before these settings stored.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public abstract class StoredCallFormat {

	StoredCallFormat() {
	}

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

	/**
	 * The longest class name of a last failure that is kept.
	 */
	static final int MAX_FAILURE_TYPE_LENGTH = 256;

	/**
	 * The longest message of a last failure that is kept: enough to tell one failure from
	 * another, never enough to bloat the row of a call that fails with a long one.
	 */
	static final int MAX_FAILURE_MESSAGE_LENGTH = 1000;

	/**
	 * Write a call of the given task, stored at the given time.
	 * @throws TaskRejectedException if an argument cannot be written, naming it; then
	 * nothing is stored
	 */
	final byte[] write(DurableTask task, @Nullable Object[] arguments, Map<String, String> trace, Instant storedAt) {
		Method method = task.method();
		Type[] types = method.getGenericParameterTypes();
		List<Object> stored = new ArrayList<>(arguments.length);
		for (int i = 0; i < arguments.length; i++) {
			try {
				stored.add(writeArgument(arguments[i], types[i]));
			}
			catch (Exception ex) {
				throw new TaskRejectedException(describe(method, i) + " cannot be stored as JSON ("
						+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); nothing was stored", ex);
			}
		}
		return writeCall(task.name(), task.beanName(), task.signature(), stored, bounded(trace), storedAt.toString(),
				Map.of());
	}

	/**
	 * Keep the entries of a trace that are text of a bounded size, up to a bounded
	 * number: a trace is never worth failing, or bloating, a call for.
	 */
	private static Map<String, String> bounded(Map<String, ? extends @Nullable String> trace) {
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
	 * Read a stored call, as data.
	 * @throws UnrunnableCallException if the bytes hold no stored call of this version
	 * @throws UnknownCallException if they hold one of a newer version, which an instance
	 * of a newer version of threadmethod may read
	 */
	final StoredCall read(byte[] json) {
		Fields call = readFields(json);
		if (call.version() != null && call.version() > VERSION) {
			throw new UnknownCallException(call.task(), "it is stored in version " + call.version()
					+ " of the stored calls' format, newer than this version's, " + VERSION);
		}
		if (call.version() == null || call.version() != VERSION) {
			throw new UnrunnableCallException("its data is not a stored call of version " + VERSION);
		}
		if (call.arguments() == null) {
			throw new UnrunnableCallException("its data has no arguments");
		}
		// A trace is never a reason not to run a call: what does not fit is left out
		Map<String, @Nullable String> trace = call.trace();
		return new StoredCall(required(call.task(), "task"), required(call.bean(), "bean"),
				required(call.method(), "method"), call.arguments(), (trace != null) ? bounded(trace) : Map.of(),
				call.stored());
	}

	/**
	 * Return the given call's data with the given last failure in place of the one it
	 * held, the rest as it was read, or {@code null} when the data is no stored call of
	 * this version, which is then kept as it is.
	 */
	final byte @Nullable [] withLastFailure(byte[] json, LastFailure failure) {
		Fields call;
		try {
			call = readFields(json);
		}
		catch (UnrunnableCallException ex) {
			return null;
		}
		Integer version = call.version();
		String task = call.task();
		String bean = call.bean();
		String method = call.method();
		List<?> arguments = call.arguments();
		if (version == null || version != VERSION || task == null || bean == null || method == null
				|| arguments == null) {
			return null;
		}
		// The arguments go back as the tokens they were read as, so the next attempt
		// binds
		// what this one bound
		List<Object> rewritten = new ArrayList<>(arguments.size());
		arguments.forEach((argument) -> rewritten.add(rewriteArgument(argument)));
		Map<String, @Nullable String> trace = call.trace();
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("at", failure.at().toString());
		putIfNotNull(entries, "type", cut(failure.type(), MAX_FAILURE_TYPE_LENGTH));
		putIfNotNull(entries, "message", cut(failure.message(), MAX_FAILURE_MESSAGE_LENGTH));
		return writeCall(task, bean, method, rewritten, (trace != null) ? bounded(trace) : Map.of(), call.stored(),
				entries);
	}

	/**
	 * Read what a stored call's data tells of its past, whatever else it holds: nothing,
	 * if it is no stored call.
	 */
	final History history(byte[] json) {
		Fields call;
		try {
			call = readFields(json);
		}
		catch (UnrunnableCallException ex) {
			return new History(null, null);
		}
		return new History(instant(call.stored()), lastFailure(call.failure()));
	}

	private static @Nullable LastFailure lastFailure(@Nullable Map<String, @Nullable String> failure) {
		Instant at = (failure != null) ? instant(failure.get("at")) : null;
		if (failure == null || at == null) {
			return null;
		}
		return new LastFailure(at, cut(failure.get("type"), MAX_FAILURE_TYPE_LENGTH),
				cut(failure.get("message"), MAX_FAILURE_MESSAGE_LENGTH));
	}

	private static @Nullable Instant instant(@Nullable String text) {
		try {
			return (text != null) ? Instant.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Cut the given text to the given length, an ellipsis marking the cut, never between
	 * the two halves of a surrogate pair.
	 */
	static @Nullable String cut(@Nullable String text, int maxLength) {
		if (text == null || text.length() <= maxLength) {
			return text;
		}
		int end = maxLength - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\u2026";
	}

	private static void putIfNotNull(Map<String, String> entries, String key, @Nullable String value) {
		if (value != null) {
			entries.put(key, value);
		}
	}

	private static String required(@Nullable String value, String name) {
		if (value == null) {
			throw new UnrunnableCallException("its data has no " + name);
		}
		return value;
	}

	/**
	 * Bind the stored arguments to the declared parameter types of the task's method.
	 * @throws UnrunnableCallException if one does not bind, naming it
	 */
	final @Nullable Object[] arguments(StoredCall call, DurableTask task) {
		Method method = task.method();
		List<?> stored = call.arguments();
		if (stored.size() != method.getParameterCount()) {
			throw new UnrunnableCallException("it has " + stored.size() + " arguments, but "
					+ task.task().getMethod().getName() + " has " + method.getParameterCount() + " parameters");
		}
		Type[] types = method.getGenericParameterTypes();
		@Nullable Object[] arguments = new Object[stored.size()];
		for (int i = 0; i < arguments.length; i++) {
			try {
				arguments[i] = readArgument(stored.get(i), types[i]);
			}
			catch (Exception ex) {
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
	 * Write one argument as the given declared type, to the JSON text that
	 * {@link #writeCall} puts in the call as it is.
	 */
	abstract Object writeArgument(@Nullable Object argument, Type type) throws Exception;

	/**
	 * Write one stored argument, the tokens {@link #readFields} gave, back to the JSON
	 * text that {@link #writeCall} puts in the call, verbatim: numbers in the text they
	 * were written as, never bound to a type.
	 */
	abstract Object rewriteArgument(Object stored);

	/**
	 * Write the call's JSON object, fields in this order: version, task, bean, method,
	 * arguments (the text {@link #writeArgument} or {@link #rewriteArgument} made), the
	 * trace, an object of text entries, only when it has any, when the call was stored,
	 * only when known, and its last failure, an object of text entries, only when it has
	 * any.
	 */
	abstract byte[] writeCall(String task, String bean, String method, List<Object> arguments,
			Map<String, String> trace, @Nullable String storedAt, Map<String, String> failure);

	/**
	 * Read the fields of a call's JSON object, each {@code null} when missing or not of
	 * its kind (an int, text, an array, an object), the last one when a field is there
	 * twice; each argument as the tokens it was written as, numbers still as their text;
	 * the entries of the trace and of the last failure that are not text are read as
	 * {@code null}.
	 * @throws UnrunnableCallException if the bytes are not JSON, or not an object
	 */
	abstract Fields readFields(byte[] json);

	/**
	 * Bind one stored argument, the tokens {@link #readFields} gave, to the given
	 * declared type.
	 */
	abstract @Nullable Object readArgument(Object tree, Type type) throws Exception;

	/**
	 * Return the types as this format's mapper writes and reads them, for the start-up
	 * check of the parameter types.
	 */
	abstract StoredTypes<?> types();

	/**
	 * The fields of a call's JSON object, as read, not yet checked.
	 *
	 * @param version the version
	 * @param task the task it names
	 * @param bean the bean it names
	 * @param method the method it names, as text
	 * @param arguments its arguments, as the tokens of the Jackson that read them
	 * @param trace the entries of its trace, as read
	 * @param stored when it was stored, as read
	 * @param failure the entries of its last failure, as read
	 */
	record Fields(@Nullable Integer version, @Nullable String task, @Nullable String bean, @Nullable String method,
			@Nullable List<?> arguments, @Nullable Map<String, @Nullable String> trace, @Nullable String stored,
			@Nullable Map<String, @Nullable String> failure) {

	}

	/**
	 * What a stored call's data tells of its past.
	 *
	 * @param stored when it was stored, or {@code null} if it does not say
	 * @param lastFailure what its last failed attempt failed with, or {@code null} if it
	 * does not say
	 */
	record History(@Nullable Instant stored, @Nullable LastFailure lastFailure) {

	}

	/**
	 * A stored call as read: data only.
	 *
	 * @param task the task it names
	 * @param bean the bean it names
	 * @param method the method it names, as text
	 * @param arguments its arguments, as the tokens of the Jackson that read them, not
	 * yet bound
	 * @param trace the trace it continues, as the entries of a tracing carrier; empty if
	 * none
	 * @param stored when it was stored, as the text it holds, which tells it from a later
	 * call with the same id; {@code null} if it does not say
	 */
	record StoredCall(String task, String bean, String method, List<?> arguments, Map<String, String> trace,
			@Nullable String stored) {

	}

}

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the envelope of a stored call as {@link StoredCallFormat} reads it, with
 * Jackson 3 and with Jackson 2: what a row must hold to be run, what makes it a call that
 * can never run, and how much of a stored trace is kept.
 *
 * @author threadmethod contributors
 */
class StoredCallEnvelopeTests {

	private static final Method SEND = ReflectionUtils.findMethod(Mailer.class, "send", String.class, int.class);

	private static final DurableTask TASK = new DurableTask(new FireAndForgetTask("Mailer.send", SEND, Mailer.class),
			"mailer", SEND);

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	static Stream<Arguments> formats() {
		List<Arguments> formats = new ArrayList<>();
		formats
			.add(Arguments.of("Jackson 2", new Jackson2CallFormat(new com.fasterxml.jackson.databind.ObjectMapper())));
		if (StoredCallFormats.JACKSON_3) {
			formats.add(Arguments.of("Jackson 3", StoredCallFormats.jackson3()));
		}
		return formats.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aStoredCallIsReadAsItsTaskBeanMethodArgumentsAndTrace(String jackson, StoredCallFormat format) {
		StoredCall call = format.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':"
				+ "'send(java.lang.String,int)','arguments':['ada@example.com',3],'trace':{'traceparent':'"
				+ TRACEPARENT + "'}}"));
		assertThat(call.task()).isEqualTo("Mailer.send");
		assertThat(call.bean()).isEqualTo("mailer");
		assertThat(call.method()).isEqualTo("send(java.lang.String,int)");
		assertThat(call.trace()).containsExactly(Map.entry("traceparent", TRACEPARENT));
		assertThat(format.arguments(call, TASK)).containsExactly("ada@example.com", 3);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aStoredCallWithoutATraceOrWithOneThatIsNoObjectContinuesNone(String jackson, StoredCallFormat format) {
		assertThat(format
			.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':'send()'," + "'arguments':[]}"))
			.trace()).isEmpty();
		assertThat(format
			.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':'send()',"
					+ "'arguments':[],'trace':'" + TRACEPARENT + "'}"))
			.trace()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void dataOfAnOlderVersionOrNoneCannotRun(String jackson, StoredCallFormat format) {
		for (String version : List.of("0", "-1", "'1'", "1.5", "null", "4294967297")) {
			assertUnrunnable(format, "{'version':" + version + ",'task':'Mailer.send','bean':'mailer',"
					+ "'method':'send()','arguments':[]}", "its data is not a stored call of version 1");
		}
		assertUnrunnable(format, "{'task':'Mailer.send','bean':'mailer','method':'send()','arguments':[]}",
				"its data is not a stored call of version 1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aCallOfANewerVersionIsUnknownHereNamingItsTaskAndVersion(String jackson, StoredCallFormat format) {
		assertThatExceptionOfType(UnknownCallException.class)
			.isThrownBy(() -> format.read(json("{'version':2,'task':'Mailer.send','arguments':{}}")))
			.withMessage("it is stored in version 2 of the stored calls' format, newer than this version's, 1")
			.satisfies((ex) -> assertThat(ex.getTaskName()).isEqualTo("Mailer.send"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aCallWithoutItsArgumentsTaskBeanOrMethodAsTheirKindCannotRun(String jackson, StoredCallFormat format) {
		assertUnrunnable(format, "{'version':1,'task':'Mailer.send','bean':'mailer','method':'send()'}",
				"its data has no arguments");
		assertUnrunnable(format,
				"{'version':1,'task':'Mailer.send','bean':'mailer','method':'send()','arguments':{'to':'ada'}}",
				"its data has no arguments");
		assertUnrunnable(format, "{'version':1,'bean':'mailer','method':'send()','arguments':[]}",
				"its data has no task");
		assertUnrunnable(format, "{'version':1,'task':7,'bean':'mailer','method':'send()','arguments':[]}",
				"its data has no task");
		assertUnrunnable(format, "{'version':1,'task':'Mailer.send','method':'send()','arguments':[]}",
				"its data has no bean");
		assertUnrunnable(format,
				"{'version':1,'task':'Mailer.send','bean':['mailer'],'method':'send()'," + "'arguments':[]}",
				"its data has no bean");
		assertUnrunnable(format, "{'version':1,'task':'Mailer.send','bean':'mailer','arguments':[]}",
				"its data has no method");
		assertUnrunnable(format, "{'version':1,'task':'Mailer.send','bean':'mailer','method':{},'arguments':[]}",
				"its data has no method");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void dataThatIsNoJsonObjectCannotRun(String jackson, StoredCallFormat format) {
		assertThatExceptionOfType(UnrunnableCallException.class).isThrownBy(() -> format.read(json("{'version':1,")))
			.withMessageStartingWith("its data is not JSON (");
		assertUnrunnable(format, "['version',1]", "its data is not a JSON object");
		assertUnrunnable(format, "'a call'", "its data is not a JSON object");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aStoredTraceKeepsTheFirstEntriesThatAreTextOfABoundedSize(String jackson, StoredCallFormat format) {
		Map<String, Object> trace = new LinkedHashMap<>();
		trace.put("", "an empty key");
		trace.put("number", 42);
		trace.put("object", Map.of("a", "b"));
		trace.put("k".repeat(StoredCallFormat.MAX_TRACE_KEY_LENGTH), "the longest key");
		trace.put("k".repeat(StoredCallFormat.MAX_TRACE_KEY_LENGTH + 1), "a key too long");
		trace.put("longest-value", "v".repeat(StoredCallFormat.MAX_TRACE_VALUE_LENGTH));
		trace.put("value-too-long", "v".repeat(StoredCallFormat.MAX_TRACE_VALUE_LENGTH + 1));
		for (int i = 0; i < StoredCallFormat.MAX_TRACE_ENTRIES; i++) {
			trace.put("entry-" + i, "value-" + i);
		}
		StoredCall call = format.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':'send()',"
				+ "'arguments':[],'trace':" + asJson(trace) + "}"));
		List<String> kept = new ArrayList<>();
		kept.add("k".repeat(StoredCallFormat.MAX_TRACE_KEY_LENGTH));
		kept.add("longest-value");
		for (int i = 0; i < StoredCallFormat.MAX_TRACE_ENTRIES - 2; i++) {
			kept.add("entry-" + i);
		}
		assertThat(call.trace()).hasSize(StoredCallFormat.MAX_TRACE_ENTRIES);
		assertThat(call.trace().keySet()).containsExactlyElementsOf(kept);
		assertThat(call.trace()).containsEntry("longest-value", "v".repeat(StoredCallFormat.MAX_TRACE_VALUE_LENGTH))
			.containsEntry("entry-0", "value-0");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void argumentsThatAreNotOnePerParameterCannotRunNamingBothCounts(String jackson, StoredCallFormat format) {
		StoredCall call = format.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':"
				+ "'send(java.lang.String,int)','arguments':['ada@example.com']}"));
		assertThatExceptionOfType(UnrunnableCallException.class).isThrownBy(() -> format.arguments(call, TASK))
			.withMessage("it has 1 arguments, but send has 2 parameters");
		StoredCall more = format.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':"
				+ "'send(java.lang.String,int)','arguments':['ada@example.com',3,4]}"));
		assertThatExceptionOfType(UnrunnableCallException.class).isThrownBy(() -> format.arguments(more, TASK))
			.withMessage("it has 3 arguments, but send has 2 parameters");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void anArgumentThatDoesNotBindToItsParameterCannotRunNamingTheParameter(String jackson, StoredCallFormat format) {
		StoredCall call = format.read(json("{'version':1,'task':'Mailer.send','bean':'mailer','method':"
				+ "'send(java.lang.String,int)','arguments':['ada@example.com',{'copies':3}]}"));
		assertThatExceptionOfType(UnrunnableCallException.class).isThrownBy(() -> format.arguments(call, TASK))
			.withMessageStartingWith("argument 2 ('copies', int) of Mailer.send cannot be read back (")
			.withCauseInstanceOf(Exception.class);
	}

	private static void assertUnrunnable(StoredCallFormat format, String json, String message) {
		assertThatExceptionOfType(UnrunnableCallException.class).as(json)
			.isThrownBy(() -> format.read(json(json)))
			.withMessage(message);
	}

	/**
	 * The bytes of the given JSON, written with single quotes for readability.
	 */
	private static byte[] json(String json) {
		return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
	}

	private static String asJson(Map<String, Object> trace) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(trace).replace('"', '\'');
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Mailer {

		void send(String to, int copies) {
		}

	}

}

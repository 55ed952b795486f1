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
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import io.github.threadmethod.durable.ParameterTypes.Findings;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the start-up check refuses, with Jackson 3, a type or a property whose
 * serializer or deserializer is the application's own, which it cannot see into, unless
 * the application accepts it; Jackson's own are accepted. Compiled only where Jackson 3
 * is (not in the tests on Spring Boot 3.5), as the name of this class says;
 * {@link ParameterTypesTests} has the same with Jackson 2.
 *
 * @author threadmethod contributors
 */
class Jackson3OwnSerializerTests {

	private static final String ACCEPT = "start-up cannot tell that what it writes is all it needs to read back an "
			+ "equal value";

	@Test
	void aTypeWithASerializerOfTheApplicationsOwnIsRefusedAtItsPath() {
		assertThat(problems(StoredCallFormats.jackson3(), "priced")).singleElement()
			.asString()
			.startsWith(Signatures.class.getName() + ".priced(Priced) parameter 'priced'")
			.endsWith("cannot be stored by the durable mode: at priced.code (" + Coded.class.getName()
					+ "), its serializer or deserializer is the application's own (" + CodeWriter.class.getName()
					+ "): " + ACCEPT + "; make it a record or a bean the mapper writes and reads, or accept it with "
					+ "threadmethod.durable.allow-lossy-types=" + Coded.class.getName());
	}

	@Test
	void aPropertyWithASerializerOfTheApplicationsOwnIsRefusedNamingTheClassAndTheProperty() {
		assertThat(problems(StoredCallFormats.jackson3(), "labelled")).singleElement()
			.asString()
			.endsWith("at labelled.label, " + Labelled.class.getName() + "'s property 'label' is written or read by "
					+ "a serializer or deserializer of the application's own (" + LabelWriter.class.getName() + "): "
					+ ACCEPT + "; make the mapper write and read it with its own, or accept it with "
					+ "threadmethod.durable.allow-lossy-types=" + Labelled.class.getName());
	}

	@Test
	void aPropertyWithADeserializerOfTheApplicationsOwnIsRefusedNamingTheClassAndTheProperty() {
		assertThat(problems(StoredCallFormats.jackson3(), "tagged")).singleElement()
			.asString()
			.endsWith("at tagged.tag, " + Tagged.class.getName() + "'s property 'tag' is written or read by a "
					+ "serializer or deserializer of the application's own (" + TagReader.class.getName() + "): "
					+ ACCEPT + "; make the mapper write and read it with its own, or accept it with "
					+ "threadmethod.durable.allow-lossy-types=" + Tagged.class.getName());
	}

	@Test
	void aSerializerThatAnApplicationsModuleRegistersIsRefused() {
		StoredCallFormat withModule = new Jackson3CallFormat(JsonMapper.builder()
			.addModule(new SimpleModule().addDeserializer(Plain.class, new PlainReader()))
			.build());
		assertThat(problems(withModule, "byName")).singleElement()
			.asString()
			.contains("at byName{value} (" + Plain.class.getName() + "), its serializer or deserializer is the "
					+ "application's own (" + PlainReader.class.getName() + ")");
		assertThat(problems(StoredCallFormats.jackson3(), "byName")).isEmpty();
	}

	@Test
	void aSerializerOfTheApplicationsOwnThatItAcceptsIsWarnedOnce() {
		ParameterTypes check = new ParameterTypes(StoredCallFormats.jackson3().types(),
				new DefaultListableBeanFactory(), Set.of(Coded.class.getName(), Labelled.class.getName()));
		Findings priced = check.check(method("priced"));
		Findings labelled = check.check(method("labelled"));
		assertThat(priced.problems()).isEmpty();
		assertThat(labelled.problems()).isEmpty();
		assertThat(priced.warnings()).singleElement()
			.asString()
			.startsWith("Durable calls trust " + Coded.class.getName() + " to arrive as passed: ")
			.contains(CodeWriter.class.getName(), "threadmethod.durable.allow-lossy-types allows");
		assertThat(labelled.warnings()).singleElement()
			.asString()
			.startsWith("Durable calls trust " + Labelled.class.getName() + "'s label (it is written or read by a "
					+ "serializer or deserializer of the application's own (" + LabelWriter.class.getName() + "))");
		assertThat(check.check(method("priced")).warnings()).isEmpty();
	}

	@Test
	void aSerializerOfJacksonsOwnIsAccepted() {
		assertThat(problems(StoredCallFormats.jackson3(), "counted")).isEmpty();
	}

	private static java.util.List<String> problems(StoredCallFormat format, String name) {
		return ParameterTypesTests.problems(format, method(name));
	}

	private static Method method(String name) {
		Method method = ReflectionUtils.findMethod(Signatures.class, name, (Class<?>[]) null);
		assertThat(method).as(name).isNotNull();
		return method;
	}

	@JsonSerialize(using = CodeWriter.class)
	@JsonDeserialize(using = CodeReader.class)
	record Coded(String value) {

	}

	record Priced(BigDecimal amount, Coded code) {

	}

	record Labelled(@JsonSerialize(using = LabelWriter.class) String label, int size) {

	}

	record Tagged(@JsonDeserialize(using = TagReader.class) String tag, int size) {

	}

	record Counted(@JsonSerialize(using = ToStringSerializer.class) long count) {

	}

	record Plain(String name) {

	}

	static final class CodeWriter extends ValueSerializer<Coded> {

		@Override
		public void serialize(Coded value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.value());
		}

	}

	static final class CodeReader extends ValueDeserializer<Coded> {

		@Override
		public Coded deserialize(JsonParser parser, DeserializationContext context) {
			return new Coded(parser.getString());
		}

	}

	/**
	 * Drops what is after the first word: start-up cannot see that it does.
	 */
	static final class LabelWriter extends ValueSerializer<String> {

		@Override
		public void serialize(String value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.split(" ")[0]);
		}

	}

	/**
	 * Reads only the first word: start-up cannot see that it does.
	 */
	static final class TagReader extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			return parser.getValueAsString().split(" ")[0];
		}

	}

	static final class PlainReader extends ValueDeserializer<Plain> {

		@Override
		public Plain deserialize(JsonParser parser, DeserializationContext context) {
			return new Plain(parser.getString());
		}

	}

	@SuppressWarnings("unused")
	static class Signatures {

		void priced(Priced priced) {
		}

		void labelled(Labelled labelled) {
		}

		void byName(Map<String, Plain> byName) {
		}

		void counted(Counted counted) {
		}

		void tagged(Tagged tagged) {
		}

	}

}

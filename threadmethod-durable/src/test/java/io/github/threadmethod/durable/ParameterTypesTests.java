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

import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.threadmethod.durable.ParameterTypes.Findings;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParameterTypes}, the start-up check that walks a durable task's whole
 * parameter types: for each kind of type that cannot arrive as it was passed, at any
 * depth, the refusal names the path to it; types that arrive as passed are accepted. With
 * Jackson 3 and with Jackson 2, whose mappers answer what they make of each type.
 *
 * @author threadmethod contributors
 */
class ParameterTypesTests {

	private static final String PREFIX = Signatures.class.getName() + ".";

	static Stream<Named<StoredCallFormat>> formats() {
		Stream<Named<StoredCallFormat>> jackson2 = Stream.of(Named.of("Jackson 2", StoredCallFormats.jackson2()));
		return StoredCallFormats.JACKSON_3
				? Stream.concat(Stream.of(Named.of("Jackson 3", StoredCallFormats.jackson3())), jackson2) : jackson2;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void objectAtAnyDepthIsRefusedAtItsPath(StoredCallFormat format) {
		assertThat(problems(format, "envelope")).singleElement()
			.asString()
			.startsWith(PREFIX + "envelope(Envelope) parameter 'envelope' (" + Envelope.class.getName()
					+ ") cannot be stored by the durable mode: at envelope.payload (java.lang.Object), Object");
		assertThat(problems(format, "batch")).singleElement()
			.asString()
			.contains("at batch.items[] (java.lang.Object)");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void anAbstractTypeWithoutNamedSubtypesIsRefusedAtItsPath(StoredCallFormat format) {
		assertThat(problems(format, "order")).singleElement()
			.asString()
			.contains("at order.lines[].shape (" + Shape.class.getName() + "), an abstract type does not say what to "
					+ "read back");
		assertThat(problems(format, "deep")).singleElement().asString().contains("at deep{value}[].lines[].shape (");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void namedSubtypesAreWalkedEachAndClassNamesRefused(StoredCallFormat format) {
		assertThat(problems(format, "drawing")).singleElement()
			.asString()
			.contains("at drawing.figure(Blob).data (java.lang.Object)");
		assertThat(problems(format, "pet")).singleElement()
			.asString()
			.contains("at pet.animal (" + Animal.class.getName() + "), @JsonTypeInfo with class names");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void mapKeysTheMapperCannotReadBackEqualAreRefusedAtTheirPath(StoredCallFormat format) {
		assertThat(problems(format, "bySize")).singleElement()
			.asString()
			.contains("at bySize{key} (" + Size.class.getName() + "), the mapper cannot read it back as a map key");
		assertThat(problems(format, "byCode")).singleElement()
			.asString()
			.contains("at byCode{key} (" + Code.class.getName() + "), a map key of this type is written with its "
					+ "toString()");
		assertThat(problems(format, "byName")).singleElement()
			.asString()
			.contains("at byName{value}.content (java.io.InputStream), a stream");
		assertThat(problems(format, "bySku")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void liveObjectsAndCodeAreRefusedAtAnyDepth(StoredCallFormat format) {
		assertThat(problems(format, "job")).containsExactlyInAnyOrder(
				described("job", "job", Job.class) + "at job.step (java.lang.Runnable), a function is code, not data",
				described("job", "job", Job.class) + "at job.source (java.util.function.Supplier<java.lang.String>), "
						+ "a function is code, not data",
				described("job", "job", Job.class) + "at job.type (java.lang.Class<java.lang.Object>), reading it "
						+ "back would load code that the data names",
				described("job", "job", Job.class) + "at job.tags[] (" + Mailer.class.getName() + "), a Spring bean "
						+ "is a live object of this JVM; inject it into the bean that declares the method");
		assertThat(problems(format, "maybeUpload")).singleElement()
			.asString()
			.contains("at maybeUpload (java.io.InputStream), a stream");
		assertThat(problems(format, "uploads")).singleElement()
			.asString()
			.contains("at uploads[] (java.io.InputStream)");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void liveResourcesAreRefusedAtTheirPath(StoredCallFormat format) {
		String live = "a thread, a connection or another live resource lives in one JVM only";
		String at = described("live", "live", Live.class) + "at live.";
		assertThat(problems(format, "live")).containsExactlyInAnyOrder(at + "thread (java.lang.Thread), " + live,
				at + "executor (java.util.concurrent.Executor), " + live,
				at + "future (java.util.concurrent.Future<java.lang.String>), " + live,
				at + "stage (java.util.concurrent.CompletionStage<java.lang.String>), " + live,
				at + "connection (java.sql.Connection), " + live, at + "closeable (java.io.Closeable), " + live);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void requestStateIsRefusedAtItsPath(StoredCallFormat format) {
		assertThat(problems(format, "page")).containsExactly(described("page", "page", Page.class)
				+ "at page.model (org.springframework.ui.Model), request and security state belong to the caller's "
				+ "thread; pass the values the body needs");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void theApplicationContextIsRefusedAtItsPath(StoredCallFormat format) {
		String bean = "a Spring bean is a live object of this JVM; inject it into the bean that declares the method";
		String at = described("wired", "wired", Wired.class) + "at wired.";
		assertThat(problems(format, "wired")).containsExactlyInAnyOrder(
				at + "context (org.springframework.context.ApplicationContext), " + bean,
				at + "messages (org.springframework.context.MessageSource), " + bean);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void classLoadersAndReflectionAreRefusedAtTheirPath(StoredCallFormat format) {
		String code = "reading it back would load code that the data names";
		String at = described("loaded", "loaded", Loaded.class) + "at loaded.";
		assertThat(problems(format, "loaded")).containsExactlyInAnyOrder(at + "loader (java.lang.ClassLoader), " + code,
				at + "method (java.lang.reflect.Method), " + code);
	}

	@Test
	void aLocaleAsMapKeyIsRefusedAtItsPathInJackson3() {
		org.junit.jupiter.api.Assumptions.assumeTrue(StoredCallFormats.JACKSON_3, "Jackson 3 is on the class path");
		assertThat(problems(StoredCallFormats.jackson3(), "byLocale")).containsExactly(PREFIX
				+ "byLocale(Map) parameter 'byLocale' (java.util.Map<java.util.Locale, java.lang.String>) cannot be "
				+ "stored by the durable mode: at byLocale{key} (java.util.Locale), Jackson 3 writes a Locale key as "
				+ "its toString(), which it does not read back for a locale with a script (zh_CN_#Hans); use its "
				+ "language tag, a String, as key");
		assertThat(problems(StoredCallFormats.jackson2(), "byLocale")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void valuesThatAreNotReadBackEqualAreRefusedAtTheirPath(StoredCallFormat format) {
		assertThat(problems(format, "reading")).containsExactly(
				described("reading", "reading", Reading.class) + "at reading.value (java.lang.Number), Number does not "
						+ "say which number to read back; declare the concrete type",
				described("reading", "reading", Reading.class) + "at reading.taken (java.util.Calendar), a Calendar is "
						+ "read back in the mapper's time zone, not its own; pass a ZonedDateTime");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void classesTheMapperCannotCreateOrWriteAreRefusedAtTheirPath(StoredCallFormat format) {
		assertThat(problems(format, "parcel")).hasSize(2)
			.contains(described("parcel", "parcel", Parcel.class) + "at parcel.part (" + NoCreator.class.getName()
					+ "), the mapper cannot create it: give it a constructor or a factory method it can use (a "
					+ "record's, a @JsonCreator, or one without arguments)")
			// Jackson 2 has no serializer for it; Jackson 3 writes it as {}, without its
			// field
			.anySatisfy((problem) -> assertThat(problem).containsAnyOf(
					"at parcel.empty (" + Empty.class.getName() + "), the mapper finds no property of it to write",
					"at parcel.empty.calls, " + Empty.class.getName()
							+ "'s property 'calls' is neither written nor read"));
	}

	@Test
	void aTypeTheMapperHasNoModuleForIsRefusedAtItsPathInJackson2() {
		StoredCallFormat withoutModules = new Jackson2CallFormat(new com.fasterxml.jackson.databind.ObjectMapper());
		assertThat(problems(withoutModules, "event")).singleElement()
			.asString()
			.contains("at event.at (java.time.Instant), Java 8 date/time type `java.time.Instant` not supported by "
					+ "default: add Module \"com.fasterxml.jackson.datatype:jackson-datatype-jsr310\"");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void propertiesTheMapperDoesNotCarryAreRefusedNamingTheClassAndTheProperty(StoredCallFormat format) {
		String user = described("user", "user", User.class) + "at user.";
		String lost = User.class.getName() + "'s property '";
		String allow = ": the body would get its default instead; make the mapper write and read it, or accept the "
				+ "loss with threadmethod.durable.allow-lossy-types=" + User.class.getName();
		assertThat(problems(format, "user")).containsExactlyInAnyOrder(
				user + "password, " + lost + "password' is read back but never written (write-only: "
						+ "@JsonProperty(access = WRITE_ONLY), or a getter the mapper ignores)" + allow,
				user + "id, " + lost + "id' is written but never read back (read-only: @JsonProperty(access = "
						+ "READ_ONLY), or no setter, field or creator parameter the mapper uses)" + allow,
				user + "activationKey, " + lost + "activationKey' is ignored by the mapper (@JsonIgnore, "
						+ "@JsonIgnoreProperties, or a type with @JsonIgnoreType), so it is neither written nor read"
						+ allow,
				user + "secret, " + lost + "secret' is ignored by the mapper (@JsonIgnore, @JsonIgnoreProperties, or a "
						+ "type with @JsonIgnoreType), so it is neither written nor read" + allow,
				user + "session, " + lost + "session' is ignored by the mapper (@JsonIgnore, @JsonIgnoreProperties, or "
						+ "a type with @JsonIgnoreType), so it is neither written nor read" + allow,
				user + "hidden, " + lost + "hidden' is neither written nor read: the mapper sees no getter, setter or "
						+ "creator parameter for it (make the field transient if it is not state)" + allow);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aLossTheApplicationAllowsIsWarnedOnceNamingTheClassAndItsProperties(StoredCallFormat format) {
		ParameterTypes check = new ParameterTypes(format.types(), beanFactory(), Set.of(User.class.getName()));
		Findings first = check.check(method("user"));
		Findings second = check.check(method("users"));
		assertThat(first.problems()).isEmpty();
		assertThat(second.problems()).isEmpty();
		assertThat(first.warnings()).singleElement()
			.asString()
			.startsWith("Durable calls lose " + User.class.getName() + "'s ")
			.contains("activationKey (it is ignored by the mapper", "password (it is read back but never written",
					"threadmethod.durable.allow-lossy-types allows");
		assertThat(second.warnings()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void typesThatArriveAsTheyWerePassedAreAccepted(StoredCallFormat format) {
		assertThat(problems(format, "accepted")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aRecursiveTypeIsWalkedOnce(StoredCallFormat format) {
		assertThat(problems(format, "node")).singleElement().asString().contains("at node.payload (java.lang.Object)");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aLossAllowedByTheCanonicalNameOfANestedClassIsWarnedNotRefused(StoredCallFormat format) {
		ParameterTypes check = new ParameterTypes(format.types(), beanFactory(), Set.of(User.class.getCanonicalName()));
		Findings findings = check.check(method("user"));
		assertThat(findings.problems()).isEmpty();
		assertThat(findings.warnings()).singleElement()
			.asString()
			.startsWith("Durable calls lose " + User.class.getName() + "'s ");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void whatAPropertyHoldsIsRefusedAtItsPathInsideTheProperty(StoredCallFormat format) {
		String at = described("holder", "holder", Holder.class) + "at holder.";
		assertThat(problems(format, "holder")).hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).startsWith(
					at + "sizes{key} (" + Size.class.getName() + "), the mapper cannot read it back as a map key"))
			.contains(at + "upload (java.io.InputStream), a stream is consumed once, where it was opened; pass what "
					+ "it holds")
			.anySatisfy((problem) -> assertThat(problem)
				.startsWith(at + "clash.content (java.io.InputStream), a stream is consumed once"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void theNamedSubtypesOfAParameterAreWalkedAtTheirPath(StoredCallFormat format) {
		assertThat(problems(format, "figure")).containsExactly(described("figure", "figure", Figure.class)
				+ "at figure(Blob).data (java.lang.Object), Object (or a wildcard, a type variable, a raw type's "
				+ "missing argument) does not say what to read back");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void theNamedSubtypesOfAConcreteClassAreWalkedAtTheirPath(StoredCallFormat format) {
		assertThat(problems(format, "vehicle")).singleElement()
			.asString()
			.startsWith(described("vehicle", "vehicle", Vehicle.class) + "at vehicle(Truck).cargo (java.lang.Object)");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aTypeTheMapperReadsBackUntypedIsRefusedAtItsPath(StoredCallFormat format) {
		assertThat(problems(format, "untyped")).containsExactly(described("untyped", "untyped", Untyped.class)
				+ "at untyped.value (java.io.Serializable), the mapper reads it back as whatever the data holds (a "
				+ "map, a list, text, a number); declare a concrete type");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aClassTheMapperRefusesIsRefusedWithTheMappersOwnWords(StoredCallFormat format) {
		assertThat(problems(format, "clash")).singleElement()
			.asString()
			.startsWith(described("clash", "clash", Clash.class)
					+ "the mapper refuses it (Multiple fields representing property \"size\": ");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aCollectionOrMapTheMapperRefusesIsRefusedAtItsPathAlsoWhenItsContentWasRefusedElsewhere(
			StoredCallFormat format) {
		String at = described("shelf", "shelf", Shelf.class) + "at shelf.";
		String refuses = "the mapper refuses it (Multiple fields representing property \"size\"";
		assertThat(problems(format, "shelf")).hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).startsWith(at + "first (" + Clash.class.getName() + "), ")
				.contains(refuses))
			.anySatisfy((problem) -> assertThat(problem).startsWith(at + "rest (java.util.List<").contains(refuses))
			.anySatisfy((problem) -> assertThat(problem).startsWith(at + "byName (java.util.Map<").contains(refuses));
	}

	@Test
	void aClassWithoutPropertiesToWriteIsRefusedOnlyByAMapperThatFailsOnEmptyBeans() {
		String noProperty = "at parcel.empty (" + Empty.class.getName() + "), the mapper finds no property of it to "
				+ "write";
		String lostField = "at parcel.empty.calls, " + Empty.class.getName() + "'s property 'calls' is neither "
				+ "written nor read";
		List<StoredCallFormat> failing = new java.util.ArrayList<>(
				List.of(new Jackson2CallFormat(StoredCallFormats.bootJackson2()
					.enable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
					.build())));
		List<StoredCallFormat> writing = new java.util.ArrayList<>(
				List.of(new Jackson2CallFormat(StoredCallFormats.bootJackson2()
					.disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
					.build())));
		if (StoredCallFormats.JACKSON_3) {
			failing.add(StoredCallFormats.jackson3("spring.jackson.serialization.fail-on-empty-beans=true"));
			writing.add(StoredCallFormats.jackson3("spring.jackson.serialization.fail-on-empty-beans=false"));
		}
		for (StoredCallFormat format : failing) {
			assertThat(problems(format, "parcel")).anySatisfy((problem) -> assertThat(problem).contains(noProperty))
				.noneSatisfy((problem) -> assertThat(problem).contains(lostField));
		}
		for (StoredCallFormat format : writing) {
			assertThat(problems(format, "parcel")).anySatisfy((problem) -> assertThat(problem).contains(lostField))
				.noneSatisfy((problem) -> assertThat(problem).contains(noProperty));
		}
	}

	@Test
	void aPropertyWithADeserializerOfTheApplicationsOwnIsRefusedNamingTheClassAndThePropertyInJackson2() {
		assertThat(problems(StoredCallFormats.jackson2(), "tagged"))
			.containsExactly(described("tagged", "tagged", Tagged.class) + "at tagged.tag, " + Tagged.class.getName()
					+ "'s property 'tag' is written or read by a serializer or deserializer of the application's own ("
					+ TagReader.class.getName() + "): start-up cannot tell that what it writes is all it needs to "
					+ "read back an equal value; make the mapper write and read it with its own, or accept it with "
					+ "threadmethod.durable.allow-lossy-types=" + Tagged.class.getName());
	}

	@Test
	void aJsonTreeOfJackson2IsAcceptedByJackson2() {
		assertThat(problems(StoredCallFormats.jackson2(), "tree2")).isEmpty();
	}

	@Test
	void aTypeWithASerializerOfTheApplicationsOwnIsRefusedAtItsPathInJackson2() {
		assertThat(problems(StoredCallFormats.jackson2(), "priced")).containsExactly(described("priced", "priced",
				Priced.class) + "at priced.code (" + Coded.class.getName() + "), its serializer or deserializer is the "
				+ "application's own (" + CodeWriter.class.getName() + "): start-up cannot tell that what it writes is "
				+ "all it needs to read back an equal value; make it a record or a bean the mapper writes and reads, "
				+ "or accept it with threadmethod.durable.allow-lossy-types=" + Coded.class.getName());
	}

	@Test
	void aPropertyWithASerializerOfTheApplicationsOwnIsRefusedNamingTheClassAndThePropertyInJackson2() {
		assertThat(problems(StoredCallFormats.jackson2(), "labelled"))
			.containsExactly(described("labelled", "labelled", Labelled.class) + "at labelled.label, "
					+ Labelled.class.getName() + "'s property 'label' "
					+ "is written or read by a serializer or deserializer of the application's own ("
					+ LabelWriter.class.getName()
					+ "): start-up cannot tell that what it writes is all it needs to read "
					+ "back an equal value; make the mapper write and read it with its own, or accept it with "
					+ "threadmethod.durable.allow-lossy-types=" + Labelled.class.getName());
	}

	@Test
	void aSerializerThatAnApplicationsModuleRegistersIsRefusedInJackson2() {
		StoredCallFormat withModule = new Jackson2CallFormat(StoredCallFormats.bootJackson2()
			.addModule(new SimpleModule().addDeserializer(Sku.class, new SkuReader()))
			.build());
		assertThat(problems(withModule, "bySkuValue")).singleElement()
			.asString()
			.contains("at bySkuValue{value} (" + Sku.class.getName() + "), its serializer or deserializer is the "
					+ "application's own (" + SkuReader.class.getName() + ")");
	}

	@Test
	void aSerializerOfTheApplicationsOwnThatItAcceptsIsWarnedOnceInJackson2() {
		ParameterTypes check = new ParameterTypes(StoredCallFormats.jackson2().types(), beanFactory(),
				Set.of(Coded.class.getName(), Labelled.class.getName()));
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
	void aSerializerOfJacksonsOwnIsAcceptedInJackson2() {
		assertThat(problems(StoredCallFormats.jackson2(), "counted")).isEmpty();
	}

	static List<String> problems(StoredCallFormat format, String method) {
		return problems(format, method(method));
	}

	static List<String> problems(StoredCallFormat format, Method method) {
		return new ParameterTypes(format.types(), beanFactory(), Set.of()).check(method).problems();
	}

	private static DefaultListableBeanFactory beanFactory() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("mailer", new Mailer());
		return beanFactory;
	}

	static Method method(String name) {
		Method method = ReflectionUtils.findMethod(Signatures.class, name, (Class<?>[]) null);
		assertThat(method).as(name).isNotNull();
		return method;
	}

	private static String described(String method, String parameter, Class<?> type) {
		return PREFIX + method + "(" + type.getSimpleName() + ") parameter '" + parameter + "' (" + type.getName()
				+ ") cannot be stored by the durable mode: ";
	}

	record Envelope(String id, Object payload) {

	}

	@SuppressWarnings("rawtypes")
	record Batch(List items) {

	}

	interface Shape {

	}

	record Line(String sku, Shape shape) {

	}

	record Order(UUID id, List<Line> lines) {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Blob.class, name = "blob") })
	interface Figure {

	}

	record Circle(BigDecimal radius) implements Figure {

	}

	record Blob(Object data) implements Figure {

	}

	record Drawing(String name, Figure figure) {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes({ @JsonSubTypes.Type(value = Card.class, name = "card"),
			@JsonSubTypes.Type(value = Transfer.class, name = "transfer") })
	interface Payment {

	}

	record Card(String number, YearMonth expires) implements Payment {

	}

	record Transfer(String iban, BigDecimal amount) implements Payment {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	interface Animal {

	}

	record Pet(Animal animal) {

	}

	record Size(int width, int height) {

	}

	record Code(String value) {

	}

	record Sku(@JsonValue String value) {

		@JsonCreator
		Sku {
		}

	}

	record Upload(String name, InputStream content) {

	}

	record Job(Runnable step, Supplier<String> source, Class<?> type, List<Mailer> tags) {

	}

	record Reading(Number value, Calendar taken) {

	}

	static final class NoCreator {

		private final String name;

		NoCreator(String name, int size) {
			this.name = name + size;
		}

		public String getName() {
			return this.name;
		}

	}

	static final class Empty {

		private int calls;

		void call() {
			this.calls++;
		}

	}

	record Parcel(NoCreator part, Empty empty) {

	}

	record Event(String name, Instant at) {

	}

	@JsonIgnoreType
	static class Session {

		public String token;

	}

	@JsonIgnoreProperties({ "secret" })
	public static class User {

		private Long id;

		private String login;

		@JsonIgnore
		private String activationKey;

		@JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
		private String password;

		private String secret;

		private Session session;

		private String hidden;

		@JsonProperty(access = JsonProperty.Access.READ_ONLY)
		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public String getLogin() {
			return this.login;
		}

		public void setLogin(String login) {
			this.login = login;
		}

		public String getActivationKey() {
			return this.activationKey;
		}

		public void setActivationKey(String activationKey) {
			this.activationKey = activationKey;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		public Session getSession() {
			return this.session;
		}

		public void setSession(Session session) {
			this.session = session;
		}

		String hidden() {
			return this.hidden;
		}

	}

	interface Summary {

	}

	record Money(BigDecimal amount, String currency) {

		public boolean isZero() {
			return this.amount.signum() == 0;
		}

	}

	/**
	 * What works: the check must never refuse it.
	 */
	record Accepted(Money money, List<Money> monies, Map<UUID, List<Optional<Money>>> nested,
			Map<Sku, ZonedDateTime> bySku, ZoneId zone, Payment payment, Optional<Instant> maybe, byte[] bytes,
			int[][] grid, Viewed viewed, Set<Thread.State> states) {

	}

	public static class Viewed {

		@JsonView(Summary.class)
		private String title;

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

	}

	record Node(String name, List<Node> children, Object payload) {

	}

	static class Mailer {

	}

	@SuppressWarnings("unused")
	static class Signatures {

		void envelope(Envelope envelope) {
		}

		void batch(Batch batch) {
		}

		void order(Order order) {
		}

		void deep(Map<String, List<Optional<Order>>> deep) {
		}

		void drawing(Drawing drawing) {
		}

		void pet(Pet pet) {
		}

		void bySize(Map<Size, Integer> bySize) {
		}

		void byCode(Map<Code, Integer> byCode) {
		}

		void byName(Map<String, Upload> byName) {
		}

		void bySku(Map<Sku, Integer> bySku) {
		}

		void job(Job job) {
		}

		void maybeUpload(Optional<InputStream> maybeUpload) {
		}

		void uploads(InputStream[] uploads) {
		}

		void reading(Reading reading) {
		}

		void parcel(Parcel parcel) {
		}

		void event(Event event) {
		}

		void user(User user) {
		}

		void users(List<User> users) {
		}

		void accepted(Accepted accepted) {
		}

		void node(Node node) {
		}

		void tree2(Map<String, com.fasterxml.jackson.databind.JsonNode> trees) {
		}

		void priced(Priced priced) {
		}

		void live(Live live) {
		}

		void page(Page page) {
		}

		void wired(Wired wired) {
		}

		void loaded(Loaded loaded) {
		}

		void byLocale(Map<java.util.Locale, String> byLocale) {
		}

		void labelled(Labelled labelled) {
		}

		void bySkuValue(Map<String, Sku> bySkuValue) {
		}

		void counted(Counted counted) {
		}

		void holder(Holder holder) {
		}

		void figure(Figure figure) {
		}

		void vehicle(Vehicle vehicle) {
		}

		void untyped(Untyped untyped) {
		}

		void clash(Clash clash) {
		}

		void shelf(Shelf shelf) {
		}

		void tagged(Tagged tagged) {
		}

	}

	record Live(Thread thread, java.util.concurrent.Executor executor, java.util.concurrent.Future<String> future,
			java.util.concurrent.CompletionStage<String> stage, java.sql.Connection connection,
			java.io.Closeable closeable) {

	}

	record Page(org.springframework.ui.Model model) {

	}

	record Wired(org.springframework.context.ApplicationContext context,
			org.springframework.context.MessageSource messages) {

	}

	record Loaded(ClassLoader loader, Method method) {

	}

	record Holder(Map<Size, Integer> sizes, Optional<InputStream> upload, Clashing clash) {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes(@JsonSubTypes.Type(value = Truck.class, name = "truck"))
	public static class Vehicle {

		public String plate;

	}

	public static class Truck extends Vehicle {

		public Object cargo;

	}

	record Untyped(java.io.Serializable value) {

	}

	/**
	 * Two fields for one property: the mapper refuses to make a serializer.
	 */
	public static class Clash {

		@JsonProperty("size")
		public String size;

		@JsonProperty("size")
		public Integer count;

	}

	/**
	 * Refused by the mapper (its object id names no property), and holding a stream,
	 * which says better where.
	 */
	@com.fasterxml.jackson.annotation.JsonIdentityInfo(
			generator = com.fasterxml.jackson.annotation.ObjectIdGenerators.PropertyGenerator.class,
			property = "missing")
	record Clashing(InputStream content) {

	}

	record Shelf(Clash first, List<Clash> rest, Map<String, Clash> byName) {

	}

	record Tagged(@JsonDeserialize(using = TagReader.class) String tag, int size) {

	}

	@JsonSerialize(using = CodeWriter.class)
	@JsonDeserialize(using = CodeReader.class)
	record Coded(String value) {

	}

	record Priced(BigDecimal amount, Coded code) {

	}

	record Labelled(@JsonSerialize(using = LabelWriter.class) String label, int size) {

	}

	record Counted(@JsonSerialize(using = ToStringSerializer.class) long count) {

	}

	static final class CodeWriter extends JsonSerializer<Coded> {

		@Override
		public void serialize(Coded value, JsonGenerator generator, SerializerProvider provider)
				throws java.io.IOException {
			generator.writeString(value.value());
		}

	}

	static final class CodeReader extends JsonDeserializer<Coded> {

		@Override
		public Coded deserialize(JsonParser parser, DeserializationContext context) throws java.io.IOException {
			return new Coded(parser.getText());
		}

	}

	/**
	 * Drops what is after the first word: start-up cannot see that it does.
	 */
	static final class LabelWriter extends JsonSerializer<String> {

		@Override
		public void serialize(String value, JsonGenerator generator, SerializerProvider provider)
				throws java.io.IOException {
			generator.writeString(value.split(" ")[0]);
		}

	}

	/**
	 * Reads only the first word: start-up cannot see that it does.
	 */
	static final class TagReader extends JsonDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws java.io.IOException {
			return parser.getValueAsString().split(" ")[0];
		}

	}

	static final class SkuReader extends JsonDeserializer<Sku> {

		@Override
		public Sku deserialize(JsonParser parser, DeserializationContext context) throws java.io.IOException {
			return new Sku(parser.getText());
		}

	}

}

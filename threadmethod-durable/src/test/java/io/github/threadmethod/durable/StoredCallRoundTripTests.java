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
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonView;
import io.github.threadmethod.FireAndForgetTask;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round-trip property of stored calls: for every kind of type the start-up check
 * accepts, many random values, each written as a stored call and read back, arrive equal
 * to what was passed; with Jackson 3 and with Jackson 2, each with the mapper as Spring
 * Boot sets it up and with an application's own settings that would change values if the
 * format kept them.
 *
 * @author threadmethod contributors
 */
class StoredCallRoundTripTests {

	private static final int VALUES = 300;

	private static final long SEED = 20261206L;

	static Stream<Arguments> roundTrips() {
		List<Arguments> roundTrips = new ArrayList<>();
		for (Named<Format> format : formats()) {
			for (Case each : cases()) {
				if (each.jackson() == null || each.jackson() == format.getPayload().jackson()) {
					roundTrips.add(Arguments.of(format, Named.of(each.method(), each)));
				}
			}
		}
		return roundTrips.stream();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("roundTrips")
	void everyValueArrivesEqualToWhatWasPassed(Format format, Case each) {
		Method method = ReflectionUtils.findMethod(Signatures.class, each.method(), (Class<?>[]) null);
		assertThat(method).as(each.method()).isNotNull();
		DurableTask task = new DurableTask(
				new FireAndForgetTask("Signatures." + each.method(), method, Signatures.class), "signatures", method);
		RandomValues values = new RandomValues(SEED + each.method().hashCode());
		for (int i = 0; i < VALUES; i++) {
			Object passed = each.values().apply(values);
			byte[] stored = format.format().write(task, new Object[] { passed }, Map.of(), Instant.now());
			Object arrived = format.format().arguments(format.format().read(stored), task)[0];
			assertThat(arrived)
				.as("value %d, stored as %s", i, new String(stored, java.nio.charset.StandardCharsets.UTF_8))
				.isEqualTo(passed);
		}
	}

	/**
	 * The start-up check never refuses a type that arrives as it was passed: it accepts
	 * every signature whose values the round trip proves.
	 */
	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("roundTrips")
	void theStartUpCheckAcceptsEverySignatureThatRoundTrips(Format format, Case each) {
		assertThat(new ParameterTypes(format.format().types(), new DefaultListableBeanFactory(), Set.of())
			.check(task(each.method()).method())
			.problems()).isEmpty();
	}

	static Stream<Arguments> crossLines() {
		List<Arguments> crossLines = new ArrayList<>();
		for (Case each : cases()) {
			if (each.jackson() == null) {
				crossLines.add(Arguments.of(Named.of(each.method(), each)));
			}
		}
		return crossLines.stream();
	}

	/**
	 * During a rolling deploy from Spring Boot 3.5 to 4.x, instances on Jackson 2 and on
	 * Jackson 3 share the table: each writes the same envelope for a call, and reads the
	 * other's calls to arguments equal to those passed, with the application's settings
	 * on either side.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("crossLines")
	void aCallStoredOnOneJacksonLineArrivesEqualOnTheOther(Case each) {
		org.junit.jupiter.api.Assumptions.assumeTrue(StoredCallFormats.JACKSON_3, "Jackson 3 is on the class path");
		DurableTask task = task(each.method());
		List<StoredCallFormat> jackson3 = List.of(StoredCallFormats.jackson3(),
				StoredCallFormats.jackson3(StoredCallFormats.APPLICATION_SETTINGS.toArray(String[]::new)));
		List<StoredCallFormat> jackson2 = List.of(StoredCallFormats.jackson2(),
				StoredCallFormats.jackson2WithApplicationSettings());
		Instant storedAt = Instant.parse("2026-12-06T09:30:00.123456789Z");
		RandomValues values = new RandomValues(SEED + each.method().hashCode());
		for (int i = 0; i < VALUES / 3; i++) {
			Object passed = each.values().apply(values);
			for (StoredCallFormat three : jackson3) {
				for (StoredCallFormat two : jackson2) {
					byte[] byJackson3 = three.write(task, new Object[] { passed }, Map.of(), storedAt);
					byte[] byJackson2 = two.write(task, new Object[] { passed }, Map.of(), storedAt);
					assertThat(envelope(byJackson2)).as("value %d, stored by Jackson 2", i)
						.isEqualTo(envelope(byJackson3));
					assertThat(two.arguments(two.read(byJackson3), task)[0])
						.as("value %d, stored by Jackson 3 as %s, read by Jackson 2", i,
								new String(byJackson3, StandardCharsets.UTF_8))
						.isEqualTo(passed);
					assertThat(three.arguments(three.read(byJackson2), task)[0])
						.as("value %d, stored by Jackson 2 as %s, read by Jackson 3", i,
								new String(byJackson2, StandardCharsets.UTF_8))
						.isEqualTo(passed);
				}
			}
		}
	}

	/**
	 * Return the stored call without its arguments, which each mapper writes its own way
	 * (a {@code Year} as a number or as text, properties in their order or sorted).
	 */
	private static String envelope(byte[] stored) {
		String call = new String(stored, StandardCharsets.UTF_8);
		int arguments = call.indexOf("\"arguments\":");
		int storedAt = call.lastIndexOf(",\"stored\":");
		assertThat(arguments).as(call).isPositive().isLessThan(storedAt);
		return call.substring(0, arguments) + call.substring(storedAt);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aCallStoredByTheVersionBeforeIsReadAsItWasStored(Format format) {
		// Its numbers went through a tree, its dates lost their zone on the way in
		byte[] previous = ("{\"version\":1,\"task\":\"Signatures.entry\",\"bean\":\"signatures\","
				+ "\"method\":\"entry(java.math.BigDecimal,java.time.ZonedDateTime)\","
				+ "\"arguments\":[1.2345678901234567E19,\"2026-12-06T09:30:00+01:00\"]}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(format.format().arguments(format.format().read(previous), task("entry")))
			.containsExactly(new BigDecimal("1.2345678901234567E19"), ZonedDateTime.parse("2026-12-06T09:30:00+01:00"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void aCallStoredNowIsReadByTheVersionBefore(Format format) throws Exception {
		ZonedDateTime inParis = ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneId.of("Europe/Paris"));
		byte[] stored = format.format()
			.write(task("entry"), new Object[] { new BigDecimal("10.00"), inParis }, Map.of(), Instant.now());
		// The version before read the arguments from a tree, with the application's
		// mapper
		com.fasterxml.jackson.databind.ObjectMapper before = StoredCallFormats.bootJackson2().build();
		com.fasterxml.jackson.databind.JsonNode arguments = before.readTree(stored).get("arguments");
		assertThat(before.treeToValue(arguments.get(0), BigDecimal.class)).isEqualByComparingTo("10");
		assertThat(before.treeToValue(arguments.get(1), ZonedDateTime.class))
			.isEqualTo(inParis.toInstant().atZone(ZoneOffset.UTC));
	}

	static List<Named<Format>> formats() {
		List<Named<Format>> formats = new ArrayList<>();
		if (StoredCallFormats.JACKSON_3) {
			formats.add(Named.of("Jackson 3 as Spring Boot sets it up",
					new Format(Jackson.THREE, StoredCallFormats.jackson3())));
			formats.add(Named.of("Jackson 3 with the application's own settings", new Format(Jackson.THREE,
					StoredCallFormats.jackson3(StoredCallFormats.APPLICATION_SETTINGS.toArray(String[]::new)))));
		}
		formats.add(Named.of("Jackson 2 as Spring Boot 3.5 sets it up",
				new Format(Jackson.TWO, StoredCallFormats.jackson2())));
		formats.add(Named.of("Jackson 2 with the application's own settings",
				new Format(Jackson.TWO, StoredCallFormats.jackson2WithApplicationSettings())));
		return formats;
	}

	private static DurableTask task(String name) {
		Method method = ReflectionUtils.findMethod(Signatures.class, name, (Class<?>[]) null);
		assertThat(method).as(name).isNotNull();
		return new DurableTask(new FireAndForgetTask("Signatures." + name, method, Signatures.class), "signatures",
				method);
	}

	private static List<Case> cases() {
		return List.of(new Case("string", RandomValues::string), new Case("character", RandomValues::character),
				new Case("primitiveLong", RandomValues::longValue), new Case("boxedLong", RandomValues::longValue),
				new Case("primitiveInt", RandomValues::intValue),
				new Case("primitiveShort", (values) -> (short) values.intValue()),
				new Case("primitiveByte", (values) -> (byte) values.intValue()),
				new Case("primitiveBoolean", (values) -> values.chance(50)),
				new Case("primitiveDouble", RandomValues::doubleValue),
				new Case("boxedDouble", (values) -> values.orNull(values::doubleValue)),
				new Case("primitiveFloat", RandomValues::floatValue),
				new Case("bigDecimal", (values) -> values.orNull(values::bigDecimal)),
				new Case("bigInteger", RandomValues::bigInteger), new Case("instant", RandomValues::instant),
				new Case("localDate", RandomValues::localDate), new Case("localTime", RandomValues::localTime),
				new Case("localDateTime", RandomValues::localDateTime),
				new Case("offsetDateTime", RandomValues::offsetDateTime),
				new Case("zonedDateTime", RandomValues::zonedDateTime),
				new Case("offsetTime", RandomValues::offsetTime), new Case("duration", RandomValues::duration),
				new Case("period", RandomValues::period), new Case("year", RandomValues::year),
				new Case("yearMonth", RandomValues::yearMonth), new Case("monthDay", RandomValues::monthDay),
				new Case("zoneId", RandomValues::zoneId), new Case("zoneOffset", RandomValues::zoneOffset),
				new Case("dayOfWeek", RandomValues::dayOfWeek), new Case("uuid", RandomValues::uuid),
				new Case("currency", RandomValues::currency), new Case("uri", RandomValues::uri),
				new Case("status", (values) -> values.oneOf(List.of(Status.values()))),
				new Case("bytes", RandomValues::bytes),
				new Case("longs",
						(values) -> values.list(RandomValues::longValue).stream().mapToLong(Long::longValue).toArray()),
				new Case("amounts", (values) -> values.list(RandomValues::bigDecimal).toArray(BigDecimal[]::new)),
				new Case("decimals", (values) -> values.list((each) -> each.orNull(each::bigDecimal))),
				new Case("names", (values) -> values.set(RandomValues::string)),
				new Case("sortedNumbers", (values) -> values.sortedSet(RandomValues::intValue)),
				new Case("amountsByName", (values) -> values.map(RandomValues::string, RandomValues::bigDecimal)),
				new Case("timesById", (values) -> values.map(RandomValues::uuid, RandomValues::zonedDateTime)),
				new Case("countsByDay", (values) -> values.map(RandomValues::localDate, RandomValues::longValue)),
				new Case("namesByNumber", (values) -> values.map(RandomValues::longValue, RandomValues::string)),
				new Case("amountsByInstant", (values) -> values.map(RandomValues::instant, RandomValues::bigDecimal)),
				new Case("moneyByStatus",
						(values) -> values.map((each) -> each.oneOf(List.of(Status.values())),
								StoredCallRoundTripTests::money)),
				new Case("nested", (values) -> values.map(RandomValues::string,
						(each) -> each.list((inner) -> inner.map(RandomValues::uuid, RandomValues::bigDecimal)))),
				new Case("namesByTime", (values) -> values.map(RandomValues::zonedDateTime, RandomValues::string)),
				new Case("namesByOffsetTime",
						(values) -> values.map(RandomValues::offsetDateTime, RandomValues::string)),
				new Case("namesByLocale", Jackson.TWO,
						(values) -> values.map(RandomValues::locale, RandomValues::string)),
				new Case("locale", RandomValues::locale),
				new Case("date", (values) -> java.util.Date.from(values.instant())),
				new Case("viewed", (values) -> new Viewed(values.string(), values.orNull(values::bigDecimal))),
				new Case("statuses", StoredCallRoundTripTests::statuses),
				new Case("byStatus", StoredCallRoundTripTests::byStatus),
				new Case("maybeAmount", (values) -> values.optional(RandomValues::bigDecimal)),
				new Case("maybeTime", (values) -> values.optional(RandomValues::zonedDateTime)),
				new Case("money", StoredCallRoundTripTests::money), new Case("order", StoredCallRoundTripTests::order),
				new Case("orders", (values) -> values.list(StoredCallRoundTripTests::order)),
				new Case("tree", (values) -> tree(values, 0)), new Case("account", StoredCallRoundTripTests::account),
				new Case("jsonNode2", Jackson.TWO, (values) -> {
					try {
						return new com.fasterxml.jackson.databind.ObjectMapper().readTree(values.json(0));
					}
					catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
						throw new IllegalStateException(ex);
					}
				}));
	}

	private static EnumSet<Status> statuses(RandomValues values) {
		EnumSet<Status> statuses = EnumSet.noneOf(Status.class);
		statuses.addAll(values.list((each) -> each.oneOf(List.of(Status.values()))));
		return statuses;
	}

	private static EnumMap<Status, BigDecimal> byStatus(RandomValues values) {
		EnumMap<Status, BigDecimal> byStatus = new EnumMap<>(Status.class);
		byStatus.putAll(values.map((each) -> each.oneOf(List.of(Status.values())), RandomValues::bigDecimal));
		return byStatus;
	}

	private static Money money(RandomValues values) {
		return new Money(values.bigDecimal(), values.currency());
	}

	private static Order order(RandomValues values) {
		return new Order(values.uuid(), values.orNull(values::string),
				values
					.list((each) -> new Line(each.string(), each.intValue(), money(each), each.orNull(each::instant))),
				values.map(RandomValues::string, RandomValues::bigDecimal),
				values.optional(RandomValues::zonedDateTime),
				values.orNull(() -> values.oneOf(List.of(Status.values()))), values.offsetDateTime(),
				values.list(RandomValues::string));
	}

	private static Tree tree(RandomValues values, int depth) {
		return new Tree(values.string(), (depth > 3) ? List.of() : values.list((each) -> tree(each, depth + 1)));
	}

	private static Account account(RandomValues values) {
		Account account = new Account();
		account.setLogin(values.orNull(values::string));
		account.setBalance(values.bigDecimal());
		account.setOpened(values.zonedDateTime());
		account.setTags(values.list(RandomValues::string));
		account.setLimits(values.map(RandomValues::localDate, RandomValues::bigDecimal));
		return account;
	}

	enum Jackson {

		THREE, TWO

	}

	record Format(Jackson jackson, StoredCallFormat format) {

	}

	/**
	 * One kind of parameter: the method of {@link Signatures} with it, and its random
	 * values.
	 */
	record Case(String method, Jackson jackson, Function<RandomValues, Object> values) {

		Case(String method, Function<RandomValues, Object> values) {
			this(method, null, values);
		}

	}

	enum Status {

		NEW, PAID, SHIPPED

	}

	record Money(BigDecimal amount, Currency currency) {

		public boolean isZero() {
			return this.amount.signum() == 0;
		}

	}

	record Line(String sku, int quantity, Money price, Instant reserved) {

	}

	record Order(UUID id, String note, List<Line> lines, Map<String, BigDecimal> totals, Optional<ZonedDateTime> due,
			Status status, OffsetDateTime placed, List<String> tags) {

	}

	record Tree(String name, List<Tree> children) {

	}

	/**
	 * A bean with getters and setters, as an application's own classes often are.
	 */
	public static class Account {

		private String login;

		private BigDecimal balance;

		private ZonedDateTime opened;

		private List<String> tags;

		private Map<LocalDate, BigDecimal> limits;

		public String getLogin() {
			return this.login;
		}

		public void setLogin(String login) {
			this.login = login;
		}

		public BigDecimal getBalance() {
			return this.balance;
		}

		public void setBalance(BigDecimal balance) {
			this.balance = balance;
		}

		public ZonedDateTime getOpened() {
			return this.opened;
		}

		public void setOpened(ZonedDateTime opened) {
			this.opened = opened;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

		public Map<LocalDate, BigDecimal> getLimits() {
			return this.limits;
		}

		public void setLimits(Map<LocalDate, BigDecimal> limits) {
			this.limits = limits;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Account account && Objects.equals(this.login, account.login)
					&& Objects.equals(this.balance, account.balance) && Objects.equals(this.opened, account.opened)
					&& Objects.equals(this.tags, account.tags) && Objects.equals(this.limits, account.limits);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.login, this.balance, this.opened, this.tags, this.limits);
		}

		@Override
		public String toString() {
			return "Account " + this.login + " " + this.balance + " " + this.opened + " " + this.tags + " "
					+ this.limits;
		}

	}

	interface Summary {

	}

	/**
	 * A class with a property in a view: stored calls are written without one, so every
	 * property is.
	 */
	public static class Viewed {

		@JsonView(Summary.class)
		private String title;

		private BigDecimal price;

		public Viewed() {
		}

		Viewed(String title, BigDecimal price) {
			this.title = title;
			this.price = price;
		}

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public BigDecimal getPrice() {
			return this.price;
		}

		public void setPrice(BigDecimal price) {
			this.price = price;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Viewed viewed && Objects.equals(this.title, viewed.title)
					&& Objects.equals(this.price, viewed.price);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.title, this.price);
		}

	}

	/**
	 * The parameters under test, one method each.
	 */
	@SuppressWarnings("unused")
	static class Signatures {

		void string(String value) {
		}

		void character(char value) {
		}

		void primitiveLong(long value) {
		}

		void boxedLong(Long value) {
		}

		void primitiveInt(int value) {
		}

		void primitiveShort(short value) {
		}

		void primitiveByte(byte value) {
		}

		void primitiveBoolean(boolean value) {
		}

		void primitiveDouble(double value) {
		}

		void boxedDouble(Double value) {
		}

		void primitiveFloat(float value) {
		}

		void bigDecimal(BigDecimal value) {
		}

		void bigInteger(BigInteger value) {
		}

		void instant(Instant value) {
		}

		void localDate(LocalDate value) {
		}

		void localTime(LocalTime value) {
		}

		void localDateTime(LocalDateTime value) {
		}

		void offsetDateTime(OffsetDateTime value) {
		}

		void zonedDateTime(ZonedDateTime value) {
		}

		void offsetTime(OffsetTime value) {
		}

		void duration(Duration value) {
		}

		void period(Period value) {
		}

		void year(Year value) {
		}

		void yearMonth(YearMonth value) {
		}

		void monthDay(MonthDay value) {
		}

		void zoneId(ZoneId value) {
		}

		void zoneOffset(ZoneOffset value) {
		}

		void dayOfWeek(DayOfWeek value) {
		}

		void uuid(UUID value) {
		}

		void currency(Currency value) {
		}

		void uri(URI value) {
		}

		void status(Status value) {
		}

		void bytes(byte[] value) {
		}

		void longs(long[] value) {
		}

		void amounts(BigDecimal[] value) {
		}

		void decimals(List<BigDecimal> value) {
		}

		void names(Set<String> value) {
		}

		void sortedNumbers(SortedSet<Integer> value) {
		}

		void amountsByName(Map<String, BigDecimal> value) {
		}

		void timesById(Map<UUID, ZonedDateTime> value) {
		}

		void countsByDay(Map<LocalDate, Long> value) {
		}

		void namesByNumber(Map<Long, String> value) {
		}

		void amountsByInstant(Map<Instant, BigDecimal> value) {
		}

		void moneyByStatus(Map<Status, Money> value) {
		}

		void nested(Map<String, List<Map<UUID, BigDecimal>>> value) {
		}

		void namesByTime(Map<ZonedDateTime, String> value) {
		}

		void namesByOffsetTime(Map<OffsetDateTime, String> value) {
		}

		void namesByLocale(Map<java.util.Locale, String> value) {
		}

		void locale(java.util.Locale value) {
		}

		void date(java.util.Date value) {
		}

		void viewed(Viewed value) {
		}

		void statuses(EnumSet<Status> value) {
		}

		void byStatus(EnumMap<Status, BigDecimal> value) {
		}

		void maybeAmount(Optional<BigDecimal> value) {
		}

		void maybeTime(Optional<ZonedDateTime> value) {
		}

		void money(Money value) {
		}

		void order(Order value) {
		}

		void orders(List<Order> value) {
		}

		void tree(Tree value) {
		}

		void account(Account value) {
		}

		void jsonNode2(com.fasterxml.jackson.databind.JsonNode value) {
		}

		void entry(BigDecimal amount, ZonedDateTime at) {
		}

	}

}

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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
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
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Random values of the types a durable call's arguments may have, from a seeded
 * {@link Random}, with their edge cases (extreme and special numbers, scales, zones,
 * offsets, nulls, empty and nested collections) drawn often.
 *
 * @author threadmethod contributors
 */
final class RandomValues {

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

	private static final List<Currency> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.sorted((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()))
		.toList();

	private static final List<java.util.Locale> LOCALES = java.util.Arrays
		.stream(java.util.Locale.getAvailableLocales())
		.sorted((a, b) -> a.toString().compareTo(b.toString()))
		.toList();

	private static final long MIN_SECOND = LocalDate.of(1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

	private static final long MAX_SECOND = LocalDate.of(9999, 12, 31).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

	private final Random random;

	RandomValues(long seed) {
		this.random = new Random(seed);
	}

	boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	<T> T oneOf(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/**
	 * A value, or {@code null} now and then.
	 */
	<T> T orNull(Supplier<T> value) {
		return chance(5) ? null : value.get();
	}

	int size() {
		return chance(10) ? 0 : this.random.nextInt(6);
	}

	String string() {
		int length = chance(10) ? 0 : this.random.nextInt(24);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(codePoint());
		}
		return text.toString();
	}

	private int codePoint() {
		return switch (this.random.nextInt(6)) {
			case 0 -> this.random.nextInt(0x20);
			case 1 -> "\"\\/'<>&\u2028\u2029\u00e9\u20ac".codePointAt(this.random.nextInt(11));
			case 2 -> 0x10000 + this.random.nextInt(0x10FFFF - 0x10000);
			case 3 -> {
				int bmp = this.random.nextInt(0xFFFE);
				yield (bmp >= 0xD800 && bmp <= 0xDFFF) ? 'x' : bmp;
			}
			default -> 0x20 + this.random.nextInt(0x5F);
		};
	}

	char character() {
		int bmp = this.random.nextInt(0xFFFE);
		return (bmp >= 0xD800 && bmp <= 0xDFFF) ? 'x' : (char) bmp;
	}

	long longValue() {
		return switch (this.random.nextInt(5)) {
			case 0 -> oneOf(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, (long) Integer.MAX_VALUE + 1,
					9007199254740993L));
			case 1 -> this.random.nextInt();
			default -> this.random.nextLong();
		};
	}

	int intValue() {
		return chance(20) ? oneOf(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)) : this.random.nextInt();
	}

	double doubleValue() {
		return switch (this.random.nextInt(5)) {
			case 0 -> oneOf(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
					Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1e-300, 1e300));
			case 1 -> this.random.nextDouble() * 1000;
			default -> Double.longBitsToDouble(this.random.nextLong());
		};
	}

	float floatValue() {
		return switch (this.random.nextInt(5)) {
			case 0 -> oneOf(List.of(0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
					Float.MIN_VALUE, Float.MAX_VALUE, 0.1f));
			case 1 -> this.random.nextFloat();
			default -> Float.intBitsToFloat(this.random.nextInt());
		};
	}

	BigInteger bigInteger() {
		BigInteger value = new BigInteger(this.random.nextInt(chance(20) ? 400 : 100), this.random);
		return this.random.nextBoolean() ? value.negate() : value;
	}

	BigDecimal bigDecimal() {
		return switch (this.random.nextInt(6)) {
			case 0 -> new BigDecimal(oneOf(List.of("12345678901234567890.123456789", "10.00", "0.00", "-0.0", "1E+3",
					"1E-400", "123.4500", "0", "-1", "9999999999999999999999999999.99")));
			case 1 -> BigDecimal.valueOf(this.random.nextLong(), this.random.nextInt(6));
			default -> new BigDecimal(bigInteger(), this.random.nextInt(80) - 20);
		};
	}

	Instant instant() {
		return Instant.ofEpochSecond(MIN_SECOND + (long) (this.random.nextDouble() * (MAX_SECOND - MIN_SECOND)),
				nanos());
	}

	private int nanos() {
		return switch (this.random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> this.random.nextInt(1000) * 1_000_000;
			default -> this.random.nextInt(1_000_000_000);
		};
	}

	LocalDateTime localDateTime() {
		return LocalDateTime.ofInstant(instant(), ZoneOffset.UTC);
	}

	LocalDate localDate() {
		return localDateTime().toLocalDate();
	}

	LocalTime localTime() {
		return localDateTime().toLocalTime();
	}

	ZoneOffset zoneOffset() {
		if (chance(20)) {
			return ZoneOffset.UTC;
		}
		// Whole hours, quarter hours, and now and then seconds, within -18:00..+18:00
		int seconds = (this.random.nextInt(35) - 17) * 3600 + this.random.nextInt(4) * 15 * 60
				+ (chance(10) ? this.random.nextInt(60) : 0);
		return ZoneOffset.ofTotalSeconds(chance(50) ? seconds : -seconds);
	}

	ZoneId zoneId() {
		return switch (this.random.nextInt(5)) {
			case 0 -> zoneOffset();
			case 1 -> ZoneId.of(oneOf(List.of("Europe/Paris", "UTC", "GMT", "Etc/UTC", "America/New_York",
					"Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham")));
			default -> ZoneId.of(oneOf(ZONES));
		};
	}

	OffsetDateTime offsetDateTime() {
		return OffsetDateTime.of(localDateTime(), zoneOffset());
	}

	ZonedDateTime zonedDateTime() {
		return ZonedDateTime.of(localDateTime(), zoneId());
	}

	OffsetTime offsetTime() {
		return OffsetTime.of(localTime(), zoneOffset());
	}

	Duration duration() {
		return Duration.ofSeconds(this.random.nextLong() % 10_000_000_000L, this.random.nextInt(1_000_000_000));
	}

	Period period() {
		return Period.of(this.random.nextInt(2000) - 1000, this.random.nextInt(40) - 20, this.random.nextInt(80) - 40);
	}

	Year year() {
		return Year.of(localDate().getYear());
	}

	YearMonth yearMonth() {
		return YearMonth.from(localDate());
	}

	MonthDay monthDay() {
		return MonthDay.from(localDate());
	}

	DayOfWeek dayOfWeek() {
		return oneOf(List.of(DayOfWeek.values()));
	}

	UUID uuid() {
		return new UUID(this.random.nextLong(), this.random.nextLong());
	}

	Currency currency() {
		return oneOf(CURRENCIES);
	}

	java.util.Locale locale() {
		return oneOf(LOCALES);
	}

	URI uri() {
		return URI.create("https://example.com/" + this.random.nextInt(1000) + "?q=" + this.random.nextInt()
				+ (chance(50) ? "#x" : ""));
	}

	byte[] bytes() {
		byte[] bytes = new byte[size() * 7];
		this.random.nextBytes(bytes);
		return bytes;
	}

	<T> List<T> list(Function<RandomValues, T> element) {
		List<T> list = new ArrayList<>();
		for (int i = size(); i > 0; i--) {
			list.add(element.apply(this));
		}
		return list;
	}

	<T> Set<T> set(Function<RandomValues, T> element) {
		return new LinkedHashSet<>(list(element));
	}

	<T extends Comparable<T>> TreeSet<T> sortedSet(Function<RandomValues, T> element) {
		return new TreeSet<>(list(element));
	}

	<K, V> Map<K, V> map(Function<RandomValues, K> key, Function<RandomValues, V> value) {
		Map<K, V> map = new LinkedHashMap<>();
		for (int i = size(); i > 0; i--) {
			map.put(key.apply(this), value.apply(this));
		}
		return map;
	}

	<T> Optional<T> optional(Function<RandomValues, T> value) {
		return chance(30) ? Optional.empty() : Optional.of(value.apply(this));
	}

	/**
	 * The JSON text of a random value: what a {@code JsonNode} argument is read from.
	 */
	String json(int depth) {
		int kind = this.random.nextInt((depth > 3) ? 6 : 8);
		return switch (kind) {
			case 0 -> "null";
			case 1 -> String.valueOf(this.random.nextBoolean());
			case 2 -> String.valueOf(longValue());
			case 3 -> bigDecimal().toString();
			case 4 -> String.valueOf(this.random.nextDouble() * 1e6);
			case 5 -> quoted(string());
			case 6 -> {
				List<String> elements = list((values) -> values.json(depth + 1));
				yield "[" + String.join(",", elements) + "]";
			}
			default -> {
				Map<String, String> fields = map(RandomValues::string, (values) -> values.json(depth + 1));
				List<String> entries = new ArrayList<>();
				fields.forEach((name, value) -> entries.add(quoted(name) + ":" + value));
				yield "{" + String.join(",", entries) + "}";
			}
		};
	}

	private static String quoted(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.codePoints().forEach((codePoint) -> {
			if (codePoint == '"' || codePoint == '\\') {
				quoted.append('\\').appendCodePoint(codePoint);
			}
			else if (codePoint < 0x20) {
				quoted.append(String.format("\\u%04x", codePoint));
			}
			else {
				quoted.appendCodePoint(codePoint);
			}
		});
		return quoted.append('"').toString();
	}

}

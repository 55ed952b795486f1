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
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that a durable call's arguments reach its body equal to what the caller passed,
 * through real contexts on an embedded H2 database, with Jackson 3 and with Jackson 2;
 * and that start-up refuses the parameter types that could not arrive so, naming the path
 * inside them.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableFidelityTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final ZonedDateTime IN_PARIS = ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneId.of("Europe/Paris"));

	private final String url = "jdbc:h2:mem:fidelity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@AfterEach
	void reset() {
		Ledger.booked.clear();
	}

	@Test
	void exactNumbersAndZonesReachTheBodyWithJackson3() {
		assumeTrue(ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null), "Jackson 3 is there");
		assertBookedAsPassed(runner());
	}

	@Test
	void exactNumbersAndZonesReachTheBodyWithJackson2() {
		assertBookedAsPassed(runner().withClassLoader(new FilteredClassLoader("tools.jackson")));
	}

	private void assertBookedAsPassed(ApplicationContextRunner runner) {
		runner.withPropertyValues("threadmethod.tasks[Ledger.book].mode=durable")
			.withBean("ledger", Ledger.class)
			.run((context) -> {
				Entry entry = new Entry(new BigDecimal("12345678901234567890.123456789"), new BigDecimal("10.00"),
						Long.MAX_VALUE, IN_PARIS);
				context.getBean(Ledger.class).book(entry, new BigDecimal("10.00"), IN_PARIS);
				await().atMost(WAIT).until(() -> Ledger.booked.size() == 1);
				Booked booked = Ledger.booked.get(0);
				assertThat(booked.entry()).isEqualTo(entry);
				assertThat(booked.amount()).isEqualTo(new BigDecimal("10.00")).hasScaleOf(2);
				assertThat(booked.at()).isEqualTo(IN_PARIS);
				assertThat(booked.at().getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
			});
	}

	@Test
	void aRecordWithAnAbstractComponentFailsStartUpNamingThePathToIt() {
		runner().withPropertyValues("threadmethod.mode=durable")
			.withBean("shop", Shop.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining("Shop.place(Order) parameter 'order'")
				.hasMessageContaining("order.lines[].shape"));
	}

	@Test
	void aMapWhoseKeysAreRecordsFailsStartUpNamingItsKeys() {
		runner().withPropertyValues("threadmethod.mode=durable")
			.withBean("stock", Stock.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining("Stock.count(Map) parameter 'bySize'")
				.hasMessageContaining("bySize{key}")
				.hasMessageContaining("Stock.recount(Map) parameter 'byCode'")
				.hasMessageContaining("byCode{key}"));
	}

	@Test
	void aPropertyTheMapperIgnoresFailsStartUpNamingTheTypeAndTheProperty() {
		runner().withPropertyValues("threadmethod.mode=durable")
			.withBean("accounts", Accounts.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining("Accounts.register(User) parameter 'user'")
				.hasMessageContaining("user.activationKey")
				.hasMessageContaining(User.class.getName())
				.hasMessageContaining("threadmethod.durable.allow-lossy-types"));
	}

	@Test
	void aLossTheApplicationAllowsIsWarnedOnceNamingTheTypeAndTheProperty(CapturedOutput output) {
		runner()
			.withPropertyValues("threadmethod.mode=durable",
					"threadmethod.durable.allow-lossy-types=" + User.class.getName())
			.withBean("accounts", Accounts.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String warning = User.class.getName() + "'s activationKey";
				assertThat(output).contains(warning);
				assertThat(output.toString().split(Pattern.quote(warning), -1)).as("the warning, once").hasSize(2);
			});
	}

	@Test
	void aJpaEntityIsWarnedAboutNamingWhatItLoses(CapturedOutput output) {
		runner()
			.withPropertyValues("threadmethod.mode=durable",
					"threadmethod.durable.allow-lossy-types=" + Customer.class.getName())
			.withBean("customers", Customers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String entity = "Customers.welcome(Customer) parameter 'customer' (" + Customer.class.getName()
						+ ") is a JPA entity";
				assertThat(output).contains(entity);
				// The entity's own warning names what it loses, not only the one of
				// allow-lossy-types
				assertThat(output.getAll().lines().filter((line) -> line.contains(entity))).singleElement()
					.asString()
					.containsPattern("with only what the mapper writes and reads \\(not an association it has not "
							+ "loaded, not (.*, )?lazyNotes(, .*)?\\); pass its id and load it in the body");
			});
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(BootDataAutoConfigurations.of(BootDataAutoConfigurations.ALL))
			.withPropertyValues("spring.datasource.url=" + this.url, "db-scheduler.polling-interval=200ms");
	}

	record Entry(BigDecimal amount, BigDecimal fee, long sequence, ZonedDateTime at) {

	}

	record Booked(Entry entry, BigDecimal amount, ZonedDateTime at) {

	}

	public static class Ledger {

		static final List<Booked> booked = new CopyOnWriteArrayList<>();

		@FireAndForget
		public void book(Entry entry, BigDecimal amount, ZonedDateTime at) {
			booked.add(new Booked(entry, amount, at));
		}

	}

	interface Shape {

	}

	record Line(String sku, Shape shape) {

	}

	record Order(String id, List<Line> lines) {

	}

	public static class Shop {

		@FireAndForget
		public void place(Order order) {
		}

	}

	record Size(int width, int height) {

	}

	record Code(String value) {

	}

	public static class Stock {

		@FireAndForget
		public void count(Map<Size, Integer> bySize) {
		}

		@FireAndForget
		public void recount(Map<Code, Integer> byCode) {
		}

	}

	public static class User {

		private String login;

		@JsonIgnore
		private String activationKey;

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

	}

	public static class Accounts {

		@FireAndForget
		public void register(User user) {
		}

		@FireAndForget
		public void remind(User user) {
		}

	}

	@Entity
	public static class Customer {

		private Long id;

		@JsonIgnore
		private List<String> lazyNotes;

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public List<String> getLazyNotes() {
			return this.lazyNotes;
		}

		public void setLazyNotes(List<String> lazyNotes) {
			this.lazyNotes = lazyNotes;
		}

	}

	public static class Customers {

		@FireAndForget
		public void welcome(Customer customer) {
		}

	}

}

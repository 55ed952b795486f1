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
package io.github.threadmethod.compat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.github.threadmethod.FireAndForgetCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The application on the Spring Boot line of this build: written with APIs that every
 * supported line has, so that the same source proves each of them.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CompatApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private WelcomeMailer mailer;

	@Autowired
	private Registrations registrations;

	@Autowired
	private WelcomeLetters letters;

	@Autowired
	private FireAndForgetCalls calls;

	@Autowired
	private MeterRegistry meterRegistry;

	@LocalServerPort
	private int port;

	@Test
	void runsOnTheSpringBootLineOfThisBuild() {
		// Set by the build from -Dboot.line: proves the line's dependency management took
		// effect
		String expected = System.getProperty("expected.spring-boot.version");
		assumeThat(expected).as("the Spring Boot version the build chose").isNotNull();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
	}

	@Test
	void fireAndForgetCallRunsOnAThreadOfItsOwn() throws InterruptedException {
		this.mailer.sendWelcome("ada");
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.mailer.senderOf("ada")).isNotNull()
			.isNotSameAs(Thread.currentThread())
			.extracting(Thread::getName)
			.asString()
			.startsWith("threadmethod-WelcomeMailer.sendWelcome-");
	}

	@Test
	void finishedCallIsTimedInTheMeterRegistry() throws InterruptedException {
		this.mailer.sendWelcome("grace");
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.meterRegistry.get("threadmethod.calls")
			.tags("task", "WelcomeMailer.sendWelcome", "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void metricsEndpointShowsTheCallTimer() throws InterruptedException {
		this.mailer.sendWelcome("barbara");
		this.calls.awaitIdle(TIMEOUT);
		Map<String, Object> metric = get("/actuator/metrics/threadmethod.calls?tag=task:WelcomeMailer.sendWelcome");
		assertThat(metric).containsEntry("name", "threadmethod.calls");
		assertThat(metric.get("measurements")).asInstanceOf(LIST)
			.anySatisfy((measurement) -> assertThat(measurement).asInstanceOf(MAP)
				.containsEntry("statistic", "COUNT")
				.hasEntrySatisfying("value", (count) -> assertThat(((Number) count).doubleValue()).isPositive()));
	}

	@Test
	void threadMethodEndpointShowsTheTaskAndItsTotals() throws InterruptedException {
		this.mailer.sendWelcome("linus");
		this.calls.awaitIdle(TIMEOUT);
		Map<String, Object> endpoint = get("/actuator/threadmethod");
		assertThat(endpoint).containsKeys("running", "tasks", "configuration");
		assertThat(endpoint.get("tasks")).asInstanceOf(MAP)
			.extractingByKey("WelcomeMailer.sendWelcome")
			.asInstanceOf(MAP)
			.hasEntrySatisfying("completed", (completed) -> assertThat(((Number) completed).longValue()).isPositive());
	}

	@Test
	void aCallWhoseKeyIsStillWaitingOrRunningIsDeduplicatedAndShownSo() throws InterruptedException {
		CountDownLatch sent = new CountDownLatch(1);
		this.mailer.remind("ada", sent);
		this.mailer.remind("ada", sent);
		sent.countDown();
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.calls.getTotals("WelcomeMailer.remind").deduplicated()).isOne();
		assertThat(this.meterRegistry.get("threadmethod.calls.deduplicated")
			.tag("task", "WelcomeMailer.remind")
			.functionCounter()
			.count()).isOne();
		Map<String, Object> endpoint = get("/actuator/threadmethod");
		assertThat(endpoint.get("tasks")).asInstanceOf(MAP)
			.extractingByKey("WelcomeMailer.remind")
			.asInstanceOf(MAP)
			.hasEntrySatisfying("deduplicated", (count) -> assertThat(((Number) count).longValue()).isOne());
	}

	@Test
	void callMadeInATransactionStartsAfterItsCommitAndFindsWhatItWrote() throws InterruptedException {
		List<String> users = IntStream.range(0, 20).mapToObj((i) -> "user-" + i).toList();
		users.forEach(this.registrations::register);
		this.calls.awaitIdle(TIMEOUT);
		assertThat(users).allSatisfy((user) -> assertThat(this.letters.registrationFoundFor(user)).isTrue());
	}

	@Test
	void callOfARolledBackTransactionNeverRunsAndIsCountedAsDiscarded() throws InterruptedException {
		long discardedBefore = this.calls.getTotals("WelcomeLetters.send").discarded();
		assertThatIllegalStateException().isThrownBy(() -> this.registrations.registerAndFail("mallory"));
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.letters.registrationFoundFor("mallory")).isNull();
		assertThat(this.calls.getTotals("WelcomeLetters.send").discarded()).isEqualTo(discardedBefore + 1);
		assertThat(this.meterRegistry.get("threadmethod.calls.discarded")
			.tag("task", "WelcomeLetters.send")
			.functionCounter()
			.count()).isEqualTo(discardedBefore + 1);
	}

	private Map<String, Object> get(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
	}

}

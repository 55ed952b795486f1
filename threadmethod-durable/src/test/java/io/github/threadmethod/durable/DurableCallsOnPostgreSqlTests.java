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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.testsupport.postgresql.ThrowawayPostgreSql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the {@code threadmethodcalls} endpoint over HTTP, on a real PostgreSQL: a call
 * that failed its last attempt shows with its error, is run again through the endpoint
 * and succeeds; another is given up and is gone.
 *
 * @author threadmethod contributors
 */
class DurableCallsOnPostgreSqlTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private ConfigurableApplicationContext context;

	private String endpoint;

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
		Mailer.reset();
	}

	@Test
	void aFailedCallShowsWithItsErrorRunsAgainThroughTheEndpointAndAnotherIsGivenUp() throws Exception {
		String url = postgres.createDatabase("failed_calls");
		start(url);
		Instant before = Instant.now();
		Mailer.failing.set(true);
		Mailer mailer = this.context.getBean(Mailer.class);
		mailer.send("ada@example.com");
		mailer.send("bob@example.com");
		JsonNode listed = await().atMost(WAIT)
			.until(() -> get("/Mailer.send"), (calls) -> calls.path("calls").size() == 2
					&& calls.path("calls").findValuesAsText("status").equals(List.of("FAILED", "FAILED")));
		assertThat(listed.path("task").asText()).isEqualTo("Mailer.send");
		JsonNode ada = call(listed, "ada@example.com");
		JsonNode bob = call(listed, "bob@example.com");
		assertThat(ada.path("id").asText()).startsWith("Mailer.send/");
		assertThat(ada.path("attempts").asInt()).isEqualTo(1);
		assertThat(Instant.parse(ada.path("storedAt").asText())).isBetween(before, Instant.now());
		assertThat(Instant.parse(ada.path("lastFailure").path("at").asText())).isBetween(before, Instant.now());
		assertThat(ada.path("lastFailure").path("type").asText()).isEqualTo("java.lang.IllegalStateException");

		Mailer.failing.set(false);
		HttpResponse<String> runAgain = send("POST", "/" + ada.path("id").asText());
		assertThat(runAgain.statusCode()).isEqualTo(204);
		await().atMost(WAIT).until(() -> Mailer.runs.size() == 1);
		assertThat(Mailer.runs.get(0).getId()).isEqualTo(ada.path("id").asText());
		await().atMost(WAIT).until(() -> get("/Mailer.send").path("calls").size() == 1);
		assertThat(get("/Mailer.send").path("calls").get(0).path("id").asText()).isEqualTo(bob.path("id").asText());

		HttpResponse<String> giveUp = send("DELETE", "/" + bob.path("id").asText());
		assertThat(giveUp.statusCode()).isEqualTo(204);
		assertThat(get("/Mailer.send").path("calls")).isEmpty();
		assertThat(JdbcClient.create(this.context.getBean(javax.sql.DataSource.class))
			.sql("select count(*) from scheduled_tasks")
			.query(Long.class)
			.single()).isZero();
		assertThat(Mailer.runs).hasSize(1);
	}

	@Test
	void anUnknownCallOrTaskIsAnsweredWithNotFoundAndAProblemDetail() throws Exception {
		start(postgres.createDatabase("unknown_calls"));
		String id = "Mailer.send/" + UUID.randomUUID();
		for (HttpResponse<String> response : List.of(send("POST", "/" + id), send("DELETE", "/" + id))) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.path("status").asInt()).isEqualTo(404);
			assertThat(problem.path("title").asText()).isEqualTo("Not Found");
			assertThat(problem.path("detail").asText()).contains("'" + id + "'");
		}
		HttpResponse<String> task = send("GET", "/" + URLEncoder.encode("Mailer.sned", StandardCharsets.UTF_8));
		assertThat(task.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(task.body()).path("detail").asText()).contains("'Mailer.sned'");
		assertThat(send("POST", "/Mailer.sned").statusCode()).isEqualTo(404);
		assertThat(send("POST", "/Mailer.send").body()).isEqualTo("{\"task\":\"Mailer.send\",\"runAgain\":0}");
	}

	private static JsonNode call(JsonNode listed, String to) {
		for (JsonNode call : listed.path("calls")) {
			if (call.path("lastFailure").path("message").asText().equals("mail server down for " + to)) {
				return call;
			}
		}
		throw new AssertionError("No call to " + to + " in " + listed);
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send("GET", path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.endpoint + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private void start(String url) {
		this.context = new SpringApplicationBuilder(EndpointApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.datasource.url=" + url,
					"spring.datasource.username=" + postgres.getUsername(),
					"threadmethod.durable.initialize-schema=always", "threadmethod.tasks[Mailer.send].mode=durable",
					"threadmethod.tasks[Mailer.send].durable.max-retries=0",
					"management.endpoints.web.exposure.include=threadmethodcalls",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off")
			.run();
		this.endpoint = "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port")
				+ "/actuator/threadmethodcalls";
	}

	public static class Mailer {

		static final List<DurableCall> runs = new CopyOnWriteArrayList<>();

		static final AtomicBoolean failing = new AtomicBoolean();

		static void reset() {
			runs.clear();
			failing.set(false);
		}

		@FireAndForget
		public void send(String to) {
			if (failing.get()) {
				throw new IllegalStateException("mail server down for " + to);
			}
			runs.add(DurableCall.current());
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EndpointApplication {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

	}

}

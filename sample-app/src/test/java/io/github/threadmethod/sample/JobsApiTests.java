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
package io.github.threadmethod.sample;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the sample's HTTP API through a real client on a random port.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:jobs-api;DB_CLOSE_DELAY=-1")
@Import(GatedDelay.GatedDelayConfiguration.class)
class JobsApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private GatedDelay delay;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JobProcessor processor;

	@Autowired
	private JobRepository jobs;

	private JobsClient client;

	@BeforeEach
	void createClientOverNoJobs() {
		this.client = new JobsClient(this.port);
		this.jdbc.sql("delete from job").update();
	}

	@AfterEach
	void openGate() {
		this.delay.open();
	}

	@Test
	void postIsAnsweredBeforeTheWorkFinishesAndTheJobIsDoneLater() throws Exception {
		assertThat(AopUtils.isAopProxy(this.processor)).isTrue();
		this.delay.close();
		HttpResponse<String> response = this.client
			.submit("{\"text\": \"To be, or not to be: that is the question.\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		DocumentContext accepted = JsonPath.parse(response.body());
		assertThat(location).isEqualTo("/jobs/" + accepted.read("$.id"));
		assertThat(accepted.read("$.state", String.class)).isIn("ACCEPTED", "RUNNING");
		await().until(() -> this.client.state(location), "RUNNING"::equals);
		this.delay.open();
		await().until(() -> this.client.state(location), "DONE"::equals);
		DocumentContext done = this.client.job(location);
		assertThat(done.read("$.result.words", Integer.class)).isEqualTo(10);
		assertThat(done.read("$.result.distinctWords", Integer.class)).isEqualTo(8);
		assertThat(done.read("$.result.topWords", List.class)).containsExactly("be", "to", "is", "not", "or");
		assertThat(done.read("$.result.sha256", String.class)).hasSize(64);
		assertThat(done.read("$.startedAt", String.class)).isNotNull();
		assertThat(done.read("$.finishedAt", String.class)).isNotNull();
		assertThat(done.read("$.error", String.class)).isNull();
		assertThat(done.read("$.attempts", Integer.class)).isOne();
		assertThat(done.read("$.mode", String.class)).isEqualTo(JobMode.THREAD);
	}

	@Test
	void jobThatEndedIsNeitherStartedNorEndedAgain() {
		UUID id = this.jobs.create(JobMode.DURABLE).id();
		assertThat(this.jobs.markRunning(id)).isTrue();
		assertThat(this.jobs.markDone(id, TextAnalysis.of("the first run's result"))).isTrue();
		assertThat(this.jobs.markRunning(id)).isFalse();
		assertThat(this.jobs.markDone(id, TextAnalysis.of("a second run"))).isFalse();
		this.jobs.markFailed(id, "a third run failed");
		Job job = this.jobs.find(id).orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.DONE);
		assertThat(job.attempts()).isOne();
		assertThat(job.result()).isEqualTo(TextAnalysis.of("the first run's result"));
		assertThat(job.error()).isNull();
	}

	@Test
	void failingJobIsRecordedAsFailedWithItsError() throws Exception {
		HttpResponse<String> response = this.client.submit("{\"text\": \"doomed\", \"simulateFailure\": true}");
		assertThat(response.statusCode()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		await().until(() -> this.client.state(location), "FAILED"::equals);
		DocumentContext failed = this.client.job(location);
		assertThat(failed.read("$.error", String.class)).isEqualTo("Failed on purpose, as the request asked");
		assertThat(failed.read("$.result", Object.class)).isNull();
	}

	@Test
	void failingJobCountsAsAFailedCallInTheMetrics() throws Exception {
		double failedBefore = failedCalls();
		String location = this.client.submit("{\"text\": \"doomed\", \"simulateFailure\": true}")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		await().until(() -> this.client.state(location), "FAILED"::equals);
		await().until(this::failedCalls, (failed) -> failed == failedBefore + 1);
	}

	/**
	 * Return how many calls of the job's task failed with the exception of a failure on
	 * purpose, as the metrics endpoint says: none before the first.
	 */
	private double failedCalls() throws Exception {
		HttpResponse<String> response = this.client.get("/actuator/metrics/threadmethod.calls?tag=task:"
				+ JobProcessor.TASK + "&tag=outcome:failure&tag=exception:IllegalStateException");
		if (response.statusCode() == 404) {
			return 0;
		}
		assertThat(response.statusCode()).isEqualTo(200);
		List<Number> counts = JsonPath.parse(response.body()).read("$.measurements[?(@.statistic == 'COUNT')].value");
		return counts.get(0).doubleValue();
	}

	@Test
	void recentJobsAreListedNewestFirst() throws Exception {
		String first = this.client.submit("{\"text\": \"first\"}").headers().firstValue("Location").orElseThrow();
		String second = this.client.submit("{\"text\": \"second\"}").headers().firstValue("Location").orElseThrow();
		HttpResponse<String> response = this.client.get("/jobs?limit=2");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = JsonPath.parse(response.body()).read("$[*].id");
		assertThat(ids).containsExactly(second.substring("/jobs/".length()), first.substring("/jobs/".length()));
	}

	@Test
	void actuatorEndpointShowsRunningJobsAndTotals() throws Exception {
		this.delay.close();
		this.client.submit("{\"text\": \"watched\"}");
		await().until(() -> JsonPath.parse(this.client.get("/actuator/threadmethod").body())
			.read("$.running.length()", Integer.class) == 1);
		HttpResponse<String> response = this.client.get("/actuator/threadmethod");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext body = JsonPath.parse(response.body());
		assertThat(body.read("$.running[0].task", String.class)).isEqualTo("analyse-text");
		assertThat(body.read("$.running[0].thread", String.class)).startsWith("threadmethod-analyse-text-");
		assertThat(body.read("$.running[0].startedAt", String.class)).isNotBlank();
		assertThat(body.read("$.tasks['analyse-text'].running", Integer.class)).isOne();
		assertThat(body.read("$.configuration.shutdownTimeout", String.class)).isEqualTo("PT30S");
		this.delay.open();
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		assertProblem(this.client.submit("{\"text\": "), 400, "Bad Request");
	}

	@Test
	void missingTextIsABadRequestNamingTheField() throws Exception {
		DocumentContext problem = assertProblem(this.client.submit("{}"), 400, "Bad Request");
		assertThat(problem.read("$.errors", List.class)).containsExactly("text: must not be blank");
	}

	@Test
	void blankTextIsABadRequest() throws Exception {
		DocumentContext problem = assertProblem(this.client.submit("{\"text\": \"   \"}"), 400, "Bad Request");
		assertThat(problem.read("$.errors", List.class)).containsExactly("text: must not be blank");
	}

	@Test
	void textOverTheLimitIsABadRequest() throws Exception {
		String text = "a".repeat(JobRequest.MAX_TEXT_LENGTH + 1);
		DocumentContext problem = assertProblem(this.client.submit("{\"text\": \"" + text + "\"}"), 400, "Bad Request");
		assertThat(problem.read("$.errors", List.class)).containsExactly("text: size must be between 0 and 20000");
	}

	@Test
	void wrongTypeOfFieldIsABadRequest() throws Exception {
		assertProblem(this.client.submit("{\"text\": \"x\", \"simulateFailure\": \"maybe\"}"), 400, "Bad Request");
	}

	@Test
	void oversizedBodyIsContentTooLarge() throws Exception {
		String body = "{\"text\": \"" + "a".repeat(70_000) + "\"}";
		assertProblem(this.client.submit(body), 413, "Content Too Large");
	}

	@Test
	void oversizedBodyWithoutDeclaredLengthIsContentTooLarge() throws Exception {
		byte[] body = ("{\"text\": \"" + "a".repeat(70_000) + "\"}").getBytes();
		HttpResponse<String> response = this.client.post("application/json",
				BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(body)));
		assertProblem(response, 413, "Content Too Large");
	}

	@Test
	void unsupportedMediaTypeIsRejected() throws Exception {
		assertProblem(this.client.post("text/plain", BodyPublishers.ofString("text")), 415, "Unsupported Media Type");
	}

	@Test
	void unknownJobIsNotFound() throws Exception {
		DocumentContext problem = assertProblem(this.client.get("/jobs/3f2c0a5e-4b7d-4c1e-9a51-6d1f0e2b7c90"), 404,
				"Job not found");
		assertThat(problem.read("$.detail", String.class))
			.isEqualTo("No job has the id 3f2c0a5e-4b7d-4c1e-9a51-6d1f0e2b7c90");
	}

	@Test
	void malformedJobIdIsABadRequest() throws Exception {
		assertProblem(this.client.get("/jobs/not-a-uuid"), 400, "Bad Request");
	}

	@Test
	void outOfRangeLimitIsABadRequest() throws Exception {
		DocumentContext problem = assertProblem(this.client.get("/jobs?limit=0"), 400, "Bad Request");
		assertThat(problem.read("$.errors", List.class)).containsExactly("limit: must be greater than or equal to 1");
	}

	private DocumentContext assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		DocumentContext problem = JsonPath.parse(response.body());
		assertThat(problem.read("$.status", Integer.class)).isEqualTo(status);
		assertThat(problem.read("$.title", String.class)).isEqualTo(title);
		assertThat(jobCount()).as("jobs recorded").isZero();
		return problem;
	}

	private long jobCount() {
		return this.jdbc.sql("select count(*) from job").query(Long.class).single();
	}

}

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

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a job's log lines carry the trace of the request that submitted it: the line
 * written on the request's thread and those written on the job's own thread share one
 * trace id, and the job's lines are in a span of their own.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:jobs-tracing;DB_CLOSE_DELAY=-1", "sample.jobs.delay=0s" })
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class JobTracingTests {

	// The level pattern of application.properties, then Boot's correlation pattern
	private static final Pattern TRACED_LINE = Pattern.compile(
			".*\\[(?<job>[0-9a-f-]{36})\\].*\\[(?<trace>[0-9a-f]{16,32})-(?<span>[0-9a-f]{16})\\] .*: (?<message>.*)");

	@LocalServerPort
	private int port;

	@Test
	void jobLinesOnBothThreadsCarryTheRequestsTraceId(CapturedOutput output) throws Exception {
		JobsClient client = new JobsClient(this.port);
		String location = client.submit("{\"text\": \"traced\"}").headers().firstValue("Location").orElseThrow();
		String jobId = location.substring("/jobs/".length());
		await().until(() -> client.state(location), "DONE"::equals);
		await().until(() -> linesOf(output, jobId).stream().anyMatch((line) -> line.endsWith("Job done")));
		List<Matcher> lines = linesOf(output, jobId).stream()
			.map(TRACED_LINE::matcher)
			.filter(Matcher::matches)
			.toList();
		Matcher accepted = only(lines, "Job accepted");
		Matcher started = only(lines, "Job started");
		Matcher done = only(lines, "Job done");
		assertThat(started.group("trace")).isEqualTo(accepted.group("trace"));
		assertThat(done.group("trace")).isEqualTo(accepted.group("trace"));
		assertThat(started.group("span")).isEqualTo(done.group("span")).isNotEqualTo(accepted.group("span"));
	}

	private static List<String> linesOf(CapturedOutput output, String jobId) {
		return output.getOut().lines().filter((line) -> line.contains("[" + jobId + "]")).toList();
	}

	private static Matcher only(List<Matcher> lines, String message) {
		List<Matcher> matching = lines.stream().filter((line) -> line.group("message").equals(message)).toList();
		assertThat(matching).as(message).hasSize(1);
		return matching.get(0);
	}

}

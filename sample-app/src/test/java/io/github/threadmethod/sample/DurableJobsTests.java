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

import java.net.http.HttpResponse;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the sample's jobs in the durable mode, on its embedded database: stored, run by
 * the engine, recorded as durable.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadmethod.tasks[analyse-text].mode=durable", "sample.jobs.delay=10ms",
				"spring.datasource.url=jdbc:h2:mem:jobs-durable;DB_CLOSE_DELAY=-1" })
@ExtendWith(OutputCaptureExtension.class)
class DurableJobsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void jobIsStoredThenRunByTheEngineAndRecordedAsDurable(CapturedOutput output) throws Exception {
		JobsClient client = new JobsClient(this.port);
		HttpResponse<String> response = client.submit("{\"text\": \"stored before it runs\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		await().until(() -> client.state(location), "DONE"::equals);
		DocumentContext done = client.job(location);
		assertThat(done.read("$.result.words", Integer.class)).isEqualTo(4);
		assertThat(done.read("$.attempts", Integer.class)).isOne();
		assertThat(done.read("$.mode", String.class)).isEqualTo(JobMode.DURABLE);
		assertThat(this.jdbc.sql("select mode from job where id = ?")
			.param(UUID.fromString(done.read("$.id")))
			.query(String.class)
			.single()).isEqualTo(JobMode.DURABLE);
		// Only a durable call's body knows its attempt
		assertThat(output).contains("Job started (attempt 1)");
	}

}

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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests what happens to jobs when the app stops and starts again on the same database.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class JobsAcrossRestartsTests {

	@TempDir
	Path dataDir;

	@Test
	void unfinishedJobsOfAnEarlierProcessAreMarkedAbandonedOnStartup() throws Exception {
		Job left;
		try (ConfigurableApplicationContext first = start()) {
			left = first.getBean(JobRepository.class).create();
		}
		try (ConfigurableApplicationContext second = start()) {
			DocumentContext job = client(second).job("/jobs/" + left.id());
			assertThat(job.read("$.state", String.class)).isEqualTo("ABANDONED");
			assertThat(job.read("$.error", String.class))
				.isEqualTo("The process that accepted this job stopped before it finished");
			assertThat(job.read("$.finishedAt", String.class)).isNotNull();
		}
	}

	@Test
	void jobRunningWhenTheAppStopsFinishesAndIsRecordedDone(CapturedOutput output) throws Exception {
		String location;
		ConfigurableApplicationContext first = start();
		GatedDelay delay = first.getBean(GatedDelay.class);
		try {
			delay.close();
			JobsClient client = client(first);
			HttpResponse<String> response = client.submit("{\"text\": \"finish me during shutdown\"}");
			location = response.headers().firstValue("Location").orElseThrow();
			await().until(() -> client.state(location), "RUNNING"::equals);
			Thread closer = new Thread(first::close, "closer");
			closer.start();
			await().until(() -> output.toString().contains("for 1 running @FireAndForget call(s) to finish"));
			delay.open();
			closer.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(closer.isAlive()).isFalse();
		}
		finally {
			delay.open();
			first.close();
		}
		try (ConfigurableApplicationContext second = start()) {
			DocumentContext job = client(second).job(location);
			assertThat(job.read("$.state", String.class)).isEqualTo("DONE");
			assertThat(job.read("$.result.words", Integer.class)).isEqualTo(4);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class, GatedDelay.GatedDelayConfiguration.class)
			.run("--server.port=0", "--sample.data-dir=" + this.dataDir);
	}

	private JobsClient client(ConfigurableApplicationContext context) {
		return new JobsClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}

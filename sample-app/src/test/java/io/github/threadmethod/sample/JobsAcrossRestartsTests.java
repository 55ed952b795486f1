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

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
			left = first.getBean(JobRepository.class).create(JobMode.THREAD);
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
	void unfinishedDurableJobsAreLeftForTheEngineOnStartup() throws Exception {
		Job left;
		try (ConfigurableApplicationContext first = start()) {
			left = first.getBean(JobRepository.class).create(JobMode.DURABLE);
		}
		try (ConfigurableApplicationContext second = start()) {
			DocumentContext job = client(second).job("/jobs/" + left.id());
			assertThat(job.read("$.state", String.class)).isEqualTo("ACCEPTED");
			assertThat(job.read("$.error", String.class)).isNull();
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

	@Test
	void requestStillBeingHandledWhenShutdownBeginsCanStartAJob(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext first = start(LateSubmitController.class);
		LateSubmitController controller = first.getBean(LateSubmitController.class);
		JobsClient client = client(first);
		CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
			try {
				return client.post("/late-jobs", "application/json",
						BodyPublishers.ofString("{\"text\": \"late but welcome\"}"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			assertThat(controller.entered.await(30, TimeUnit.SECONDS)).isTrue();
			Thread closer = new Thread(first::close, "closer");
			closer.start();
			await().until(() -> output.toString().contains("Commencing graceful shutdown"));
			controller.release.countDown();
			assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
			closer.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(closer.isAlive()).isFalse();
		}
		finally {
			controller.release.countDown();
			first.close();
		}
		String location = response.get().headers().firstValue("Location").orElseThrow();
		try (ConfigurableApplicationContext second = start()) {
			assertThat(client(second).state(location)).isEqualTo("DONE");
		}
	}

	private ConfigurableApplicationContext start(Class<?>... extraSources) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(SampleApplication.class,
				GatedDelay.GatedDelayConfiguration.class);
		for (Class<?> source : extraSources) {
			builder.sources(source);
		}
		return builder.run("--server.port=0", "--sample.data-dir=" + this.dataDir);
	}

	/**
	 * Takes a job as {@code POST /jobs} does, but only once the test lets it, so that the
	 * request is still being handled when shutdown begins.
	 * <p>
	 * It writes its whole response before it returns. Tomcat's graceful shutdown counts a
	 * request as finished once the servlet has returned, and the server is then stopped,
	 * closing its connections, while the response left for Tomcat to write after the
	 * servlet may not be written yet: under load, the client lost the 202 now and then.
	 * Closing the output stream makes Tomcat write the response, and the request still
	 * counts as active until that is done.
	 */
	@RestController
	static class LateSubmitController {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final JobRepository jobs;

		private final JobProcessor processor;

		LateSubmitController(JobRepository jobs, JobProcessor processor) {
			this.jobs = jobs;
			this.processor = processor;
		}

		@PostMapping("/late-jobs")
		void submitLate(@RequestBody JobRequest request, HttpServletResponse response)
				throws InterruptedException, IOException {
			this.entered.countDown();
			if (!this.release.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never released the request");
			}
			Job job = this.jobs.create(JobMode.THREAD);
			this.processor.process(job.id(), request.text(), false);
			response.setStatus(HttpStatus.ACCEPTED.value());
			response.setHeader(HttpHeaders.LOCATION, "/jobs/" + job.id());
			response.setContentLength(0);
			response.getOutputStream().close();
		}

	}

	private JobsClient client(ConfigurableApplicationContext context) {
		return new JobsClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}

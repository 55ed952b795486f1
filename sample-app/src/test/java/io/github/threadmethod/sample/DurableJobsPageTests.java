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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the sample's page in a real headless Chromium when the jobs run in the durable
 * mode: each job shows how many times its work started.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadmethod.tasks[analyse-text].mode=durable", "sample.jobs.delay=10ms",
				"spring.datasource.url=jdbc:h2:mem:durable-jobs-page;DB_CLOSE_DELAY=-1" })
class DurableJobsPageTests {

	@RegisterExtension
	static final HeadlessChromium browser = new HeadlessChromium();

	@LocalServerPort
	private int port;

	@Test
	void durableJobsShowTheirModeAndAttempts() {
		JobsPage page = new JobsPage(browser.driver()).open(this.port);
		String failed = page.submit("doomed, durably", true);
		String done = page.submit("stored before it runs", false);
		page.waitForState(failed, "Failed");
		page.waitForState(done, "Done");
		assertThat(page.attempts(failed)).isEqualTo("1 attempt");
		assertThat(page.result(failed)).isEqualTo("Failed on purpose, as the request asked");
		assertThat(page.attempts(done)).isEqualTo("1 attempt");
		assertThat(page.mode(done)).isEqualTo("durable mode");
		assertThat(page.answeredIn(done)).matches("\\d+(\\.\\d+)? ms");
		assertThat(page.took(done)).matches(JobsPage.DURATION);
	}

}

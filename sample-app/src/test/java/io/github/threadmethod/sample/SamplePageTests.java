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

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the sample's page in a real headless Chromium, against the app on a random port:
 * a job submitted there is answered at once, then followed until it ends.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:sample-page;DB_CLOSE_DELAY=-1")
@Import(GatedDelay.GatedDelayConfiguration.class)
class SamplePageTests {

	@RegisterExtension
	static final HeadlessChromium browser = new HeadlessChromium();

	@LocalServerPort
	private int port;

	@Autowired
	private GatedDelay delay;

	@Autowired
	private JdbcClient jdbc;

	private JobsPage page;

	@BeforeEach
	void openPageOverNoJobs() {
		this.jdbc.sql("delete from job").update();
		this.page = new JobsPage(browser.driver()).open(this.port);
	}

	@AfterEach
	void openGate() {
		this.delay.open();
	}

	@Test
	void jobIsAnsweredAtOnceThenFollowedUntilDone() {
		this.delay.close();
		String id = this.page.submit("To be, or not to be: that is the question.", false);
		// Answered while the work waits at the gate: only the page's polling can show
		// it done
		assertThat(this.page.state(id)).isIn("Accepted", "Running");
		assertThat(this.page.answeredIn(id)).matches("\\d+(\\.\\d+)? ms");
		this.page.waitForState(id, "Running");
		this.delay.open();
		this.page.waitForState(id, "Done");
		assertThat(this.page.took(id)).matches(JobsPage.DURATION);
		assertThat(this.page.result(id)).isEqualTo("10 words, 8 distinct\ntop: be, to, is, not, or");
		assertThat(this.page.mode(id)).isEqualTo("thread mode");
		assertThat(this.page.attempts(id)).as("attempts, shown in the durable mode only").isEmpty();
		assertThat(this.page.status())
			.isEqualTo("Job " + id.substring(0, 8) + " done after " + this.page.took(id) + ".");
	}

	@Test
	void jobThatFailsIsShownFailedWithItsError() {
		String id = this.page.submit("doomed", true);
		this.page.waitForState(id, "Failed");
		assertThat(this.page.result(id)).isEqualTo("Failed on purpose, as the request asked");
		assertThat(this.page.took(id)).matches(JobsPage.DURATION);
	}

	@Test
	void emptyTextSubmittedWithTheKeyboardShowsTheProblemDetailAndRecordsNothing() {
		this.page.enterText("");
		// From the text to the box, to the button, and press it
		this.page.textField().sendKeys(Keys.TAB);
		this.page.focused().sendKeys(Keys.TAB);
		assertThat(this.page.focused()).isEqualTo(this.page.submitButton());
		this.page.focused().sendKeys(Keys.ENTER);
		assertThat(this.page.waitForProblem())
			.isEqualTo("Bad Request (400)\nInvalid request content.\n" + "text: must not be blank");
		assertThat(this.page.textField().getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.page.focused()).as("focus back on the text").isEqualTo(this.page.textField());
		assertThat(this.page.rows()).isEmpty();
		String id = this.page.submit("now with words", false);
		assertThat(this.page.problem()).isEmpty();
		assertThat(this.page.textField().getDomAttribute("aria-invalid")).isNull();
		this.page.waitForState(id, "Done");
	}

	@Test
	void textOverTheLimitShowsTheProblemDetail() {
		assertThat(this.page.hint())
			.contains("At most " + String.format(Locale.ROOT, "%,d", JobRequest.MAX_TEXT_LENGTH) + " characters");
		this.page.pasteText("a".repeat(JobRequest.MAX_TEXT_LENGTH + 1));
		this.page.submitButton().click();
		assertThat(this.page.waitForProblem())
			.isEqualTo("Bad Request (400)\nInvalid request content.\n" + "text: size must be between 0 and 20000");
		assertThat(this.page.rows()).isEmpty();
	}

	@Test
	void screenshotShowsJobsDoneFailedAndRunning() throws Exception {
		// The app's first answers are slow while its code warms up: not what the picture
		// is meant to show
		JobsClient client = new JobsClient(this.port);
		for (int i = 0; i < 20; i++) {
			client.submit("{\"text\": \"warming up\"}");
		}
		this.jdbc.sql("delete from job").update();
		this.page.open(this.port);
		this.delay.close();
		String done = this.page.submit("To be, or not to be: that is the question.", false);
		String failed = this.page.submit("Whether 'tis nobler in the mind to suffer", true);
		this.page.waitForState(done, "Running");
		this.page.waitForState(failed, "Running");
		this.delay.open();
		this.delay.close();
		String running = this.page.submit("The slings and arrows of outrageous fortune", false);
		this.page.waitForState(done, "Done");
		this.page.waitForState(failed, "Failed");
		this.page.waitForState(running, "Running");
		Path screenshot = browser.screenshot("sample-page");
		assertThat(screenshot).isNotEmptyFile();
	}

}

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

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample's page at {@code /}, as a person sees and uses it in a real browser: what
 * its elements say, read the way a user would read them.
 *
 * @author threadmethod contributors
 */
class JobsPage {

	/**
	 * How the page writes a time it measured or the app recorded: milliseconds, or
	 * seconds from one second up.
	 */
	static final String DURATION = "\\d+(\\.\\d+)? m?s";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final WebDriver driver;

	private final WebDriverWait wait;

	JobsPage(WebDriver driver) {
		this.driver = driver;
		// A job's status is drawn again on every poll: an element read a moment ago may
		// be gone
		this.wait = new WebDriverWait(driver, TIMEOUT);
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	/**
	 * Open the page and wait until it has read the recent jobs.
	 * @param port the app's port
	 * @return the page
	 */
	JobsPage open(int port) {
		this.driver.get("http://localhost:" + port + "/");
		this.wait.until((driver) -> "false".equals(jobs().getDomAttribute("aria-busy")));
		return this;
	}

	/**
	 * Enter the text, tick or untick the failure box, press Submit, and wait for the job
	 * to be shown.
	 * @param text the text
	 * @param failOnPurpose whether the job should fail
	 * @return the job's id
	 */
	String submit(String text, boolean failOnPurpose) {
		int before = rows().size();
		enterText(text);
		WebElement failure = this.driver.findElement(By.id("simulate-failure"));
		if (failure.isSelected() != failOnPurpose) {
			failure.click();
		}
		submitButton().click();
		this.wait.until((driver) -> rows().size() > before);
		return rows().get(0).getDomAttribute("data-job-id");
	}

	void enterText(String text) {
		WebElement field = textField();
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * Put the text in the field at once, as a paste would: typing a long one key by key
	 * takes too long.
	 * @param text the text
	 */
	void pasteText(String text) {
		((JavascriptExecutor) this.driver).executeScript("arguments[0].value = arguments[1]", textField(), text);
	}

	WebElement textField() {
		return this.driver.findElement(By.id("text"));
	}

	WebElement submitButton() {
		return this.driver.findElement(By.cssSelector("#job-form button[type=submit]"));
	}

	WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	void waitForState(String id, String state) {
		this.wait.withMessage(() -> "job " + id + " to be shown " + state + ", shown " + stateIfShown(id))
			.until((driver) -> state.equals(state(id)));
	}

	String waitForProblem() {
		return this.wait.until((driver) -> {
			String problem = problem();
			return problem.isEmpty() ? null : problem;
		});
	}

	List<WebElement> rows() {
		return jobs().findElements(By.cssSelector("tbody tr"));
	}

	private WebElement jobs() {
		return this.driver.findElement(By.id("jobs"));
	}

	String state(String id) {
		return cell(id, ".job-state");
	}

	private String stateIfShown(String id) {
		try {
			return state(id);
		}
		catch (WebDriverException ex) {
			return "nothing: " + ex.getClass().getSimpleName();
		}
	}

	String attempts(String id) {
		return this.wait.until((driver) -> {
			List<WebElement> attempts = row(id).findElements(By.cssSelector(".attempts"));
			return attempts.isEmpty() ? "" : attempts.get(0).getText();
		});
	}

	String mode(String id) {
		return cell(id, ".job-mode");
	}

	String answeredIn(String id) {
		return cell(id, ".job-answered");
	}

	String took(String id) {
		return cell(id, ".job-took");
	}

	String result(String id) {
		return cell(id, ".job-result");
	}

	String problem() {
		return this.driver.findElement(By.id("problem")).getText();
	}

	String hint() {
		return this.driver.findElement(By.id("text-hint")).getText();
	}

	String status() {
		return this.driver.findElement(By.id("status")).getText();
	}

	// Read again when the element is drawn anew between finding and reading it
	private String cell(String id, String selector) {
		return this.wait.until((driver) -> row(id).findElement(By.cssSelector(selector)).getText());
	}

	private WebElement row(String id) {
		return this.driver.findElement(By.cssSelector("#jobs tbody tr[data-job-id='" + id + "']"));
	}

}

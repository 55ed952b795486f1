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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium of a test class's own, driven through the machine's chromedriver:
 * Debian's {@code chromium} and {@code chromium-driver} packages, at fixed paths, so that
 * nothing is downloaded while the tests run (Selenium Manager, which would fetch a
 * browser or a driver, is never asked: the service names its driver). Starts before the
 * class's tests with a profile in a temporary directory, and quits after them. When a
 * test fails, what the browser showed then is saved under {@code target/screenshots}.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final HeadlessChromium browser = new HeadlessChromium();
 * </pre>
 *
 * <p>
 * Without the binaries the class's tests are skipped, naming what is missing; under CI
 * ({@code CI=true}) they fail instead, since CI must install them ({@code .ci/run} does),
 * as the PostgreSQL tests do.
 *
 * @author threadmethod contributors
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * What a test is told when this machine has no Chromium or chromedriver.
	 */
	static final String BINARIES_MISSING = "No Chromium (" + BROWSER + ") or chromedriver (" + DRIVER
			+ ") on this machine: install them, e.g. apt-get install chromium chromium-driver";

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Path profile;

	private ChromeDriverService service;

	private ChromeDriver driver;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(BINARIES_MISSING);
			}
			Assumptions.abort(BINARIES_MISSING);
		}
		this.profile = Files.createTempDirectory("threadmethod-chromium-");
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			// No sandbox, which does not run as root; a fresh profile; and nothing that
			// talks to the network but the page itself
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,960", "--user-data-dir=" + this.profile);
		this.driver = new ChromeDriver(this.service, options);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (this.driver != null) {
				this.driver.quit();
			}
		}
		finally {
			if (this.service != null) {
				this.service.stop();
			}
			if (this.profile != null) {
				delete(this.profile);
			}
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (this.driver != null) {
			try {
				screenshot(context.getRequiredTestClass().getSimpleName() + "-"
						+ context.getRequiredTestMethod().getName() + "-failed");
			}
			catch (IOException | RuntimeException ex) {
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Save what the browser shows now under {@code target/screenshots}.
	 * @param name the file's name, without its {@code .png}
	 * @return the file
	 * @throws IOException if the file cannot be written
	 */
	Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path screenshot = SCREENSHOTS.resolve(name + ".png");
		return Files.write(screenshot, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	// Best effort: a temporary directory left behind is no reason to fail the tests
	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// Left for the system's clean-up of temporary files
		}
	}

}

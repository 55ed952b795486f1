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

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The sample app in a JVM of its own, started from the classes this build made and the
 * libraries on the test class path (the tests' own classes left out, so that nothing of
 * theirs is scanned), on a free port, its output in a log file.
 *
 * @author threadmethod contributors
 */
final class SampleAppProcess {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private SampleAppProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start the app, without waiting for it to be ready.
	 * @param name the instance's name, for its log file
	 * @param logs where to write the log
	 * @param arguments the app's arguments, besides its port
	 */
	static SampleAppProcess start(String name, Path logs, String... arguments) throws IOException {
		int port = freePort();
		Path log = logs.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Small and quick to start: two of them share the machine with the build
		command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		command.addAll(List.of("-cp", applicationClassPath(), SampleApplication.class.getName()));
		command.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port));
		command.addAll(Arrays.asList(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleAppProcess(name, process, port, log);
	}

	private static String applicationClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * Wait until the app answers its health check.
	 * @return this instance
	 */
	SampleAppProcess awaitReady() {
		JobsClient client = client();
		await(this.name + " ready").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.failFast(this.name + " exited; its log: " + this.log, () -> !this.process.isAlive())
			.until(() -> client.get("/actuator/health").statusCode() == 200);
		return this;
	}

	JobsClient client() {
		return new JobsClient(this.port);
	}

	/**
	 * Kill the JVM at once, with SIGKILL, as {@code kill -9} does: no shutdown hook, no
	 * drain, nothing written to the database.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return what the app has logged so far.
	 * @return the lines
	 */
	List<String> logLines() throws IOException {
		return Files.readAllLines(this.log, StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ", port " + this.port + ", log " + this.log + ")";
	}

}

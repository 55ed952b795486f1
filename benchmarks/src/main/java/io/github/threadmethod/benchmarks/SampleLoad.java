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
package io.github.threadmethod.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sample app under load: the latency of the {@code POST /jobs} that hands its work to
 * a {@code @FireAndForget} method, with the starter on and off. Starts the sample app's
 * jar in a process of its own on a free loopback port and sends it a bounded number of
 * requests, a bounded number at a time, each with a timeout.
 *
 * @author threadmethod contributors
 */
final class SampleLoad {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final Path jar;

	SampleLoad(Path jar) {
		this.jar = jar;
	}

	/**
	 * Run the load against the sample app.
	 * @param fireAndForget whether {@code threadmethod.enabled} is true
	 * @param delay the simulated work of each job
	 * @param requests how many requests to measure, after a fifth as many to warm up
	 * @param concurrency how many requests are in flight at most
	 * @return the latencies of the measured requests and how long they took in all
	 */
	Result run(boolean fireAndForget, Duration delay, int requests, int concurrency) throws Exception {
		int port = freePort();
		Path dataDir = Files.createTempDirectory("threadmethod-load");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process app = new ProcessBuilder(java, "-jar", this.jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--sample.data-dir=" + dataDir,
				"--sample.jobs.delay=" + delay.toMillis() + "ms", "--threadmethod.enabled=" + fireAndForget,
				"--logging.level.root=warn")
			.redirectOutput(new File(dataDir.toFile(), "app.log"))
			.redirectErrorStream(true)
			.start();
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
			String base = "http://127.0.0.1:" + port;
			awaitHealthy(client, base, app);
			send(client, base, Math.max(10, requests / 5), concurrency);
			long start = System.nanoTime();
			List<Long> latencies = send(client, base, requests, concurrency);
			return new Result(latencies, System.nanoTime() - start);
		}
		finally {
			app.destroy();
			if (!app.waitFor(60, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private List<Long> send(HttpClient client, String base, int count, int concurrency) throws Exception {
		Semaphore inFlight = new Semaphore(concurrency);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
		List<CompletableFuture<?>> responses = new ArrayList<>(count);
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jobs"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"the quick brown fox jumps over the lazy dog\"}"))
			.build();
		for (int i = 0; i < count; i++) {
			inFlight.acquire();
			long start = System.nanoTime();
			responses.add(client.sendAsync(request, BodyHandlers.discarding()).whenComplete((response, failure) -> {
				inFlight.release();
				if (failure == null && response.statusCode() == 202) {
					latencies.add(System.nanoTime() - start);
				}
			}));
		}
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
			.exceptionally((failure) -> null)
			.get(count * REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return sorted;
	}

	private static void awaitHealthy(HttpClient client, String base, Process app) throws Exception {
		HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
			.timeout(REQUEST_TIMEOUT)
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				if (client.send(health, BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The sample app did not become healthy at " + base);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * What a load run measured.
	 *
	 * @param latencies the latencies of the successful requests, in nanoseconds, sorted
	 * @param elapsedNanos how long all the requests took
	 */
	record Result(List<Long> latencies, long elapsedNanos) {

		double requestsPerSecond() {
			return this.latencies.size() / (this.elapsedNanos / 1e9);
		}

	}

}

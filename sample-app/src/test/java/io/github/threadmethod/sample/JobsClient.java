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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * A real HTTP client for the sample's API, as a user's client would call it.
 *
 * @author threadmethod contributors
 */
class JobsClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	JobsClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	HttpResponse<String> submit(String json) throws IOException, InterruptedException {
		return post("application/json", BodyPublishers.ofString(json));
	}

	HttpResponse<String> post(String contentType, BodyPublisher body) throws IOException, InterruptedException {
		return post("/jobs", contentType, body);
	}

	HttpResponse<String> post(String path, String contentType, BodyPublisher body)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", contentType)
			.POST(body)
			.build());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build());
	}

	DocumentContext job(String location) throws IOException, InterruptedException {
		return JsonPath.parse(get(location).body());
	}

	String state(String location) throws IOException, InterruptedException {
		return job(location).read("$.state");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, BodyHandlers.ofString());
	}

}

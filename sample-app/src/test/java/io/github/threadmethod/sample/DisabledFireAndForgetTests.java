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

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code threadmethod.enabled=false} turns the offloaded work back into part
 * of the request: {@code POST /jobs} answers only once the work is done.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "threadmethod.enabled=false",
		"sample.jobs.delay=10ms", "spring.datasource.url=jdbc:h2:mem:jobs-disabled;DB_CLOSE_DELAY=-1" })
class DisabledFireAndForgetTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JobProcessor processor;

	@Test
	void postWaitsForTheWork() throws Exception {
		assertThat(AopUtils.isAopProxy(this.processor)).isFalse();
		HttpResponse<String> response = new JobsClient(this.port).submit("{\"text\": \"done before the answer\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		DocumentContext job = JsonPath.parse(response.body());
		assertThat(job.read("$.state", String.class)).isEqualTo("DONE");
		assertThat(job.read("$.result.words", Integer.class)).isEqualTo(4);
	}

}

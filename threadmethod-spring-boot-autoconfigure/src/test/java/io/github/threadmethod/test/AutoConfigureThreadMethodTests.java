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
package io.github.threadmethod.test;

import java.time.Duration;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.actuate.ThreadMethodEndpoint;
import io.github.threadmethod.metrics.FireAndForgetMetrics;
import io.github.threadmethod.test.SliceTestApplication.HandledFailures;
import io.github.threadmethod.test.SliceTestApplication.Mailer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link AutoConfigureThreadMethod @AutoConfigureThreadMethod} gives a test
 * slice that includes a bean with {@code @FireAndForget} methods the behaviour the
 * application has.
 *
 * @author threadmethod contributors
 */
@JsonTest
@AutoConfigureThreadMethod
class AutoConfigureThreadMethodTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private Mailer mailer;

	@Autowired
	private CallRecorder recorder;

	@Autowired
	private FireAndForgetCalls calls;

	@Autowired
	private HandledFailures handled;

	@Autowired
	private ApplicationContext context;

	@Test
	void beanOfTheSliceIsProxiedAndItsCallsRunOnThreadsOfTheirOwn() throws InterruptedException {
		assertThat(AopUtils.isAopProxy(this.mailer)).isTrue();
		this.mailer.send("receipt");
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.recorder.calls()).singleElement()
			.extracting(Call::thread)
			.satisfies((thread) -> assertThat(thread.getName()).startsWith("threadmethod-Mailer.send-"));
		assertThat(this.calls.getTotals("Mailer.send")).isEqualTo(new TaskTotals(1, 1, 0, 0, 0, 0));
	}

	@Test
	void failureReachesTheApplicationsExceptionHandler() throws InterruptedException {
		this.mailer.bounce("no such address");
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.handled.failures).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessage("no such address"));
		assertThat(this.calls.getTotals("Mailer.bounce")).isEqualTo(new TaskTotals(1, 0, 1, 0, 0, 0));
	}

	@Test
	void metricsAndTheEndpointStayOutOfASliceThatHasNeither() {
		assertThat(this.context.getBeanNamesForType(FireAndForgetMetrics.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ThreadMethodEndpoint.class)).isEmpty();
	}

}

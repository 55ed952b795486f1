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

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.test.SliceTestApplication.HandledFailures;
import io.github.threadmethod.test.SliceTestApplication.Mailer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the synchronous mode in a test slice: the one property makes every call of the
 * slice's {@code @FireAndForget} beans run on the test's thread, done when it returns.
 *
 * @author threadmethod contributors
 */
@JsonTest(properties = "threadmethod.mode=synchronous")
@AutoConfigureThreadMethod
class SynchronousSliceTests {

	@Autowired
	private Mailer mailer;

	@Autowired
	private CallRecorder recorder;

	@Autowired
	private FireAndForgetCalls calls;

	@Autowired
	private HandledFailures handled;

	@Test
	void callsRunOnTheTestsThreadAndFailuresStillReachTheHandler() {
		assertThat(AopUtils.isAopProxy(this.mailer)).isTrue();
		this.mailer.send("receipt");
		assertThat(this.recorder.calls()).singleElement().extracting(Call::thread).isSameAs(Thread.currentThread());
		this.mailer.bounce("no such address");
		assertThat(this.handled.failures).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessage("no such address"));
		assertThat(this.calls.getTotals()).containsEntry("Mailer.send", new TaskTotals(1, 1, 0, 0, 0, 0))
			.containsEntry("Mailer.bounce", new TaskTotals(1, 0, 1, 0, 0, 0));
	}

}

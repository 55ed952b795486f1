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
import io.github.threadmethod.test.SliceTestApplication.Mailer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a test slice without {@link AutoConfigureThreadMethod
 *
 * @AutoConfigureThreadMethod} does not advise the {@code @FireAndForget} beans it
 * includes, even with the synchronous mode set: the annotation is what brings them in.
 * @author threadmethod contributors
 */
@JsonTest(properties = "threadmethod.mode=synchronous")
class SliceWithoutAutoConfigureThreadMethodTests {

	@Autowired
	private Mailer mailer;

	@Autowired
	private CallRecorder recorder;

	@Autowired
	private ApplicationContext context;

	@Test
	void beanIsNotProxiedNorItsCallsCounted() {
		assertThat(AopUtils.isAopProxy(this.mailer)).isFalse();
		assertThat(this.context.getBeanNamesForType(FireAndForgetCalls.class)).isEmpty();
		this.mailer.send("plain");
		assertThat(this.recorder.calls()).singleElement().extracting(Call::thread).isSameAs(Thread.currentThread());
	}

}

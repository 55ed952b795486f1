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
package io.github.threadmethod.check;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;

/**
 * Tests that a test mocking beans with {@link FireAndForget @FireAndForget} methods loads
 * under {@code threadmethod.self-invocation=fail}: a mock is registered in place of a
 * bean, never created too early.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(classes = MockitoBeanTests.MockedConfiguration.class, properties = "threadmethod.self-invocation=fail")
class MockitoBeanTests {

	@MockitoBean
	private Sender sender;

	@MockitoBean
	private Mailer mailer;

	@Autowired
	private Sender injectedSender;

	@Autowired
	private Mailer injectedMailer;

	@Test
	void mocksReplaceTheBeansAndTheContextLoads() {
		assertThat(mockingDetails(this.injectedSender).isMock()).isTrue();
		assertThat(mockingDetails(this.injectedMailer).isMock()).isTrue();
		this.injectedSender.sendReceipt();
		verify(this.sender).sendReceipt();
	}

	static class Sender {

		@FireAndForget
		public void sendReceipt() {
		}

	}

	/**
	 * Mocked with no bean of its type defined: the mock brings its own definition.
	 */
	static class Mailer {

		@FireAndForget
		public void send() {
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	@Import(Sender.class)
	static class MockedConfiguration {

	}

}

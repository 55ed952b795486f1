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
package io.github.threadmethod;

import java.time.Duration;

import io.github.threadmethod.FireAndForgetCalls.TaskTotals;
import io.github.threadmethod.OrdersApplication.Orders;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.Commit;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests what a {@code @Transactional} test sees of the calls the code under test makes in
 * the test's transaction, as the testing guide describes it: they wait for it, and are
 * discarded when it rolls back; a test that commits it sees them run.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(classes = TestTransactionTests.Application.class)
@Transactional
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TestTransactionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private Orders orders;

	@Autowired
	private FireAndForgetCalls calls;

	@Autowired
	private CallRecorder recorder;

	@Test
	void callWaitsForTheTestsTransactionAndIsDiscardedWhenItRollsBack() throws InterruptedException {
		this.orders.place(1);
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.calls.getTotals(OrdersApplication.SEND)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0, 0, 0));
		TestTransaction.end();
		assertThat(this.calls.getTotals(OrdersApplication.SEND)).isEqualTo(new TaskTotals(0, 0, 0, 0, 0, 0, 1, 0));
		assertThat(this.recorder.calls()).isEmpty();
	}

	@Test
	@Commit
	void callRunsOnceTheTestCommitsItsTransaction() throws InterruptedException {
		this.orders.place(2);
		TestTransaction.end();
		this.calls.awaitIdle(TIMEOUT);
		assertThat(this.calls.getTotals(OrdersApplication.SEND).completed()).isOne();
		assertThat(this.recorder.calls()).singleElement()
			.satisfies((call) -> assertThat(call.arguments()).startsWith(2, true));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	@Import({ OrdersApplication.class, CallRecorder.class })
	public static class Application {

	}

}

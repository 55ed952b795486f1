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

import io.github.threadmethod.OrdersApplication.Orders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the choice the testing guide offers a {@code @Transactional} test that wants the
 * calls run inside its transaction: with {@code dispatch=immediate} in the synchronous
 * mode, each runs at once on the test's thread, inside its transaction, and sees its
 * uncommitted data.
 *
 * @author threadmethod contributors
 */
@SpringBootTest(classes = TestTransactionTests.Application.class,
		properties = { "threadmethod.mode=synchronous", "threadmethod.dispatch=immediate" })
@Transactional
class ImmediateSynchronousTestTransactionTests {

	@Autowired
	private Orders orders;

	@Autowired
	private CallRecorder recorder;

	@Test
	void callRunsAtOnceInsideTheTestsTransaction() {
		this.orders.place(1);
		// Found in the test's own uncommitted transaction, which it ran in
		assertThat(this.recorder.calls()).singleElement()
			.satisfies((call) -> assertThat(call.arguments()).containsExactly(1, true, "null", true));
		assertThat(TestTransaction.isActive()).isTrue();
	}

}

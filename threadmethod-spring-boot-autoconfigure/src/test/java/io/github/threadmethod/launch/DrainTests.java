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
package io.github.threadmethod.launch;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for how a {@link Drain} tells the calls it cannot wait for.
 *
 * @author threadmethod contributors
 */
class DrainTests {

	@Test
	void aThreadThatIsNotExitingTheJvmIsWaitedFor() throws Exception {
		assertThat(Drain.isExitingTheJvm(null)).isFalse();
		assertThat(Drain.isExitingTheJvm(Thread.currentThread())).isFalse();
		CountDownLatch release = new CountDownLatch(1);
		Thread waiting = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		waiting.start();
		await().until(() -> waiting.getState() == Thread.State.WAITING);
		assertThat(Drain.isExitingTheJvm(waiting)).isFalse();
		release.countDown();
		waiting.join();
	}

}

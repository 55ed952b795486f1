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

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.util.unit.DataSize;

/**
 * A {@link SimulatedDelay} that tests open and close, so that they decide when a job's
 * work may finish instead of guessing how long it takes.
 *
 * @author threadmethod contributors
 */
class GatedDelay extends SimulatedDelay {

	private volatile CountDownLatch gate = new CountDownLatch(0);

	GatedDelay() {
		super(new SampleJobsProperties(Duration.ZERO, DataSize.ofKilobytes(64)));
	}

	/**
	 * Make work that starts from now on wait until {@link #open()}.
	 */
	void close() {
		this.gate = new CountDownLatch(1);
	}

	void open() {
		this.gate.countDown();
	}

	@Override
	public void pause() throws InterruptedException {
		if (!this.gate.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The test never opened the gate");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class GatedDelayConfiguration {

		@Bean
		@Primary
		GatedDelay gatedDelay() {
			return new GatedDelay();
		}

	}

}

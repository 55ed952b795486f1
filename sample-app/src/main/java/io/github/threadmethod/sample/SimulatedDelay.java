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

import org.springframework.stereotype.Component;

/**
 * Stands for the slow part of real work (a call to another service, a report to render),
 * so that the difference between answering at once and answering when done is plain to
 * see.
 *
 * @author threadmethod contributors
 */
@Component
public class SimulatedDelay {

	private final Duration delay;

	public SimulatedDelay(SampleJobsProperties properties) {
		this.delay = properties.delay();
	}

	/**
	 * Wait for the configured delay.
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public void pause() throws InterruptedException {
		Thread.sleep(this.delay.toMillis());
	}

}

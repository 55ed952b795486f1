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
package io.github.threadmethod.durable;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the calls of a task in the durable mode are retried, as worked out once at start-up
 * from the task's own settings and the defaults.
 *
 * @param maxRetries how many times a failed call is tried again
 * @param backoff how long after its first failure it is tried again; each later retry
 * waits twice as long as the one before
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 * @author threadmethod contributors
 * @since 0.1.0
 */
public record DurableRetries(int maxRetries, Duration backoff) {

	/**
	 * The retries of a task when neither its settings nor {@code threadmethod.durable.*}
	 * say otherwise, as the configuration metadata describes them.
	 */
	public static final DurableRetries DEFAULTS = new DurableRetries(3, Duration.ofSeconds(10));

	/**
	 * Create a new instance.
	 * @param maxRetries how many times a failed call is tried again
	 * @param backoff how long after its first failure it is tried again
	 */
	public DurableRetries {
		Assert.notNull(backoff, "Backoff must not be null");
	}

}

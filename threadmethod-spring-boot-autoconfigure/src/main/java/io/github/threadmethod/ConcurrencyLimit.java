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

import org.springframework.util.Assert;

/**
 * A cap on the calls running at once, and what a call does when it finds the cap reached.
 *
 * @param limit how many calls may run at once, at least 1
 * @param policy what a call does when the limit is reached
 * @param maxWait how long a call waits for a free slot under
 * {@link ConcurrencyLimitPolicy#WAIT}
 * @author threadmethod contributors
 */
public record ConcurrencyLimit(int limit, ConcurrencyLimitPolicy policy, Duration maxWait) {

	public ConcurrencyLimit {
		Assert.isTrue(limit > 0, () -> "Concurrency limit must be at least 1, but was " + limit);
		Assert.notNull(policy, "Policy must not be null");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "Maximum wait must not be negative");
	}

}

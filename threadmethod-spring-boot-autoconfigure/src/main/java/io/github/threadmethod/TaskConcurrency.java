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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the calls of one task meet concurrency limits: the task's own limit, if any, and
 * the policy and maximum wait that apply when the task's limit or the global one is
 * reached.
 *
 * @param limit how many calls of the task may run at once, or {@code null} for no limit
 * of its own
 * @param policy what a call of the task does when a limit is reached
 * @param maxWait how long a call waits for a free slot under
 * {@link ConcurrencyLimitPolicy#WAIT}
 * @author threadmethod contributors
 */
public record TaskConcurrency(@Nullable Integer limit, ConcurrencyLimitPolicy policy, Duration maxWait) {

	public TaskConcurrency {
		Assert.isTrue(limit == null || limit > 0, () -> "Concurrency limit must be at least 1, but was " + limit);
		Assert.notNull(policy, "Policy must not be null");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "Maximum wait must not be negative");
	}

}

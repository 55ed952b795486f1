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

import java.time.Duration;

import io.github.threadmethod.KeyPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the calls of one task are launched, with every default already applied: the one
 * model of these settings, read by the launcher and shown by the actuator endpoint.
 *
 * <p>
 * Public for threadmethod's own auto-configuration, endpoint and durable mode; not an
 * API, may change in any release.
 *
 * @param enabled whether calls of the task are fire-and-forget at all
 * @param mode the {@link io.github.threadmethod.FireAndForgetBackend#getMode() mode} of
 * the backend that runs the task's calls
 * @param limit how many calls of the task may run at once, or {@code null} for no limit
 * of its own
 * @param policy what a call of the task does when it finds its limit, or the global one,
 * reached
 * @param maxWait how long a call waits for a free slot under
 * {@link ConcurrencyLimitPolicy#WAIT}
 * @param dispatch when a call made in a transaction is started
 * @param keyPolicy what the key of a call of the task does, or {@code null} for nothing
 * but naming the call
 * @author threadmethod contributors
 * @since 0.1.0
 */
public record TaskSettings(boolean enabled, String mode, @Nullable Integer limit, ConcurrencyLimitPolicy policy,
		Duration maxWait, Dispatch dispatch, @Nullable KeyPolicy keyPolicy) {

	public TaskSettings {
		Assert.hasText(mode, "Mode must not be empty");
		Assert.isTrue(limit == null || limit > 0, () -> "Concurrency limit must be at least 1, but was " + limit);
		Assert.notNull(policy, "Policy must not be null");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "Maximum wait must not be negative");
		Assert.notNull(dispatch, "Dispatch must not be null");
	}

	/**
	 * Create the settings of a task whose calls made in a transaction start when it
	 * commits, the default {@linkplain Dispatch dispatch}, and whose calls' keys, if any,
	 * only name them.
	 * @param enabled whether calls of the task are fire-and-forget at all
	 * @param mode the mode of the backend that runs the task's calls
	 * @param limit how many calls of the task may run at once, or {@code null}
	 * @param policy what a call of the task does when it finds a limit reached
	 * @param maxWait how long a call waits for a free slot
	 */
	public TaskSettings(boolean enabled, String mode, @Nullable Integer limit, ConcurrencyLimitPolicy policy,
			Duration maxWait) {
		this(enabled, mode, limit, policy, maxWait, Dispatch.AFTER_COMMIT, null);
	}

}

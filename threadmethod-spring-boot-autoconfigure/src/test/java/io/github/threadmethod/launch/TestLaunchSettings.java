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
import java.util.Map;

/**
 * {@link LaunchSettings} for tests that build a {@link CallLauncher} without the
 * auto-configuration.
 *
 * @author threadmethod contributors
 */
public final class TestLaunchSettings {

	private TestLaunchSettings() {
	}

	/**
	 * Return settings with no limit, a 30 second shutdown timeout, a one minute slow-call
	 * threshold, and every task on the given mode, with the {@code wait} policy and a 10
	 * second wait for a slot.
	 * @param mode the mode of every task
	 * @return the settings
	 */
	public static LaunchSettings defaults(String mode) {
		return new LaunchSettings(null, Duration.ofSeconds(30), Duration.ofMinutes(1),
				new TaskSettings(true, mode, null, ConcurrencyLimitPolicy.WAIT, Duration.ofSeconds(10)), Map.of());
	}

}

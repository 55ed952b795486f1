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
package io.github.threadmethod.autoconfigure;

import io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration;
import io.github.threadmethod.durable.DurableBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the core's {@link DurableModuleAvailability}, which says what to add when
 * this module is missing, names this module's mode and auto-configuration; and that it
 * leaves the answer to this module once it is there.
 *
 * @author threadmethod contributors
 */
class DurableModuleAvailabilityTests {

	private final DurableModuleAvailability availability = new DurableModuleAvailability();

	@Test
	void modeIsTheDurableBackendsMode() {
		assertThat(DurableModuleAvailability.MODE).isEqualTo(DurableBackend.MODE);
	}

	@Test
	void autoConfigurationIsThisModulesAutoConfiguration() {
		assertThat(DurableModuleAvailability.AUTO_CONFIGURATION).isEqualTo(DurableAutoConfiguration.class.getName());
	}

	@Test
	void saysNothingWhenThisModuleIsOnTheClassPath() {
		assertThat(this.availability.whyUnavailable(DurableBackend.MODE, getClass().getClassLoader())).isNull();
	}

}

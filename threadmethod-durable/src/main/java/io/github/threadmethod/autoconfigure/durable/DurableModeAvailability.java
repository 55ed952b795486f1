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
package io.github.threadmethod.autoconfigure.durable;

import io.github.threadmethod.autoconfigure.BackendAvailability;
import io.github.threadmethod.durable.DurableBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells why the durable mode has no backend: the dependency that is not on the class
 * path, or else the scheduler that db-scheduler's starter did not make, which is what
 * {@link DurableAutoConfiguration} needs.
 *
 * @author threadmethod contributors
 */
class DurableModeAvailability implements BackendAvailability {

	// Looked up by name: this runs when they may be missing
	private static final String DB_SCHEDULER = "com.github.kagkarlsson.scheduler.Scheduler";

	@Override
	public @Nullable String whyUnavailable(String mode, @Nullable ClassLoader classLoader) {
		if (!DurableBackend.MODE.equals(mode)) {
			return null;
		}
		if (!ClassUtils.isPresent(DB_SCHEDULER, classLoader)) {
			return "The durable mode stores calls with db-scheduler, which is not on the class path: add "
					+ "com.github.kagkarlsson:db-scheduler-spring-boot-4-starter (Spring Boot 4) or "
					+ "com.github.kagkarlsson:db-scheduler-spring-boot-starter (Spring Boot 3.5), and a DataSource";
		}
		if (!ClassUtils.isPresent(OnJacksonCondition.JACKSON_3, classLoader)
				&& !ClassUtils.isPresent(OnJacksonCondition.JACKSON_2, classLoader)) {
			return "The durable mode writes stored calls as JSON with Jackson, which is not on the class path: add "
					+ "tools.jackson.core:jackson-databind (Spring Boot 4) or "
					+ "com.fasterxml.jackson.core:jackson-databind (Spring Boot 3.5)";
		}
		return "The durable mode stores calls with db-scheduler, but the application has no db-scheduler Scheduler "
				+ "made by its Spring Boot starter: is there a DataSource, and is db-scheduler.enabled true?";
	}

}

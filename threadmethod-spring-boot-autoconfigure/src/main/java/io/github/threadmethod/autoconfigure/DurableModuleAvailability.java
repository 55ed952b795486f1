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

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells why the durable mode has no backend when its module,
 * {@code threadmethod-durable}, is not on the class path. Once it is, the module's own
 * {@link BackendAvailability} says what else the mode lacks.
 *
 * @author threadmethod contributors
 */
final class DurableModuleAvailability implements BackendAvailability {

	/**
	 * The durable mode, as {@code threadmethod.tasks[<task>].mode} names it; the durable
	 * module's backend has this mode.
	 */
	static final String MODE = "durable";

	// Looked up by name: this runs when the module may be missing
	static final String AUTO_CONFIGURATION = "io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration";

	@Override
	public @Nullable String whyUnavailable(String mode, @Nullable ClassLoader classLoader) {
		if (!MODE.equals(mode) || ClassUtils.isPresent(AUTO_CONFIGURATION, classLoader)) {
			return null;
		}
		return "The durable mode is a module of its own, which is not on the class path: add "
				+ "io.github.threadmethod:threadmethod-durable with db-scheduler's Spring Boot starter, "
				+ "com.github.kagkarlsson:db-scheduler-spring-boot-4-starter (Spring Boot 4) or "
				+ "com.github.kagkarlsson:db-scheduler-spring-boot-starter (Spring Boot 3.5), and a DataSource";
	}

}

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

/**
 * Thrown at start-up when the Spring Boot on the class path is older than the oldest line
 * threadmethod supports.
 *
 * @author threadmethod contributors
 * @see SupportedSpringBootCondition
 */
final class UnsupportedSpringBootException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	UnsupportedSpringBootException(@Nullable String version, String supportedLines) {
		super("threadmethod supports Spring Boot " + supportedLines + ", but this application runs "
				+ ((version != null) ? "Spring Boot " + version : "an older Spring Boot")
				+ ": its @FireAndForget support cannot start");
	}

}

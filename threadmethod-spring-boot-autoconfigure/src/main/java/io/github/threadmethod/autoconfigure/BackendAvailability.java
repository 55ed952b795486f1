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
 * Tells why a mode whose backend threadmethod contributes itself, such as
 * {@code durable}, has no backend in this application, so that start-up fails naming what
 * to add rather than only listing the modes known. Each such mode's auto-configuration
 * provides one.
 *
 * <p>
 * Implementations are listed in {@code META-INF/spring.factories} under this interface's
 * name, so that they are found even when the auto-configuration of their mode did not
 * apply. They look for the classes their mode needs by name, never loading them.
 *
 * <p>
 * Public for threadmethod's own modes, such as the durable one; not an API, may change in
 * any release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackendAvailability {

	/**
	 * Say why no backend has the given mode.
	 * @param mode a mode that a property names and that no backend has
	 * @param classLoader the application's class loader
	 * @return what the application lacks for that mode, or {@code null} if this does not
	 * know the mode
	 */
	@Nullable String whyUnavailable(String mode, @Nullable ClassLoader classLoader);

}

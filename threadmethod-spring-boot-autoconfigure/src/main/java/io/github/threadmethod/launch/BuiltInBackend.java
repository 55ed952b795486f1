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

import io.github.threadmethod.FireAndForgetBackend;
import org.springframework.util.Assert;

/**
 * A backend that threadmethod contributes itself, beside the ones the application
 * declares, such as the durable one when its engine is on the class path. It is a bean of
 * this type, not of {@link FireAndForgetBackend}, so that it never makes the thread
 * backend back off, nor counts as the single backend whose mode becomes the default.
 *
 * <p>
 * Public for threadmethod's own auto-configuration; not an API, may change in any
 * release.
 *
 * @param backend the backend
 * @author threadmethod contributors
 * @since 0.1.0
 */
public record BuiltInBackend(FireAndForgetBackend backend) {

	/**
	 * Create a new instance.
	 * @param backend the backend
	 */
	public BuiltInBackend {
		Assert.notNull(backend, "Backend must not be null");
	}

}

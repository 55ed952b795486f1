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
/**
 * The {@code threadmethodcalls} actuator endpoint of the durable mode: the stored calls
 * of a task, and the actions on them, over HTTP. Imports Spring Boot Actuator; no other
 * package of the durable module does but its auto-configuration,
 * {@code autoconfigure.durable.actuate}. It is apart from the core's {@code threadmethod}
 * endpoint, which reads only, so that each is exposed and secured on its own.
 * <p>
 * Supported: {@link io.github.threadmethod.durable.actuate.DurableCallsEndpoint} and the
 * descriptors it returns, which an application may replace with its own bean. The
 * endpoint's requests and responses are documented in docs/durable-mode.md.
 */
@NullMarked
package io.github.threadmethod.durable.actuate;

import org.jspecify.annotations.NullMarked;

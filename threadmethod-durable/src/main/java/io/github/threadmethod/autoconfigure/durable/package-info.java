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
 * Spring Boot auto-configuration of the durable mode: wires the parts of
 * {@link io.github.threadmethod.durable} with db-scheduler's Spring Boot starter, the
 * application's {@code DataSource} and Jackson, and the {@code threadmethod.durable.*}
 * properties. The auto-configuration class is public; the rest is internal.
 */
@NullMarked
package io.github.threadmethod.autoconfigure.durable;

import org.jspecify.annotations.NullMarked;

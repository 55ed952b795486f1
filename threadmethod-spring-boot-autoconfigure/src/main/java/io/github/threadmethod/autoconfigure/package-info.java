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
 * Spring Boot auto-configuration for {@code @FireAndForget} methods, and its
 * {@code threadmethod.*} properties: the only place where properties meet their defaults.
 * The auto-configurations of the meters and of the endpoint sit below it, in
 * {@code autoconfigure.metrics} and {@code autoconfigure.actuate}, each pointing at the
 * package it wires.
 * <p>
 * Supported: the auto-configuration classes, and {@link ThreadMethodProperties} with its
 * nested types. {@link LaunchSettingsMapper} is public for the durable mode's
 * auto-configuration only: not an API, it may change in any release. The rest is
 * package-private.
 */
@NullMarked
package io.github.threadmethod.autoconfigure;

import org.jspecify.annotations.NullMarked;

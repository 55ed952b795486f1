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
 * The durable mode: each call of a task in mode {@code durable} is stored in
 * db-scheduler's table, inside the caller's transaction when there is one, and run later
 * on whichever instance of the application db-scheduler gives it to, by that instance's
 * {@link io.github.threadmethod.StoredCallRunner}. With its auto-configuration
 * ({@code io.github.threadmethod.autoconfigure.durable}), the only package that uses
 * db-scheduler, JDBC and Jackson. Applications use
 * {@link io.github.threadmethod.durable.DurableCall}, which a body reads to know its
 * call, and {@link io.github.threadmethod.durable.DurableCalls}, which lists the stored
 * calls of a task and runs them again or gives them up; the other public types are the
 * parts that the auto-configuration wires.
 */
@NullMarked
package io.github.threadmethod.durable;

import org.jspecify.annotations.NullMarked;

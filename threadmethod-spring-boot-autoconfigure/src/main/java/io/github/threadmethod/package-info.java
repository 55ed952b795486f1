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
 * What application code uses: the {@code @FireAndForget} annotation, the
 * {@link io.github.threadmethod.FireAndForgetExceptionHandler exception handler}, the
 * {@link io.github.threadmethod.FireAndForgetCalls account of calls} for tests and
 * monitoring, the two start-up exceptions, and the backend SPI: the
 * {@link io.github.threadmethod.FireAndForgetBackend backend}, the
 * {@link io.github.threadmethod.FireAndForgetExecution execution} it runs,
 * {@link io.github.threadmethod.StoredCalls} for a backend that stores calls, and the
 * {@link io.github.threadmethod.StoredCallRunner} that runs the calls a backend stored.
 * Backends may also use {@link io.github.threadmethod.support}, which reads the
 * annotation and describes methods.
 */
@NullMarked
package io.github.threadmethod;

import org.jspecify.annotations.NullMarked;

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
 * The Micrometer observation of each {@code @FireAndForget} call: its
 * {@linkplain FireAndForgetObservationDocumentation documentation}, its
 * {@linkplain FireAndForgetObservationContext context} and the
 * {@linkplain DefaultFireAndForgetObservationConvention default convention}, which a
 * {@link FireAndForgetObservationConvention} bean replaces; and the documentation of the
 * two observations that carry the trace of a durable call from its caller to each attempt
 * at running it.
 * <p>
 * Micrometer Observation comes with Spring Framework, so this package is always there;
 * calls are observed only when the application has an
 * {@link io.micrometer.observation.ObservationRegistry} bean.
 */
@NullMarked
package io.github.threadmethod.observation;

import org.jspecify.annotations.NullMarked;

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
package io.github.threadmethod.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@code @FireAndForget} calls. Declare a bean of
 * this type to replace the {@link DefaultFireAndForgetObservationConvention default
 * convention}; extending it keeps the default name and keys while adding your own.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface FireAndForgetObservationConvention extends ObservationConvention<FireAndForgetObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof FireAndForgetObservationContext;
	}

}

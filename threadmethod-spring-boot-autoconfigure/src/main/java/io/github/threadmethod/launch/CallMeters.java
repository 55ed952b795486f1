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

import io.github.threadmethod.FireAndForgetTask;
import org.jspecify.annotations.Nullable;

/**
 * Times the bodies of the calls that no observation registry observes, under the
 * {@linkplain io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention
 * default convention}, into the meters that Micrometer's
 * {@code DefaultMeterObservationHandler} would derive from their observations: the same
 * names, the same tags, without an observation per call. Calls observed by the
 * application's registry, calls under a convention of the application's own, and calls
 * whose body never runs are observed as before, on the
 * {@linkplain CallLauncher#setMetricsObservationRegistry metrics observation registry}.
 * Whatever it throws is logged and reaches neither the call nor its caller.
 *
 * <p>
 * Public for threadmethod's own meters; not an API, may change in any release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public interface CallMeters {

	/**
	 * Start timing the body of a call of the given task, on the thread that runs it.
	 * @param task the task
	 * @param mode the mode of the backend that runs the task's calls
	 * @return the timing, to be stopped when the body ends
	 */
	Timing start(FireAndForgetTask task, String mode);

	/**
	 * The timing of one call's body.
	 */
	interface Timing {

		/**
		 * Stop timing the call, on the thread that ran it.
		 * @param failure what the call failed with, or {@code null}
		 */
		void stop(@Nullable Throwable failure);

	}

}

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

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of {@code @FireAndForget} calls, and their keys: each call's own, and,
 * for a call stored to run elsewhere, the two that carry its trace from the caller that
 * stored it to each attempt at running it.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public enum FireAndForgetObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call of a {@code @FireAndForget} method. It starts when the body starts and
	 * stops when the body ends, on the thread that runs the body, as a child of the
	 * observation that was current on the caller's thread when the call was made; what
	 * the call failed with (its body, or a task decorator around it) is its error. A call
	 * rejected before its body could run is observed too, on the caller's thread, with
	 * the rejection as its error; so is a call discarded because the transaction it was
	 * made in rolled back, on the thread that rolled it back; and a call not started
	 * because a call of the same key was still waiting or running, without an error.
	 */
	CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultFireAndForgetObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return CallKeyNames.values();
		}

	},

	/**
	 * The storing of a call that its backend runs elsewhere, later (the durable mode), on
	 * the caller's thread, as a child of the observation current there; what storing
	 * failed with is its error. Its context is a
	 * {@link io.micrometer.observation.transport.SenderContext} of kind {@code PRODUCER}
	 * whose carrier, a {@code Map<String, String>} that tracing handlers fill (Micrometer
	 * Tracing's {@code PropagatingSenderTracingObservationHandler}), is stored with the
	 * call, as data. Its contextual name, the span's, is {@code store <task>}.
	 */
	STORE {

		@Override
		public String getName() {
			return "threadmethod.durable.store";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TASK };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { StoredCallKeyNames.CALL_ID };
		}

	},

	/**
	 * One attempt at a stored call, on the thread of the engine that runs it, on any
	 * instance: from the moment it has been read until the call has run; what it failed
	 * with (the body, or a call that cannot run) is its error. Its context is a
	 * {@link io.micrometer.observation.transport.ReceiverContext} of kind
	 * {@code CONSUMER} whose carrier is the one stored with the call, so that tracing
	 * handlers (Micrometer Tracing's
	 * {@code PropagatingReceiverTracingObservationHandler}) continue the trace of the
	 * caller that stored it: its span is a child of the {@link #STORE} span. It is
	 * current while the call runs, so the call's own {@link #CALL} observation, with its
	 * usual name and keys, is its child. Its contextual name is {@code run <task>}.
	 */
	RUN {

		@Override
		public String getName() {
			return "threadmethod.durable.run";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TASK };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return StoredCallKeyNames.values();
		}

	};

	/**
	 * The high-cardinality keys of the observation of a call: tags of the spans only.
	 *
	 * @since 0.1.0
	 */
	public enum CallKeyNames implements KeyName {

		/**
		 * The call's business key, worked out by the
		 * {@linkplain io.github.threadmethod.FireAndForget#key() key expression} of its
		 * method. Present only for calls that have one.
		 */
		KEY {

			@Override
			public String asString() {
				return "call.key";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		}

	}

	/**
	 * The high-cardinality keys of the observations of stored calls: tags of the spans
	 * only.
	 */
	public enum StoredCallKeyNames implements KeyName {

		/**
		 * The stored call's id, the same on every attempt (what
		 * {@code DurableCall.getId()} returns).
		 */
		CALL_ID {

			@Override
			public String asString() {
				return "call.id";
			}

		},

		/**
		 * Which attempt at the stored call this is, from 1.
		 */
		ATTEMPT {

			@Override
			public String asString() {
				return "call.attempt";
			}

		}

	}

	/**
	 * The low-cardinality keys: tags of the derived meters, and of the spans.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The name of the task called.
		 */
		TASK {

			@Override
			public String asString() {
				return "task";
			}

		},

		/**
		 * How the call ended: {@code success}, {@code failure} (the body, or a task
		 * decorator around it, threw), {@code rejected} (the body never ran),
		 * {@code discarded} (the body never ran: the transaction the call was made in
		 * rolled back) or {@code deduplicated} (the body never ran, as a call of the same
		 * key was still waiting or running); while it runs, {@code unknown} (the value
		 * the long-task timer shows).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * The simple class name of what the body threw, or of the rejection; {@code none}
		 * if nothing was thrown.
		 */
		EXCEPTION {

			@Override
			public String asString() {
				return "exception";
			}

		},

		/**
		 * The mode of the backend that runs the task's calls, such as {@code thread}.
		 * Present only when the application's tasks run in more than one mode.
		 */
		MODE {

			@Override
			public String asString() {
				return "mode";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		}

	}

}

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

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadmethod.observation.FireAndForgetObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link FireAndForgetObservationConvention}: observations named
 * {@value #NAME}, so that the timer Micrometer derives from them keeps that name, with
 * the keys listed by {@link FireAndForgetObservationDocumentation}. The contextual name,
 * which tracing uses as the span's name, is the task's name.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public class DefaultFireAndForgetObservationConvention implements FireAndForgetObservationConvention {

	/**
	 * The name of the observations, and of the timer derived from them.
	 */
	public static final String NAME = "threadmethod.calls";

	private static final KeyValue OUTCOME_SUCCESS = LowCardinalityKeyNames.OUTCOME.withValue("success");

	private static final KeyValue OUTCOME_FAILURE = LowCardinalityKeyNames.OUTCOME.withValue("failure");

	private static final KeyValue OUTCOME_REJECTED = LowCardinalityKeyNames.OUTCOME.withValue("rejected");

	private static final KeyValue OUTCOME_DISCARDED = LowCardinalityKeyNames.OUTCOME.withValue("discarded");

	private static final KeyValue OUTCOME_DEDUPLICATED = LowCardinalityKeyNames.OUTCOME.withValue("deduplicated");

	private static final KeyValue OUTCOME_UNKNOWN = LowCardinalityKeyNames.OUTCOME.withValue("unknown");

	private static final KeyValue EXCEPTION_NONE = LowCardinalityKeyNames.EXCEPTION.withValue(KeyValue.NONE_VALUE);

	private static final int MAX_CACHED_TASKS = 1024;

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(FireAndForgetObservationContext context) {
		return context.getTask().getName();
	}

	// The keys of a call that has not ended and of one that succeeded, by task name: the
	// keys of nearly every observation, asked for at its start and its stop
	private final Map<String, CommonKeyValues> commonKeyValues = new ConcurrentHashMap<>();

	// A subclass may change what any key says: its keys are worked out for each call
	private final boolean cachesKeyValues = (getClass() == DefaultFireAndForgetObservationConvention.class);

	@Override
	public KeyValues getLowCardinalityKeyValues(FireAndForgetObservationContext context) {
		if (this.cachesKeyValues && context.getError() == null) {
			KeyValue outcome = outcome(context);
			if (outcome == OUTCOME_UNKNOWN || outcome == OUTCOME_SUCCESS) {
				return commonKeyValues(context).of(outcome == OUTCOME_SUCCESS);
			}
		}
		KeyValues keyValues = KeyValues.of(task(context), outcome(context), exception(context));
		return context.hasSeveralModes() ? keyValues.and(mode(context)) : keyValues;
	}

	private CommonKeyValues commonKeyValues(FireAndForgetObservationContext context) {
		String taskName = context.getTask().getName();
		String mode = context.hasSeveralModes() ? context.getMode() : null;
		CommonKeyValues common = this.commonKeyValues.get(taskName);
		if (common == null || !Objects.equals(common.mode(), mode)) {
			KeyValues unknown = KeyValues.of(task(context), OUTCOME_UNKNOWN, EXCEPTION_NONE);
			KeyValues success = KeyValues.of(task(context), OUTCOME_SUCCESS, EXCEPTION_NONE);
			common = (mode != null) ? new CommonKeyValues(mode, unknown.and(mode(context)), success.and(mode(context)))
					: new CommonKeyValues(null, unknown, success);
			if (this.commonKeyValues.size() < MAX_CACHED_TASKS) {
				this.commonKeyValues.put(taskName, common);
			}
		}
		return common;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(FireAndForgetObservationContext context) {
		return (context.getKey() != null) ? KeyValues.of(key(context)) : KeyValues.empty();
	}

	/**
	 * Return the {@code task} key: the task's name.
	 * @param context the context
	 * @return the key and its value
	 */
	protected KeyValue task(FireAndForgetObservationContext context) {
		return LowCardinalityKeyNames.TASK.withValue(context.getTask().getName());
	}

	/**
	 * Return the {@code outcome} key: {@code unknown} for a call that has not ended,
	 * {@code rejected} for a call that was rejected, {@code discarded} for a call
	 * discarded as its transaction rolled back, {@code deduplicated} for a call not
	 * started because a call of the same key was still waiting or running,
	 * {@code failure} for a call that failed, {@code success} otherwise.
	 * @param context the context
	 * @return the key and its value
	 */
	protected KeyValue outcome(FireAndForgetObservationContext context) {
		if (!context.isComplete()) {
			return OUTCOME_UNKNOWN;
		}
		if (context.isRejected()) {
			return OUTCOME_REJECTED;
		}
		if (context.isDiscarded()) {
			return OUTCOME_DISCARDED;
		}
		if (context.isDeduplicated()) {
			return OUTCOME_DEDUPLICATED;
		}
		return (context.getError() != null) ? OUTCOME_FAILURE : OUTCOME_SUCCESS;
	}

	/**
	 * Return the {@code exception} key: the simple name of the class of what the body
	 * threw (or of the rejection), or {@code none}.
	 * @param context the context
	 * @return the key and its value
	 */
	protected KeyValue exception(FireAndForgetObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return EXCEPTION_NONE;
		}
		String simpleName = error.getClass().getSimpleName();
		return LowCardinalityKeyNames.EXCEPTION
			.withValue(simpleName.isEmpty() ? error.getClass().getName() : simpleName);
	}

	/**
	 * Return the {@code call.key} key, of high cardinality: the call's business key. Only
	 * added for a call that has one.
	 * @param context the context
	 * @return the key and its value
	 * @since 0.1.0
	 */
	protected KeyValue key(FireAndForgetObservationContext context) {
		return FireAndForgetObservationDocumentation.CallKeyNames.KEY.withValue(String.valueOf(context.getKey()));
	}

	/**
	 * Return the {@code mode} key: the mode of the backend that runs the task's calls.
	 * Only added when the application's tasks run in more than one mode.
	 * @param context the context
	 * @return the key and its value
	 */
	protected KeyValue mode(FireAndForgetObservationContext context) {
		return LowCardinalityKeyNames.MODE.withValue(context.getMode());
	}

	/**
	 * The keys of a task's calls that have not ended, and of those that succeeded, with
	 * the mode they were worked out for, if the mode is shown.
	 */
	private record CommonKeyValues(@Nullable String mode, KeyValues unknown, KeyValues success) {

		KeyValues of(boolean succeeded) {
			return succeeded ? this.success : this.unknown;
		}

	}

}

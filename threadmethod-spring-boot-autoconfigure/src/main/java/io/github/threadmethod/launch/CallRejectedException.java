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
import io.github.threadmethod.launch.CallListener.Rejection;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;

/**
 * A {@link TaskRejectedException} that knows why the call was rejected, so the account
 * counts it under the right reason.
 *
 * @author threadmethod contributors
 */
@SuppressWarnings("serial")
final class CallRejectedException extends TaskRejectedException {

	private final Rejection reason;

	CallRejectedException(Rejection reason, String message) {
		this(reason, message, null);
	}

	CallRejectedException(Rejection reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	Rejection getReason() {
		return this.reason;
	}

	/**
	 * Return the rejection of a call of the given task whose task decorator failed on the
	 * caller's thread.
	 */
	static CallRejectedException decoratorFailed(FireAndForgetTask task, Throwable ex) {
		return new CallRejectedException(Rejection.START,
				"@FireAndForget call of task '" + task.getName()
						+ "' rejected: a TaskDecorator failed on the caller's thread (" + Failures.summary(ex) + ")",
				ex);
	}

}

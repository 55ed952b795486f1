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
package io.github.threadmethod.durable;

import org.jspecify.annotations.Nullable;

/**
 * A stored call that this instance does not know, but that an instance of another version
 * of the application may: its task is not one of this instance's durable tasks, or its
 * task runs another bean or method here (other parameters), or it is stored in a newer
 * version of the format. It is put back for the grace period, not run, and not an attempt
 * (see {@link UnknownCallGrace}).
 *
 * @author threadmethod contributors
 */
@SuppressWarnings("serial")
final class UnknownCallException extends RuntimeException {

	private final @Nullable String taskName;

	/**
	 * Create a new instance.
	 * @param taskName the task the stored call names, if it could be read
	 * @param reason why this instance does not know the call, as a clause
	 */
	UnknownCallException(@Nullable String taskName, String reason) {
		super(reason, null, false, false);
		this.taskName = taskName;
	}

	/**
	 * Return the task the stored call names, if it could be read.
	 */
	@Nullable String getTaskName() {
		return this.taskName;
	}

}

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

/**
 * A stored call that cannot be run, whatever the attempt: its row holds no stored call,
 * or arguments that do not bind to the method's parameters, or a call that this instance
 * does not know and no instance ran within its grace period (see
 * {@link UnknownCallGrace}). It is kept in the table as failed, never tried again.
 *
 * @author threadmethod contributors
 */
@SuppressWarnings("serial")
final class UnrunnableCallException extends RuntimeException {

	UnrunnableCallException(String message) {
		super(message, null, false, false);
	}

	UnrunnableCallException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}

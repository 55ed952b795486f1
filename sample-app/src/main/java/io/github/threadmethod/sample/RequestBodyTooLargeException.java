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
package io.github.threadmethod.sample;

import java.io.IOException;

/**
 * A request body is larger than the sample accepts.
 *
 * @author threadmethod contributors
 */
@SuppressWarnings("serial")
class RequestBodyTooLargeException extends IOException {

	private final long maxBytes;

	RequestBodyTooLargeException(long maxBytes) {
		super("Request body is larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	long getMaxBytes() {
		return this.maxBytes;
	}

}

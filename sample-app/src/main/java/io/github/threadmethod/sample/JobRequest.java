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

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a client submits.
 *
 * @param text the text to analyse
 * @param simulateFailure whether the work should fail on purpose, to show how a failure
 * is recorded; optional
 * @author threadmethod contributors
 */
public record JobRequest(@NotBlank @Size(max = MAX_TEXT_LENGTH) String text, @Nullable Boolean simulateFailure) {

	/**
	 * The longest text a job takes, in characters.
	 */
	public static final int MAX_TEXT_LENGTH = 20_000;

	/**
	 * Return whether the work should fail on purpose.
	 * @return {@code true} only if the request asked for it
	 */
	public boolean failOnPurpose() {
		return Boolean.TRUE.equals(this.simulateFailure);
	}

}

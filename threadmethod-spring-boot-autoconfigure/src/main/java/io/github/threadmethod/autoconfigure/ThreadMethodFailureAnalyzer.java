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
package io.github.threadmethod.autoconfigure;

import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains the start-up failures of threadmethod in Spring Boot's failure report, with
 * what to change: an {@link InvalidFireAndForgetMethodException}, an
 * {@link IneffectiveFireAndForgetException} or an {@link UnsupportedSpringBootException}.
 * Each already names what is wrong; the report adds the fix.
 *
 * @author threadmethod contributors
 */
class ThreadMethodFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String action = action(cause);
			if (action != null) {
				return new FailureAnalysis(cause.getMessage(), action, cause);
			}
		}
		return null;
	}

	private static @Nullable String action(Throwable failure) {
		if (failure instanceof InvalidFireAndForgetMethodException) {
			return "Make each method listed above a public, non-final, non-static method that returns void, "
					+ "or remove @FireAndForget from it.";
		}
		if (failure instanceof IneffectiveFireAndForgetException) {
			return "Make each call listed above through the bean's proxy (another bean, or an injected reference "
					+ "to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or 'ignore'.";
		}
		if (failure instanceof UnsupportedSpringBootException) {
			return "Upgrade Spring Boot to one of the supported lines (" + SupportedSpringBootCondition.SUPPORTED_LINES
					+ "), or remove the threadmethod starter.";
		}
		return null;
	}

}

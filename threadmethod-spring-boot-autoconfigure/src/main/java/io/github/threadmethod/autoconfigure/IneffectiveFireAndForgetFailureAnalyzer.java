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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link IneffectiveFireAndForgetException} in Spring Boot's start-up failure
 * report, with what to change.
 *
 * @author threadmethod contributors
 */
class IneffectiveFireAndForgetFailureAnalyzer extends AbstractFailureAnalyzer<IneffectiveFireAndForgetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IneffectiveFireAndForgetException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Make each call listed above through the bean's proxy (another bean, or an injected reference "
						+ "to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or 'ignore'.",
				cause);
	}

}

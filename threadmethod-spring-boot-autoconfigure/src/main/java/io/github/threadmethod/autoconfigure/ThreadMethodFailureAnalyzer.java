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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains the start-up failures of threadmethod in Spring Boot's failure report, with
 * what to change: an {@link InvalidFireAndForgetMethodException}, an
 * {@link IneffectiveFireAndForgetException} or an {@link UnsupportedSpringBootException}.
 * Each already names what is wrong; the report adds what to do about each kind of problem
 * found. Start-up fails once with every finding, the first exception suppressing the
 * others: the report lists them all.
 *
 * @author threadmethod contributors
 */
class ThreadMethodFailureAnalyzer implements FailureAnalyzer {

	private static final String NEW_LINE = System.lineSeparator();

	// What to do about findings whose exception does not say, made by other code
	private static final String INVALID_ACTION = "Change each method listed above as its line says, or remove "
			+ "@FireAndForget from it.";

	private static final String INEFFECTIVE_ACTION = "Make each call listed above through the bean's proxy (another "
			+ "bean, or an injected reference to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or "
			+ "'ignore'.";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (isFindings(cause)) {
				return analyzeFindings(cause);
			}
			if (cause instanceof UnsupportedSpringBootException) {
				return new FailureAnalysis(cause.getMessage(), "Upgrade Spring Boot to one of the supported lines ("
						+ SupportedSpringBootCondition.SUPPORTED_LINES + "), or remove the threadmethod starter.",
						cause);
			}
		}
		return null;
	}

	private static boolean isFindings(Throwable failure) {
		return failure instanceof InvalidFireAndForgetMethodException
				|| failure instanceof IneffectiveFireAndForgetException;
	}

	/**
	 * Describe the findings of the given exception and of those it suppresses, each
	 * exception's in a paragraph, with what to do about each kind of finding once.
	 */
	private static FailureAnalysis analyzeFindings(Throwable failure) {
		List<Throwable> failures = new ArrayList<>();
		failures.add(failure);
		Stream.of(failure.getSuppressed()).filter(ThreadMethodFailureAnalyzer::isFindings).forEach(failures::add);
		String description = failures.stream()
			.map(Throwable::getMessage)
			.collect(Collectors.joining(NEW_LINE + NEW_LINE));
		Set<String> actions = new LinkedHashSet<>();
		failures.forEach((found) -> actions.addAll(actions(found)));
		return new FailureAnalysis(description, String.join(NEW_LINE, actions), failure);
	}

	private static List<String> actions(Throwable failure) {
		if (failure instanceof InvalidFireAndForgetMethodException invalid) {
			return invalid.getActions().isEmpty() ? List.of(INVALID_ACTION) : invalid.getActions();
		}
		List<String> actions = ((IneffectiveFireAndForgetException) failure).getActions();
		return actions.isEmpty() ? List.of(INEFFECTIVE_ACTION) : actions;
	}

}

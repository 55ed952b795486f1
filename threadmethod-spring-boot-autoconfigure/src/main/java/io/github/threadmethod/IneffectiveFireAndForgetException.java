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
package io.github.threadmethod;

import java.util.List;

/**
 * Thrown at start-up, when asked for with {@code threadmethod.self-invocation=fail}, if
 * {@link FireAndForget @FireAndForget} methods would silently run synchronously: called
 * on {@code this}, or annotated where the annotation can never take effect.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@SuppressWarnings("serial")
public class IneffectiveFireAndForgetException extends IllegalStateException {

	private static final String BULLET = System.lineSeparator() + "- ";

	private final List<String> findings;

	private final List<String> actions;

	public IneffectiveFireAndForgetException(List<String> findings) {
		this(findings, List.of());
	}

	/**
	 * Create an exception for the given findings, saying what to do about them.
	 * @param findings one sentence for each finding, naming the methods and the fix
	 * @param actions what to do about the findings: one sentence for each kind of finding
	 * among them
	 */
	public IneffectiveFireAndForgetException(List<String> findings, List<String> actions) {
		super("@FireAndForget would run synchronously:" + BULLET + String.join(BULLET, findings));
		this.findings = List.copyOf(findings);
		this.actions = List.copyOf(actions);
	}

	/**
	 * Return one sentence for each finding, naming the methods and the fix.
	 * @return the findings
	 */
	public List<String> getFindings() {
		return this.findings;
	}

	/**
	 * Return what to do about the findings, one sentence for each kind of finding among
	 * them, for a report of the failure.
	 * @return the actions, empty if this exception was created without them
	 */
	public List<String> getActions() {
		return this.actions;
	}

}

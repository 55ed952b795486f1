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
 * Thrown at start-up when {@link FireAndForget @FireAndForget} is used where it can never
 * take effect: on a method that returns a value, or on one that a proxy cannot intercept.
 *
 * <p>
 * Start-up fails once, with every finding: when the methods of several bean classes are
 * misused, or start-up finds an {@link IneffectiveFireAndForgetException} as well, the
 * exception of the first bean class {@linkplain Throwable#getSuppressed() suppresses} the
 * others.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@SuppressWarnings("serial")
public class InvalidFireAndForgetMethodException extends IllegalStateException {

	private static final String BULLET = System.lineSeparator() + "- ";

	private final Class<?> beanClass;

	private final List<String> problems;

	private final List<String> actions;

	public InvalidFireAndForgetMethodException(Class<?> beanClass, List<String> problems) {
		this(beanClass, problems, List.of());
	}

	/**
	 * Create an exception for the given misused methods of a bean class, saying what to
	 * do about them.
	 * @param beanClass the bean class whose methods are misused
	 * @param problems one sentence for each misused method, naming the method and why
	 * @param actions what to do about the problems: one sentence for each kind of problem
	 * among them
	 */
	public InvalidFireAndForgetMethodException(Class<?> beanClass, List<String> problems, List<String> actions) {
		super("Invalid @FireAndForget methods in " + beanClass.getName() + ":" + BULLET
				+ String.join(BULLET, problems));
		this.beanClass = beanClass;
		this.problems = List.copyOf(problems);
		this.actions = List.copyOf(actions);
	}

	/**
	 * Return the bean class whose methods are misused.
	 * @return the bean class
	 */
	public Class<?> getBeanClass() {
		return this.beanClass;
	}

	/**
	 * Return one sentence for each misused method, naming the method and why.
	 * @return the problems found
	 */
	public List<String> getProblems() {
		return this.problems;
	}

	/**
	 * Return what to do about the problems, one sentence for each kind of problem among
	 * them, for a report of the failure.
	 * @return the actions, empty if this exception was created without them
	 */
	public List<String> getActions() {
		return this.actions;
	}

}

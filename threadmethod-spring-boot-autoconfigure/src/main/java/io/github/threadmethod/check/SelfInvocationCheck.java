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
package io.github.threadmethod.check;

/**
 * What start-up does about {@link FireAndForget @FireAndForget} uses that silently run
 * synchronously: calls a bean makes on {@code this} to its own fire-and-forget methods,
 * and annotations that can never take effect.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public enum SelfInvocationCheck {

	/**
	 * Log one {@code WARN} line for each finding.
	 */
	WARN,

	/**
	 * Fail start-up with an {@link IneffectiveFireAndForgetException} listing every
	 * finding.
	 */
	FAIL,

	/**
	 * Do not look: no bytecode is read.
	 */
	IGNORE

}

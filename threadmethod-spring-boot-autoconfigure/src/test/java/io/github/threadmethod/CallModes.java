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

/**
 * The modes that run calls in this JVM, each as the property that chooses it, for tests
 * that must hold in every one of them.
 *
 * @author threadmethod contributors
 */
public enum CallModes {

	/**
	 * A platform thread for each call.
	 */
	THREAD("threadmethod.mode=thread"),

	/**
	 * A virtual thread for each call, on Java 21 or later.
	 */
	VIRTUAL("threadmethod.thread.virtual=true"),

	/**
	 * Each call on its caller's thread.
	 */
	SYNCHRONOUS("threadmethod.mode=synchronous");

	private final String property;

	CallModes(String property) {
		this.property = property;
	}

	/**
	 * Return the property that chooses this mode.
	 * @return the property, as {@code name=value}
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Return whether this JVM can run calls in this mode.
	 * @return whether the mode is available
	 */
	public boolean isAvailable() {
		return this != VIRTUAL || Runtime.version().feature() >= 21;
	}

	/**
	 * Return whether calls run on threads of their own.
	 * @return whether calls run away from their caller
	 */
	public boolean isThreaded() {
		return this != SYNCHRONOUS;
	}

}

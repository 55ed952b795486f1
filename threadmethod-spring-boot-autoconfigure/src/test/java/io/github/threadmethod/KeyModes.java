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

import java.util.stream.Stream;

/**
 * The modes that run calls in this JVM, for the tests of the key policies: platform
 * threads, virtual threads where this JVM has them (Java 21+), and the caller's thread.
 *
 * @author threadmethod contributors
 */
final class KeyModes {

	static final String THREAD = "thread";

	static final String VIRTUAL = "virtual";

	static final String SYNCHRONOUS = "synchronous";

	private KeyModes() {
	}

	static Stream<String> inThisJvm() {
		return (Runtime.version().feature() >= 21) ? Stream.of(THREAD, VIRTUAL, SYNCHRONOUS)
				: Stream.of(THREAD, SYNCHRONOUS);
	}

	static String[] properties(String mode) {
		return switch (mode) {
			case VIRTUAL -> new String[] { "threadmethod.thread.virtual=true" };
			case SYNCHRONOUS -> new String[] { "threadmethod.mode=synchronous" };
			default -> new String[0];
		};
	}

}

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
package io.github.threadmethod.support;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MethodDescriptions}: each form names a nested class, array and
 * primitive parameters the same way, whether described from a {@link Method} or from
 * names read in bytecode.
 *
 * @author threadmethod contributors
 */
class MethodDescriptionsTests {

	private static final String OWNER = MethodDescriptionsTests.class.getName();

	@Test
	void qualifiedNamesTheClassFullyAndTheParametersBySimpleName() throws NoSuchMethodException {
		assertThat(MethodDescriptions.qualified(send())).isEqualTo(OWNER + "$Mailer.send(String, int, Mailer[])");
	}

	@Test
	void qualifiedDescribesAMethodWithoutParameters() throws NoSuchMethodException {
		assertThat(MethodDescriptions.qualified(Mailer.class.getMethod("flush"))).isEqualTo(OWNER + "$Mailer.flush()");
	}

	@Test
	void briefNamesTheClassAfterItsEnclosingOne() throws NoSuchMethodException {
		assertThat(MethodDescriptions.brief(send()))
			.isEqualTo("MethodDescriptionsTests.Mailer.send(String, int, MethodDescriptionsTests.Mailer[])");
	}

	@Test
	void briefFromNamesReadInBytecodeMatchesBriefFromTheMethod() throws NoSuchMethodException {
		assertThat(MethodDescriptions.brief(OWNER + "$Mailer", "send",
				List.of("java.lang.String", "int", OWNER + "$Mailer[]")))
			.isEqualTo(MethodDescriptions.brief(send()));
	}

	@Test
	void briefWithoutParameterTypesNamesClassAndMethodOnly() {
		assertThat(MethodDescriptions.brief(OWNER + "$Mailer", "send"))
			.isEqualTo("MethodDescriptionsTests.Mailer.send");
	}

	private static Method send() throws NoSuchMethodException {
		return Mailer.class.getMethod("send", String.class, int.class, Mailer[].class);
	}

	static class Mailer {

		public void send(String to, int times, Mailer[] copies) {
		}

		public void flush() {
		}

	}

}

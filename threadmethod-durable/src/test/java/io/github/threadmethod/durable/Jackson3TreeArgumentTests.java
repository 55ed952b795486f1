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
package io.github.threadmethod.durable;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;

import io.github.threadmethod.FireAndForgetTask;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a tree of Jackson 3 is an argument like any other: the start-up check
 * accepts it and it arrives equal, as the mapper reads its text. Compiled only where
 * Jackson 3 is (not in the tests on Spring Boot 3.5), as the name of this class says.
 *
 * @author threadmethod contributors
 */
class Jackson3TreeArgumentTests {

	private static final int VALUES = 300;

	@Test
	void aTreeIsAcceptedAndEveryRandomTreeArrivesEqual() {
		StoredCallFormat format = StoredCallFormats.jackson3();
		Method method = ReflectionUtils.findMethod(Trees.class, "trees", (Class<?>[]) null);
		assertThat(method).isNotNull();
		assertThat(ParameterTypesTests.problems(format, method)).isEmpty();
		DurableTask task = new DurableTask(new FireAndForgetTask("Trees.trees", method, Trees.class), "trees", method);
		RandomValues values = new RandomValues(20261206L);
		for (int i = 0; i < VALUES; i++) {
			Map<String, JsonNode> passed = values.map(RandomValues::string,
					(each) -> JsonMapper.shared().readTree(each.json(0)));
			Object arrived = format
				.arguments(format.read(format.write(task, new Object[] { passed }, Map.of(), Instant.now())), task)[0];
			assertThat(arrived).as("value %d", i).isEqualTo(passed);
		}
	}

	@Test
	void aTreeOfJackson2IsRefusedByJackson3() {
		assertThat(ParameterTypesTests.problems(StoredCallFormats.jackson3(), ParameterTypesTests.method("tree2")))
			.singleElement()
			.asString()
			.contains("at trees{value} (com.fasterxml.jackson.databind.JsonNode)");
	}

	static class Trees {

		void trees(Map<String, JsonNode> trees) {
		}

	}

}

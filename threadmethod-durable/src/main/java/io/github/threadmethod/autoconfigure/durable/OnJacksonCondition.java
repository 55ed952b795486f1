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
package io.github.threadmethod.autoconfigure.durable;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Matches when a Jackson the durable mode writes stored calls with is on the class path:
 * Jackson 3 (Spring Boot 4) or Jackson 2 (Spring Boot 3.5).
 *
 * @author threadmethod contributors
 */
final class OnJacksonCondition extends AnyNestedCondition {

	static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

	static final String JACKSON_2 = "com.fasterxml.jackson.databind.ObjectMapper";

	OnJacksonCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnClass(name = JACKSON_3)
	static final class Jackson3 {

	}

	@ConditionalOnClass(name = JACKSON_2)
	static final class Jackson2 {

	}

}

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

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskProperties}, the settings of single tasks bound before any
 * configuration properties bean exists.
 *
 * @author threadmethod contributors
 */
class TaskPropertiesTests {

	@Test
	void bindsEachTaskUnderItsDottedNameInTheOrderConfigured() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("threadmethod.tasks[Reports.render].concurrency.limit", "2")
			.withProperty("threadmethod.tasks[Mail.send].enabled", "false");
		TaskProperties tasks = new TaskProperties(environment);
		assertThat(tasks.get()).containsOnlyKeys("Reports.render", "Mail.send");
		assertThat(tasks.get().get("Reports.render").getConcurrency().getLimit()).isEqualTo(2);
		assertThat(tasks.isEnabled("Mail.send")).isFalse();
		assertThat(tasks.isEnabled("Reports.render")).isTrue();
		assertThat(tasks.isEnabled("Unknown.task")).isTrue();
	}

	@Test
	void bindsWhenFirstReadAndOnlyThen() {
		MockEnvironment environment = new MockEnvironment();
		TaskProperties tasks = new TaskProperties(environment);
		environment.setProperty("threadmethod.tasks[Mail.send].enabled", "false");
		assertThat(tasks.isEnabled("Mail.send")).isFalse();
		environment.setProperty("threadmethod.tasks[Mail.send].enabled", "true");
		assertThat(tasks.isEnabled("Mail.send")).isFalse();
	}

	@Test
	void noSettingsMeansNoTasks() {
		assertThat(new TaskProperties(new MockEnvironment()).get()).isEmpty();
	}

}

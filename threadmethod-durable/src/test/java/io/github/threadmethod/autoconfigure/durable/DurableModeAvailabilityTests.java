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

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableModeAvailability}: why a task set to the durable mode has no
 * backend, naming what to add.
 *
 * @author threadmethod contributors
 */
class DurableModeAvailabilityTests {

	private final DurableModeAvailability availability = new DurableModeAvailability();

	@Test
	void saysNothingOfAnotherMode() {
		assertThat(this.availability.whyUnavailable("thread", new FilteredClassLoader("com.github.kagkarlsson")))
			.isNull();
	}

	@Test
	void withoutDbSchedulerNamesBothOfItsStarters() {
		assertThat(this.availability.whyUnavailable("durable", new FilteredClassLoader("com.github.kagkarlsson")))
			.startsWith("The durable mode stores calls with db-scheduler, which is not on the class path")
			.contains("com.github.kagkarlsson:db-scheduler-spring-boot-4-starter (Spring Boot 4)")
			.contains("com.github.kagkarlsson:db-scheduler-spring-boot-starter (Spring Boot 3.5)");
	}

	@Test
	void withoutEitherJacksonNamesBoth() {
		assertThat(this.availability.whyUnavailable("durable",
				new FilteredClassLoader("tools.jackson", "com.fasterxml.jackson.databind")))
			.startsWith("The durable mode writes stored calls as JSON with Jackson, which is not on the class path")
			.contains("tools.jackson.core:jackson-databind (Spring Boot 4)")
			.contains("com.fasterxml.jackson.core:jackson-databind (Spring Boot 3.5)");
	}

	@Test
	void withJacksonAndDbSchedulerAsksForTheSchedulerOfDbSchedulersStarter() {
		assertThat(this.availability.whyUnavailable("durable", new FilteredClassLoader("tools.jackson")))
			.isEqualTo("The durable mode stores calls with db-scheduler, but the application has no db-scheduler "
					+ "Scheduler made by its Spring Boot starter: is there a DataSource, and is "
					+ "db-scheduler.enabled true?");
	}

}

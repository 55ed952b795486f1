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

import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.launch.CallLauncher;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchedulerPause}: this instance's scheduler takes no new executions
 * once the application stops, just before the launcher waits for its running calls, and
 * takes them again when it starts again.
 *
 * @author threadmethod contributors
 */
class SchedulerPauseTests {

	// Made, never started: pausing and resuming only set its state
	private final Scheduler scheduler = Scheduler
		.create(new DriverManagerDataSource("jdbc:h2:mem:pause-" + UUID.randomUUID(), "sa", ""))
		.build();

	private final SchedulerPause pause = new SchedulerPause(() -> this.scheduler);

	@Test
	void stoppingPausesTheSchedulerAndStartingAgainResumesIt() {
		this.pause.start();
		assertThat(this.pause.isRunning()).isTrue();
		assertThat(this.scheduler.getSchedulerState().isPaused()).isFalse();
		this.pause.stop();
		assertThat(this.pause.isRunning()).isFalse();
		assertThat(this.scheduler.getSchedulerState().isPaused()).isTrue();
		this.pause.start();
		assertThat(this.pause.isRunning()).isTrue();
		assertThat(this.scheduler.getSchedulerState().isPaused()).isFalse();
	}

	@Test
	void startingWhileRunningLeavesTheSchedulerAsItIs() {
		this.pause.start();
		// Paused by someone else, the application itself say
		this.scheduler.pause();
		this.pause.start();
		assertThat(this.scheduler.getSchedulerState().isPaused()).isTrue();
	}

	@Test
	void itStopsJustBeforeTheLauncherWaitsForRunningCalls() {
		assertThat(this.pause.getPhase()).isEqualTo(CallLauncher.DEFAULT_PHASE + 1);
		assertThat(this.pause.isAutoStartup()).isTrue();
	}

}

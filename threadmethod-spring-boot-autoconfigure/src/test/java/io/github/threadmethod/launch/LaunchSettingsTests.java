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
package io.github.threadmethod.launch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LaunchSettings}, {@link TaskSettings} and the checks a launcher and a
 * thread backend make of what they are given.
 *
 * @author threadmethod contributors
 */
class LaunchSettingsTests {

	private final TaskSettings pooled = new TaskSettings(true, "pool", 2, ConcurrencyLimitPolicy.REJECT, Duration.ZERO);

	@Test
	void taskWithoutSettingsOfItsOwnGetsTheDefaults() {
		LaunchSettings settings = TestLaunchSettings.defaults("thread");
		assertThat(settings.forTask("Any.task")).isSameAs(settings.defaults());
		assertThat(settings.defaults())
			.isEqualTo(new TaskSettings(true, "thread", null, ConcurrencyLimitPolicy.WAIT, Duration.ofSeconds(10)));
		assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.slowCallThreshold()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void tasksCannotBeChangedOnceMade() {
		Map<String, TaskSettings> tasks = new HashMap<>(Map.of("Reports.render", this.pooled));
		LaunchSettings settings = new LaunchSettings(null, Duration.ZERO, Duration.ZERO,
				TestLaunchSettings.defaults("thread").defaults(), tasks);
		tasks.clear();
		assertThat(settings.forTask("Reports.render")).isSameAs(this.pooled);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.tasks().put("Other.task", this.pooled));
	}

	@Test
	void settingsThatMakeNoSenseAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskSettings(true, "thread", 0, ConcurrencyLimitPolicy.WAIT, Duration.ZERO))
			.withMessage("Concurrency limit must be at least 1, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskSettings(true, "", null, ConcurrencyLimitPolicy.WAIT, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new TaskSettings(true, "thread", null, ConcurrencyLimitPolicy.WAIT, Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new LaunchSettings(0, Duration.ZERO, Duration.ZERO,
				TestLaunchSettings.defaults("thread").defaults(), Map.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new LaunchSettings(null, Duration.ofSeconds(-1),
				Duration.ZERO, TestLaunchSettings.defaults("thread").defaults(), Map.of()));
	}

	@Test
	void launcherRefusesAModeNoBackendHas() {
		LaunchSettings settings = new LaunchSettings(null, Duration.ZERO, Duration.ZERO,
				TestLaunchSettings.defaults("thread").defaults(), Map.of("Reports.render", this.pooled));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new CallLauncher(settings, List.of(new ThreadPerCallBackend())))
			.withMessage("No @FireAndForget backend has mode 'pool'; the modes known are [thread]");
	}

	@Test
	void launcherRefusesWhatItCannotWorkWith() {
		List<FireAndForgetBackend> threads = List.of(new ThreadPerCallBackend());
		assertThatIllegalArgumentException().isThrownBy(() -> new CallLauncher(null, threads))
			.withMessage("Settings must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallLauncher(TestLaunchSettings.defaults("thread"), List.of()))
			.withMessage("At least one backend is needed");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new CallLauncher(TestLaunchSettings.defaults("durable"), threads))
			.withMessage("No @FireAndForget backend has mode 'durable'; the modes known are [thread]");
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"), threads);
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.addListener(null))
			.withMessage("Listener must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.registerTask(""))
			.withMessage("Task name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> launcher.getCalls().awaitIdle(null))
			.withMessage("Timeout must not be null");
	}

	@Test
	void taskMadeKnownBeforeItsFirstCallIsListedWithNothingCounted() {
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"),
				List.of(new ThreadPerCallBackend()));
		launcher.registerTask("Reports.render");
		launcher.registerTask("Reports.render");
		assertThat(launcher.getCalls().getTotals()).containsOnlyKeys("Reports.render");
		assertThat(launcher.getCalls().getTotals("Reports.render"))
			.isEqualTo(new FireAndForgetCalls.TaskTotals(0, 0, 0, 0, 0, 0));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsBeforeJava21AreRefusedWhenTheBackendIsMade() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> new ThreadPerCallBackend("threadmethod-", false, true));
	}

}

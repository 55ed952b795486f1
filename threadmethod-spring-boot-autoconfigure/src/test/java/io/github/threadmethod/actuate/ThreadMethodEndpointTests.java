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
package io.github.threadmethod.actuate;

import java.time.Duration;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.actuate.ThreadMethodEndpoint.ThreadMethodDescriptor;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadMethodEndpoint} and its auto-configuration.
 *
 * @author threadmethod contributors
 */
class ThreadMethodEndpointTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ThreadMethodAutoConfiguration.class, ThreadMethodEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=threadmethod")
		.withBean(CallRecorder.class)
		.withBean(Indexer.class);

	@Test
	void showsRunningCallsTotalsAndConfiguration() {
		this.contextRunner
			.withPropertyValues("threadmethod.concurrency.limit=8", "threadmethod.tasks[Indexer.index].enabled=true",
					"threadmethod.tasks[Indexer.index].concurrency.limit=2")
			.run((context) -> {
				CallRecorder recorder = context.getBean(CallRecorder.class);
				Indexer indexer = context.getBean(Indexer.class);
				indexer.index("a");
				context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
				recorder.blockBodies();
				indexer.index("b");
				recorder.awaitCalls(2);
				ThreadMethodDescriptor descriptor = context.getBean(ThreadMethodEndpoint.class).threadMethod();
				assertThat(descriptor.running()).singleElement().satisfies((call) -> {
					assertThat(call.task()).isEqualTo("Indexer.index");
					assertThat(call.thread()).isEqualTo("threadmethod-Indexer.index-2");
					assertThat(call.startedAt()).isNotNull();
					assertThat(Duration.parse(call.runningFor()).isNegative()).isFalse();
				});
				assertThat(descriptor.tasks()).containsOnlyKeys("Indexer.index");
				assertThat(descriptor.tasks().get("Indexer.index"))
					.isEqualTo(new FireAndForgetCalls.TaskTotals(2, 1, 0, 0, 1, 0));
				assertThat(descriptor.configuration().threadNamePrefix()).isEqualTo("threadmethod-");
				assertThat(descriptor.configuration().shutdownTimeout()).isEqualTo("PT30S");
				assertThat(descriptor.configuration().concurrency().limit()).isEqualTo(8);
				assertThat(descriptor.configuration().concurrency().policy()).isEqualTo(ConcurrencyLimitPolicy.WAIT);
				assertThat(descriptor.configuration().tasks().get("Indexer.index").concurrency().limit()).isEqualTo(2);
				recorder.release();
			});
	}

	@Test
	void listsEveryTaskKnownFromStartupBeforeItsFirstCall() {
		this.contextRunner.run((context) -> {
			ThreadMethodDescriptor descriptor = context.getBean(ThreadMethodEndpoint.class).threadMethod();
			assertThat(descriptor.tasks()).containsOnlyKeys("Indexer.index");
			assertThat(descriptor.tasks().get("Indexer.index"))
				.isEqualTo(new FireAndForgetCalls.TaskTotals(0, 0, 0, 0, 0, 0));
		});
	}

	@Test
	void isNotCreatedWhenNotExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class,
					ThreadMethodEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadMethodEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class,
					ThreadMethodEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=threadmethod")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadMethodEndpoint.class));
	}

	static class Indexer {

		private final CallRecorder recorder;

		Indexer(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void index(String document) {
			this.recorder.record("index", document);
		}

	}

}

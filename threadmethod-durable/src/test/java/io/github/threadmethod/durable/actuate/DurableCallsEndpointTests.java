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
package io.github.threadmethod.durable.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration;
import io.github.threadmethod.autoconfigure.durable.actuate.DurableCallsEndpointAutoConfiguration;
import io.github.threadmethod.durable.DurableCalls;
import io.github.threadmethod.durable.DurableCalls.LastFailure;
import io.github.threadmethod.durable.DurableCalls.Status;
import io.github.threadmethod.durable.DurableCalls.StoredCall;
import io.github.threadmethod.durable.actuate.DurableCallsEndpoint.ProblemDescriptor;
import io.github.threadmethod.durable.actuate.DurableCallsEndpoint.RunAgainDescriptor;
import io.github.threadmethod.durable.actuate.DurableCallsEndpoint.TaskCallsDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableCallsEndpoint} and its auto-configuration. Its HTTP requests
 * and responses on a real database are in
 * {@code io.github.threadmethod.durable.DurableCallsOnPostgreSqlTests}.
 *
 * @author threadmethod contributors
 */
class DurableCallsEndpointTests {

	private static final MimeType PROBLEM = MimeType.valueOf("application/problem+json");

	private final Calls calls = new Calls();

	private final DurableCallsEndpoint endpoint = new DurableCallsEndpoint(this.calls);

	@Test
	void listsTheCallsOfATaskUpToItsBound() {
		StoredCall call = new StoredCall("Mailer.send/1", "Mailer.send", Status.FAILED, 4,
				Instant.parse("2026-12-06T09:30:00Z"), null,
				new LastFailure(Instant.parse("2026-12-06T09:31:00Z"), "java.lang.IllegalStateException", "down"));
		this.calls.listed = List.of(call);
		WebEndpointResponse<OperationResponseBody> response = this.endpoint.calls("Mailer.send");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo(new TaskCallsDescriptor("Mailer.send", List.of(call)));
		assertThat(this.calls.actions).containsExactly("list Mailer.send " + DurableCallsEndpoint.LISTED);
	}

	@Test
	void runsEveryFailedCallOfATaskAgainSayingHowMany() {
		WebEndpointResponse<OperationResponseBody> response = this.endpoint.runFailedAgain("Mailer.send");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo(new RunAgainDescriptor("Mailer.send", 3));
	}

	@Test
	void runsACallAgainOrGivesItUpByItsIdAsThePathSaysIt() {
		assertThat(this.endpoint.runAgain("Mailer.send", "5b7e").getStatus()).isEqualTo(204);
		assertThat(this.endpoint.giveUp("#3f9a0c12d4e5f601", "5b7e").getStatus()).isEqualTo(204);
		assertThat(this.calls.actions).containsExactly("runAgain Mailer.send/5b7e", "giveUp #3f9a0c12d4e5f601/5b7e");
	}

	@Test
	void answersATaskOrACallThatIsNotThereWithNotFoundAndAProblemDetail() {
		this.calls.failure = new NoSuchElementException("No durable @FireAndForget call 'Mailer.send/5b7e' is stored");
		for (WebEndpointResponse<OperationResponseBody> response : List.of(this.endpoint.calls("Mailer.sned"),
				this.endpoint.runFailedAgain("Mailer.sned"), this.endpoint.runAgain("Mailer.send", "5b7e"),
				this.endpoint.giveUp("Mailer.send", "5b7e"))) {
			assertThat(response.getStatus()).isEqualTo(404);
			assertThat(response.getContentType()).isEqualTo(PROBLEM);
			assertThat(response.getBody()).isEqualTo(new ProblemDescriptor("Not Found", 404,
					"No durable @FireAndForget call 'Mailer.send/5b7e' is stored"));
		}
	}

	@Test
	void answersACallThatRunsNowWithConflictAndAProblemDetail() {
		this.calls.failure = new IllegalStateException("Durable @FireAndForget call 'Mailer.send/5b7e' is running now");
		WebEndpointResponse<OperationResponseBody> response = this.endpoint.giveUp("Mailer.send", "5b7e");
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentType()).isEqualTo(PROBLEM);
		assertThat(response.getBody()).isEqualTo(new ProblemDescriptor("Conflict", 409,
				"Durable @FireAndForget call 'Mailer.send/5b7e' is running now"));
	}

	@Test
	void isAutoConfiguredWithTheDurableModeWhenExposed() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=threadmethodcalls")
			.run((context) -> assertThat(context).hasSingleBean(DurableCallsEndpoint.class));
	}

	@Test
	void isNotAutoConfiguredWhenNotExposed() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(DurableCallsEndpoint.class));
	}

	@Test
	void isNotAutoConfiguredWithoutTheDurableMode() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class,
					DurableCallsEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=threadmethodcalls")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableCallsEndpoint.class));
	}

	@Test
	void backsOffForTheApplicationsOwnEndpoint() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=threadmethodcalls")
			.withBean("ownEndpoint", DurableCallsEndpoint.class, () -> this.endpoint)
			.run((context) -> assertThat(context).getBean(DurableCallsEndpoint.class).isSameAs(this.endpoint));
	}

	private static ApplicationContextRunner contextRunner() {
		List<Class<?>> configurations = new ArrayList<>();
		for (String name : List.of(dataSourceAutoConfiguration(),
				"com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")) {
			configurations.add(ClassUtils.resolveClassName(name, null));
		}
		configurations.addAll(List.of(ThreadMethodAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableCallsEndpointAutoConfiguration.class));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(configurations.toArray(Class<?>[]::new)))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:endpoint-" + UUID.randomUUID());
	}

	private static String dataSourceAutoConfiguration() {
		return ClassUtils.isPresent("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", null)
				? "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
				: "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
	}

	/**
	 * Stored calls that record what is asked of them, and fail as told.
	 */
	private static final class Calls implements DurableCalls {

		final List<String> actions = new ArrayList<>();

		List<StoredCall> listed = List.of();

		RuntimeException failure;

		@Override
		public List<StoredCall> list(String taskName, int limit) {
			act("list " + taskName + " " + limit);
			return this.listed;
		}

		@Override
		public void runAgain(String id) {
			act("runAgain " + id);
		}

		@Override
		public int runFailedAgain(String taskName) {
			act("runFailedAgain " + taskName);
			return 3;
		}

		@Override
		public void giveUp(String id) {
			act("giveUp " + id);
		}

		private void act(String action) {
			if (this.failure != null) {
				throw this.failure;
			}
			this.actions.add(action);
		}

	}

}

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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link DurableTasks}: which beans' methods are durable tasks, and when the
 * engine's threads may run their stored calls.
 *
 * @author threadmethod contributors
 */
class DurableTasksTests {

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void close() {
		this.context.close();
		// A test that interrupted its own thread leaves it as it found it
		Thread.interrupted();
	}

	@Test
	void theTasksAreTheFireAndForgetMethodsInTheDurableModeOfApplicationBeans() {
		this.context.registerBean("mailer", Mailer.class);
		RootBeanDefinition infrastructure = new RootBeanDefinition(Audit.class);
		infrastructure.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		this.context.registerBeanDefinition("audit", infrastructure);
		RootBeanDefinition template = new RootBeanDefinition(Reports.class);
		template.setAbstract(true);
		this.context.registerBeanDefinition("reports", template);
		DurableTasks tasks = tasks(Set.of("Mailer.send", "Audit.record", "Reports.print"), true);
		assertThat(tasks.tasks()).containsOnlyKeys("Mailer.send");
		DurableTask task = tasks.get("Mailer.send");
		assertThat(task).isNotNull();
		assertThat(task.beanName()).isEqualTo("mailer");
		assertThat(task.signature()).isEqualTo("send(java.lang.String)");
		assertThat(task.task().getBeanClass()).isEqualTo(Mailer.class);
		assertThat(tasks.get("Mailer.remind")).isNull();
	}

	@Test
	void aTaskOfTwoBeansFailsStartUpNamingIt() {
		this.context.registerBean("mailer", Mailer.class);
		this.context.registerBean("otherMailer", Mailer.class);
		DurableTasks tasks = tasks(Set.of("Mailer.send"), true);
		assertThatExceptionOfType(InvalidFireAndForgetMethodException.class).isThrownBy(tasks::tasks)
			.withMessageContaining(" of bean 'mailer' runs as task 'Mailer.send' in the durable mode, as do the "
					+ "methods of other beans (otherMailer): a stored call names its task, which must be one bean's")
			.satisfies((failure) -> assertThat(failure.getBeanClass()).isEqualTo(Mailer.class));
	}

	@Test
	void aStoredCallIsRunByTheTaskItNamesOnlyIfThatTaskRunsTheBeanAndMethodItNames() {
		this.context.registerBean("mailer", Mailer.class);
		DurableTasks tasks = tasks(Set.of("Mailer.send"), true);
		assertThat(tasks
			.resolve(new StoredCall("Mailer.send", "mailer", "send(java.lang.String)", List.of(), Map.of(), null)))
			.isSameAs(tasks.get("Mailer.send"));
		assertThatExceptionOfType(UnknownCallException.class)
			.isThrownBy(() -> tasks.resolve(
					new StoredCall("Mailer.remind", "mailer", "remind(java.lang.String)", List.of(), Map.of(), null)))
			.withMessage("it is a call of task 'Mailer.remind', which is not a @FireAndForget task in the durable "
					+ "mode in this application")
			.satisfies((unknown) -> assertThat(unknown.getTaskName()).isEqualTo("Mailer.remind"));
		assertThatExceptionOfType(UnknownCallException.class)
			.isThrownBy(() -> tasks.resolve(
					new StoredCall("Mailer.send", "otherMailer", "send(java.lang.String)", List.of(), Map.of(), null)))
			.withMessage("it is a call of task 'Mailer.send' to bean 'otherMailer', method send(java.lang.String), "
					+ "but in this application that task runs bean 'mailer', method send(java.lang.String)");
		assertThatExceptionOfType(UnknownCallException.class)
			.isThrownBy(
					() -> tasks.resolve(new StoredCall("Mailer.send", "mailer", "send()", List.of(), Map.of(), null)))
			.withMessageEndingWith(
					"but in this application that task runs bean 'mailer', method " + "send(java.lang.String)");
	}

	@Test
	void startUpEndingLetsStoredCallsRun() {
		this.context.registerBean("mailer", Mailer.class);
		DurableTasks tasks = tasks(Set.of("Mailer.send"), true);
		tasks.afterSingletonsInstantiated();
		tasks.awaitReady(Duration.ofSeconds(5));
	}

	@Test
	void durableTasksOfASchedulerWithoutTheDurableSerializerFailStartUpNamingThem() {
		this.context.registerBean("mailer", Mailer.class);
		DurableTasks tasks = tasks(Set.of("Mailer.send"), false);
		assertThatIllegalStateException().isThrownBy(tasks::afterSingletonsInstantiated)
			.withMessageStartingWith("@FireAndForget tasks [Mailer.send] are in the durable mode, but db-scheduler's "
					+ "Scheduler was not made by its Spring Boot starter");
		assertThatIllegalStateException().isThrownBy(() -> tasks.awaitReady(Duration.ofMillis(10)));
	}

	@Test
	void withoutDurableTasksAnySchedulerWillDo() {
		this.context.registerBean("mailer", Mailer.class);
		DurableTasks tasks = tasks(Set.of(), false);
		tasks.afterSingletonsInstantiated();
		assertThat(tasks.tasks()).isEmpty();
		tasks.awaitReady(Duration.ofSeconds(5));
	}

	@Test
	void aContextClosedBeforeStartUpEndedRunsNoStoredCall() {
		DurableTasks tasks = tasks(Set.of(), true);
		tasks.destroy();
		// At once, however long it would have waited
		assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> assertThatIllegalStateException().isThrownBy(() -> tasks.awaitReady(Duration.ofHours(1)))
					.withMessage("The application did not finish starting; the durable call is tried again"));
	}

	@Test
	void aStoredCallWaitsForStartUpOnlySoLong() {
		DurableTasks tasks = tasks(Set.of(), true);
		assertThatIllegalStateException().isThrownBy(() -> tasks.awaitReady(Duration.ofMillis(10)))
			.withMessage("The application did not finish starting; the durable call is tried again");
	}

	@Test
	void anEngineThreadInterruptedWhileWaitingForStartUpStaysInterrupted() {
		DurableTasks tasks = tasks(Set.of(), true);
		Thread.currentThread().interrupt();
		assertThatIllegalStateException().isThrownBy(() -> tasks.awaitReady(Duration.ofSeconds(5)));
		assertThat(Thread.interrupted()).isTrue();
	}

	private DurableTasks tasks(Set<String> durable, boolean serializerInstalled) {
		this.context.refresh();
		return new DurableTasks(this.context.getBeanFactory(), durable::contains, (advisor) -> false,
				() -> serializerInstalled, StoredCallFormats.jackson2(), Set.of());
	}

	public static class Mailer {

		@FireAndForget
		public void send(String to) {
		}

		@FireAndForget
		public void remind(String to) {
		}

	}

	public static class Audit {

		@FireAndForget
		public void record(String entry) {
		}

	}

	public static class Reports {

		@FireAndForget
		public void print(String name) {
		}

	}

}

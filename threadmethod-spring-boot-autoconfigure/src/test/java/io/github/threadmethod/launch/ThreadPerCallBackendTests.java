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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadPerCallBackend}.
 *
 * @author threadmethod contributors
 */
class ThreadPerCallBackendTests {

	@Test
	void platformThreadsAreNamedAfterTheTaskNumberedPerTaskAndDaemonWhenAsked() throws Exception {
		ThreadPerCallBackend backend = new ThreadPerCallBackend("jobs-", true, false);
		assertThat(backend.getMode()).isEqualTo("thread");
		assertThat(backend.getThreadNamePrefix()).isEqualTo("jobs-");
		assertThat(backend.isDaemon()).isTrue();
		assertThat(backend.isVirtualThreads()).isFalse();
		assertThat(backend).hasToString("ThreadPerCallBackend [platform threads]");
		Thread first = bodyThread(backend, "Reports.render");
		Thread second = bodyThread(backend, "Reports.render");
		Thread other = bodyThread(backend, "Mail.send");
		assertThat(List.of(first.getName(), second.getName(), other.getName())).containsExactly("jobs-Reports.render-1",
				"jobs-Reports.render-2", "jobs-Mail.send-1");
		assertThat(first.isDaemon()).isTrue();
		assertThat(isVirtual(first)).isFalse();
	}

	@Test
	void describesItselfByItsThreadsWhereABackendByDefaultNamesItsMode() {
		assertThat(new ThreadPerCallBackend().describe()).isEqualTo("threads: platform");
		assertThat(new ThreadPerCallBackend(Thread::new).describe()).isEqualTo("threads: platform");
		assertThat(new SynchronousBackend().describe()).isEqualTo("mode: synchronous");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsAreDescribedAsSuch() {
		assertThat(new ThreadPerCallBackend("threadmethod-", false, true).describe()).isEqualTo("threads: virtual");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsAreNamedAsPlatformThreadsAre() throws Exception {
		ThreadPerCallBackend backend = new ThreadPerCallBackend("threadmethod-", false, true);
		assertThat(backend.isVirtualThreads()).isTrue();
		assertThat(backend).hasToString("ThreadPerCallBackend [virtual threads]");
		Thread thread = bodyThread(backend, "Reports.render");
		assertThat(isVirtual(thread)).isTrue();
		assertThat(thread.getName()).isEqualTo("threadmethod-Reports.render-1");
	}

	@Test
	void threadFactoryGivenMakesEveryThread() throws Exception {
		ThreadPerCallBackend backend = new ThreadPerCallBackend((runnable) -> new Thread(runnable, "mine"));
		assertThat(backend.getThreadNamePrefix()).isNull();
		assertThat(bodyThread(backend, "Reports.render").getName()).isEqualTo("mine");
	}

	@Test
	void threadFactoryThatGivesNoThreadRejectsTheCall() {
		ThreadPerCallBackend backend = new ThreadPerCallBackend((runnable) -> null);
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"), List.of(backend));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(Invocations.task("Reports.render"), Invocations.of(() -> {
			})))
			.withMessage(
					"@FireAndForget call of task 'Reports.render' rejected: its thread factory returned no thread");
	}

	@Test
	void threadFactoryThatFailsRejectsTheCallNamingWhy() {
		ThreadPerCallBackend backend = new ThreadPerCallBackend((runnable) -> {
			throw new IllegalStateException("no more threads today");
		});
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"), List.of(backend));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> launcher.launch(Invocations.task("Reports.render"), Invocations.of(() -> {
			})))
			.withMessage("@FireAndForget call of task 'Reports.render' rejected: its thread could not be created "
					+ "(java.lang.IllegalStateException: no more threads today)")
			.withCauseInstanceOf(IllegalStateException.class);
	}

	// Thread.isVirtual() is Java 21 API; the tests compile for Java 17
	private static boolean isVirtual(Thread thread) throws Exception {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static Thread bodyThread(ThreadPerCallBackend backend, String taskName) throws Exception {
		CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults("thread"), List.of(backend));
		CompletableFuture<Thread> thread = new CompletableFuture<>();
		launcher.launch(Invocations.task(taskName), Invocations.of(() -> thread.complete(Thread.currentThread())));
		launcher.getCalls().awaitIdle(Duration.ofSeconds(30));
		return thread.get(30, TimeUnit.SECONDS);
	}

}

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
package io.github.threadmethod;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what a call of a {@link FireAndForget @FireAndForget} method does.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class CallBehaviourTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(Mailer.class)
		.withBean("notifier", Notifier.class)
		.withBean(LoudNotifier.class);

	@Test
	void callReturnsWhileTheBodyRunsOnANewNamedThread() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			context.getBean(Mailer.class).send("ada@example.com", 3);
			Call call = recorder.awaitCalls(1).get(0);
			assertThat(call.thread()).isNotSameAs(Thread.currentThread());
			assertThat(call.thread().getName()).isEqualTo("threadmethod-Mailer.send-1");
			assertThat(call.thread().isDaemon()).isFalse();
			assertThat(call.arguments()).containsExactly("ada@example.com", 3);
			recorder.release();
		});
	}

	@Test
	void eachCallRunsOnAFreshThreadThatEndsWithIt() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			Mailer mailer = context.getBean(Mailer.class);
			for (int i = 0; i < 3; i++) {
				mailer.send("ada@example.com", i);
			}
			List<Call> calls = recorder.awaitCalls(3);
			Set<Thread> threads = calls.stream().map(Call::thread).collect(Collectors.toSet());
			assertThat(threads).hasSize(3).allMatch(Thread::isAlive);
			assertThat(threads).extracting(Thread::getName)
				.containsExactlyInAnyOrder("threadmethod-Mailer.send-1", "threadmethod-Mailer.send-2",
						"threadmethod-Mailer.send-3");
			recorder.release();
			await().untilAsserted(() -> assertThat(threads).noneMatch(Thread::isAlive));
		});
	}

	@Test
	void taskNameComesFromTheAnnotation() {
		this.contextRunner.run((context) -> {
			context.getBean(Mailer.class).welcome("ada@example.com");
			Call call = context.getBean(CallRecorder.class).awaitCalls(1).get(0);
			assertThat(call.thread().getName()).isEqualTo("threadmethod-welcome-mail-1");
		});
	}

	@Test
	void unannotatedMethodOfAProxiedBeanStaysSynchronous() {
		this.contextRunner.run((context) -> {
			context.getBean(Mailer.class).plain();
			assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
				.extracting(Call::thread)
				.isSameAs(Thread.currentThread());
		});
	}

	@Test
	void typeLevelAnnotationAppliesToThePublicVoidMethodsTheTypeDeclares() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			Notifier notifier = context.getBean("notifier", Notifier.class);
			assertThat(notifier.describe()).isEqualTo("notifier");
			notifier.count();
			assertThat(recorder.calls()).extracting(Call::thread).containsOnly(Thread.currentThread());
			notifier.notifyUser("ada");
			Call call = recorder.awaitCalls(3).get(2);
			assertThat(call.name()).isEqualTo("notifyUser");
			assertThat(call.thread().getName()).isEqualTo("threadmethod-Notifier.notifyUser-1");
		});
	}

	@Test
	void typeLevelAnnotationReachesOverridesButNotNewMethodsOfASubclass() {
		this.contextRunner.run((context) -> {
			CallRecorder recorder = context.getBean(CallRecorder.class);
			LoudNotifier notifier = context.getBean(LoudNotifier.class);
			notifier.shout("ada");
			assertThat(recorder.calls()).singleElement().extracting(Call::thread).isSameAs(Thread.currentThread());
			notifier.notifyUser("ada");
			Call call = recorder.awaitCalls(2).get(1);
			assertThat(call.name()).isEqualTo("loudNotifyUser");
			assertThat(call.thread().getName()).isEqualTo("threadmethod-LoudNotifier.notifyUser-1");
		});
	}

	@Test
	void typeLevelAnnotationOnAGenericInterfaceReachesItsImplementations() {
		this.contextRunner.withBean(StringHandler.class).run((context) -> {
			context.getBean(StringHandler.class).handle("text");
			Call call = context.getBean(CallRecorder.class).awaitCalls(1).get(0);
			assertThat(call.thread().getName()).isEqualTo("threadmethod-StringHandler.handle-1");
		});
	}

	@Test
	void annotationOnASuperInterfaceMethodReachesTheImplementation() {
		this.contextRunner.withBean(MailService.class).run((context) -> {
			context.getBean(MailService.class).notifyUser("ada");
			Call call = context.getBean(CallRecorder.class).awaitCalls(1).get(0);
			assertThat(call.thread()).isNotSameAs(Thread.currentThread());
		});
	}

	@Test
	void tasksOfTheSameNameShareTheirThreadNumbering() {
		this.contextRunner.withBean(Namesakes.class).run((context) -> {
			Namesakes namesakes = context.getBean(Namesakes.class);
			CallRecorder recorder = context.getBean(CallRecorder.class);
			recorder.blockBodies();
			namesakes.first();
			namesakes.second();
			assertThat(recorder.awaitCalls(2)).extracting((call) -> call.thread().getName())
				.containsExactlyInAnyOrder("threadmethod-mail-1", "threadmethod-mail-2");
			recorder.release();
		});
	}

	@Test
	void twoExceptionHandlerBeansFailStartup() {
		this.contextRunner.withBean("one", FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> {
		}).withBean("two", FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> {
		})
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("expected single matching bean but found 2: one,two"));
	}

	@Test
	void failureGoesToTheExceptionHandlerBeanNotTheCaller() {
		BlockingQueue<Object[]> failures = new ArrayBlockingQueue<>(1);
		this.contextRunner
			.withBean(FireAndForgetExceptionHandler.class,
					() -> (ex, task, arguments) -> failures.add(new Object[] { ex, task, arguments }))
			.run((context) -> {
				IllegalStateException failure = new IllegalStateException("boom");
				assertThatNoException().isThrownBy(() -> context.getBean(Mailer.class).failWith(failure));
				Object[] handled = failures.poll(10, TimeUnit.SECONDS);
				assertThat(handled).isNotNull();
				assertThat(handled[0]).isSameAs(failure);
				FireAndForgetTask task = (FireAndForgetTask) handled[1];
				assertThat(task.getName()).isEqualTo("Mailer.failWith");
				assertThat(task.getBeanClass()).isEqualTo(Mailer.class);
				assertThat(task.getMethod().getName()).isEqualTo("failWith");
				assertThat((Object[]) handled[2]).containsExactly(failure);
			});
	}

	@Test
	void errorsAndCheckedExceptionsAreLoggedWithTaskNameAndStackTraceByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			mailer.failWith(new StackOverflowError("deep"));
			mailer.failWith(new java.io.IOException("disk"));
			await().untilAsserted(() -> assertThat(output)
				.contains("@FireAndForget task 'Mailer.failWith' failed in " + Mailer.class.getName()
						+ ".failWith(Throwable)")
				.contains("java.lang.StackOverflowError: deep")
				.contains("java.io.IOException: disk")
				.contains("at " + CallBehaviourTests.class.getName()));
		});
	}

	@Test
	void failingExceptionHandlerLosesNeitherFailure(CapturedOutput output) {
		this.contextRunner.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> {
			throw new IllegalArgumentException("handler broke");
		}).run((context) -> {
			context.getBean(Mailer.class).failWith(new IllegalStateException("body broke"));
			await().untilAsserted(() -> assertThat(output).contains("IllegalStateException: body broke")
				.contains("Exception handler failed on the failure of @FireAndForget task 'Mailer.failWith'")
				.contains("IllegalArgumentException: handler broke"));
		});
	}

	static class Mailer {

		private final CallRecorder recorder;

		Mailer(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void send(String to, int count) {
			this.recorder.record("send", to, count);
		}

		@FireAndForget("welcome-mail")
		public void welcome(String to) {
			this.recorder.record("welcome", to);
		}

		@FireAndForget
		public void failWith(Throwable failure) throws Throwable {
			throw failure;
		}

		public void plain() {
			this.recorder.record("plain");
		}

	}

	@FireAndForget
	static class Notifier {

		protected final CallRecorder recorder;

		Notifier(CallRecorder recorder) {
			this.recorder = recorder;
		}

		public void notifyUser(String user) {
			this.recorder.record("notifyUser", user);
		}

		public String describe() {
			this.recorder.record("describe");
			return "notifier";
		}

		void count() {
			this.recorder.record("count");
		}

	}

	@FireAndForget
	interface Handler<T> {

		void handle(T item);

	}

	static class StringHandler implements Handler<String> {

		private final CallRecorder recorder;

		StringHandler(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void handle(String item) {
			this.recorder.record("handle", item);
		}

	}

	interface UserNotifier {

		@FireAndForget
		void notifyUser(String user);

	}

	interface MailingNotifier extends UserNotifier {

	}

	static class MailService implements MailingNotifier {

		private final CallRecorder recorder;

		MailService(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void notifyUser(String user) {
			this.recorder.record("notifyUser", user);
		}

	}

	static class Namesakes {

		private final CallRecorder recorder;

		Namesakes(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget("mail")
		public void first() {
			this.recorder.record("first");
		}

		@FireAndForget("mail")
		public void second() {
			this.recorder.record("second");
		}

	}

	static class LoudNotifier extends Notifier {

		LoudNotifier(CallRecorder recorder) {
			super(recorder);
		}

		@Override
		public void notifyUser(String user) {
			this.recorder.record("loudNotifyUser", user);
		}

		public void shout(String user) {
			this.recorder.record("shout", user);
		}

	}

}

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
package io.github.threadmethod.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.TestLaunchSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FireAndForgetBeanPostProcessor} on a plain
 * {@link GenericApplicationContext}, without Spring Boot.
 *
 * @author threadmethod contributors
 */
class FireAndForgetBeanPostProcessorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final CallLauncher launcher = new CallLauncher(TestLaunchSettings.defaults(ThreadPerCallBackend.MODE),
			List.of(new ThreadPerCallBackend()));

	private final CallRecorder recorder = new CallRecorder();

	@Test
	void annotatedBeanIsProxiedAndItsCallReturnsBeforeItsBodyRunsOnAThreadOfItsOwn() throws Exception {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher));
			context.registerBean("worker", Worker.class, () -> new Worker(this.recorder));
			context.refresh();
			Worker worker = context.getBean(Worker.class);
			assertThat(AopUtils.isAopProxy(worker)).isTrue();
			assertThat(AopUtils.isCglibProxy(worker)).isTrue();
			this.recorder.blockBodies();
			worker.work("ada");
			// Returned while the body, which waits for the release, has not finished
			assertThat(this.recorder.finished()).isZero();
			Call call = this.recorder.awaitCalls(1).get(0);
			this.recorder.release();
			this.launcher.getCalls().awaitIdle(TIMEOUT);
			assertThat(this.recorder.finished()).isOne();
			assertThat(call.name()).isEqualTo("work");
			assertThat(call.arguments()).containsExactly("ada");
			assertThat(call.thread()).isNotSameAs(Thread.currentThread());
			assertThat(call.thread().getName()).isEqualTo("threadmethod-Worker.work-1");
		}
	}

	@Test
	void unannotatedBeanIsNotProxied() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher));
			context.registerBean("worker", Worker.class, () -> new Worker(this.recorder));
			context.registerBean("plain", Plain.class, () -> new Plain(this.recorder));
			context.refresh();
			Plain plain = context.getBean(Plain.class);
			assertThat(AopUtils.isAopProxy(plain)).isFalse();
			plain.work("grace");
			assertThat(this.recorder.calls()).singleElement()
				.satisfies((call) -> assertThat(call.thread()).isSameAs(Thread.currentThread()));
			assertThat(this.launcher.getCalls().getTotals()).containsOnlyKeys("Worker.work", "Worker.rest")
				.allSatisfy((task, totals) -> assertThat(totals.started()).isZero());
		}
	}

	@Test
	void tasksOfTheBeansProxiedAreKnownToTheLauncherBeforeTheirFirstCall() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher,
					(taskName) -> !taskName.equals("Worker.rest")));
			context.registerBean("worker", Worker.class, () -> new Worker(this.recorder));
			context.refresh();
			assertThat(this.launcher.getCalls().getTotals()).containsOnlyKeys("Worker.work");
			assertThat(this.launcher.getCalls().getTotals("Worker.work").started()).isZero();
		}
	}

	@Test
	void tasksOfABeanProxiedAfterStartupAreKnownToTheLauncherBeforeTheirFirstCall() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher));
			context.registerBean("greeter", DefaultGreeter.class, () -> new DefaultGreeter(this.recorder),
					(definition) -> definition.setLazyInit(true));
			context.refresh();
			assertThat(this.launcher.getCalls().getTotals()).isEmpty();
			context.getBean(Greeter.class);
			assertThat(this.launcher.getCalls().getTotals()).containsOnlyKeys("DefaultGreeter.greet");
		}
	}

	@Test
	void privateAnnotatedMethodFailsRefreshNamingTheMethod() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher));
			context.registerBean("hidden", PrivateMethod.class, PrivateMethod::new);
			assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh)
				.havingRootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.withMessage("Invalid @FireAndForget methods in " + PrivateMethod.class.getName() + ":"
						+ System.lineSeparator() + "- " + PrivateMethod.class.getName()
						+ ".hidden() is private: no proxy can intercept a private method; make it public");
		}
	}

	@Test
	void beanWithAnInterfaceGetsAJdkProxyWhenProxyTargetClassIsFalse() throws Exception {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> {
				FireAndForgetBeanPostProcessor postProcessor = new FireAndForgetBeanPostProcessor(() -> this.launcher);
				postProcessor.setProxyTargetClass(false);
				return postProcessor;
			});
			context.registerBean("greeter", DefaultGreeter.class, () -> new DefaultGreeter(this.recorder));
			context.refresh();
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
			assertThat(greeter).isNotInstanceOf(DefaultGreeter.class);
			greeter.greet("ada");
			Call call = this.recorder.awaitCalls(1).get(0);
			this.launcher.getCalls().awaitIdle(TIMEOUT);
			assertThat(call.thread().getName()).isEqualTo("threadmethod-DefaultGreeter.greet-1");
		}
	}

	@Test
	void beanWithAnInterfaceGetsAClassProxyWhenProxyTargetClassIsTrue() throws Exception {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> {
				FireAndForgetBeanPostProcessor postProcessor = new FireAndForgetBeanPostProcessor(() -> this.launcher);
				postProcessor.setProxyTargetClass(true);
				return postProcessor;
			});
			context.registerBean("greeter", DefaultGreeter.class, () -> new DefaultGreeter(this.recorder));
			context.refresh();
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isCglibProxy(greeter)).isTrue();
			assertThat(context.getBean(DefaultGreeter.class)).isSameAs(greeter);
			greeter.greet("ada");
			Call call = this.recorder.awaitCalls(1).get(0);
			this.launcher.getCalls().awaitIdle(TIMEOUT);
			assertThat(call.thread().getName()).isEqualTo("threadmethod-DefaultGreeter.greet-1");
		}
	}

	@Test
	void methodOfADisabledTaskIsAPlainSynchronousCall() throws Exception {
		Predicate<String> enabled = (taskName) -> !"Worker.work".equals(taskName);
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher, enabled));
			context.registerBean("worker", Worker.class, () -> new Worker(this.recorder));
			context.refresh();
			Worker worker = context.getBean(Worker.class);
			worker.work("sync");
			assertThat(this.recorder.calls()).singleElement()
				.satisfies((call) -> assertThat(call.thread()).isSameAs(Thread.currentThread()));
			worker.rest("async");
			List<Call> calls = this.recorder.awaitCalls(2);
			this.launcher.getCalls().awaitIdle(TIMEOUT);
			assertThat(calls.get(1).thread().getName()).isEqualTo("threadmethod-Worker.rest-1");
			assertThat(this.launcher.getCalls().getTotals()).containsOnlyKeys("Worker.rest");
		}
	}

	@Test
	void beanWhoseOnlyTaskIsDisabledIsNotProxied() {
		Predicate<String> enabled = (taskName) -> !"DefaultGreeter.greet".equals(taskName);
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher, enabled));
			context.registerBean("greeter", DefaultGreeter.class, () -> new DefaultGreeter(this.recorder));
			context.refresh();
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isAopProxy(greeter)).isFalse();
			greeter.greet("sync");
			assertThat(this.recorder.calls()).singleElement()
				.satisfies((call) -> assertThat(call.thread()).isSameAs(Thread.currentThread()));
		}
	}

	@Test
	void launcherIsAskedForOnceWhenTheSingletonsExist() throws Exception {
		AtomicInteger asked = new AtomicInteger();
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> {
				asked.incrementAndGet();
				return this.launcher;
			}));
			context.registerBean("worker", Worker.class, () -> new Worker(this.recorder));
			assertThat(asked).hasValue(0);
			context.refresh();
			assertThat(asked).hasValue(1);
			Worker worker = context.getBean(Worker.class);
			worker.work("one");
			worker.work("two");
			this.recorder.awaitCalls(2);
			this.launcher.getCalls().awaitIdle(TIMEOUT);
			assertThat(asked).hasValue(1);
		}
	}

	@Test
	void theAdvisorThatLaunchesCallsIsToldFromTheBeansOtherAdvisors() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			registerPostProcessor(context, () -> new FireAndForgetBeanPostProcessor(() -> this.launcher));
			context.registerBean("worker", Worker.class, () -> {
				ProxyFactory proxyFactory = new ProxyFactory(new Worker(this.recorder));
				proxyFactory.setProxyTargetClass(true);
				proxyFactory.addAdvice((MethodInterceptor) MethodInvocation::proceed);
				return (Worker) proxyFactory.getProxy();
			});
			context.refresh();
			Advisor[] advisors = ((Advised) context.getBean(Worker.class)).getAdvisors();
			assertThat(advisors).hasSize(2);
			assertThat(advisors).filteredOn(FireAndForgetBeanPostProcessor::isFireAndForgetAdvisor)
				.singleElement()
				.isSameAs(advisors[0]);
		}
	}

	private static void registerPostProcessor(GenericApplicationContext context,
			Supplier<FireAndForgetBeanPostProcessor> postProcessor) {
		context.registerBean("fireAndForgetBeanPostProcessor", FireAndForgetBeanPostProcessor.class, postProcessor);
	}

	interface Greeter {

		void greet(String name);

	}

	static class DefaultGreeter implements Greeter {

		private final CallRecorder recorder;

		DefaultGreeter(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		@FireAndForget
		public void greet(String name) {
			this.recorder.record("greet", name);
		}

	}

	static class Worker {

		private final CallRecorder recorder;

		Worker(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void work(String item) {
			this.recorder.record("work", item);
		}

		@FireAndForget
		public void rest(String item) {
			this.recorder.record("rest", item);
		}

	}

	static class Plain {

		private final CallRecorder recorder;

		Plain(CallRecorder recorder) {
			this.recorder = recorder;
		}

		public void work(String item) {
			this.recorder.record("work", item);
		}

	}

	static class PrivateMethod {

		@FireAndForget
		private void hidden() {
		}

	}

}

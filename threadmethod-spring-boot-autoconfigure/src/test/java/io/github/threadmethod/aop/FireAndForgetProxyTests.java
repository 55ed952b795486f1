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

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how beans with {@link FireAndForget @FireAndForget} methods are proxied.
 *
 * @author threadmethod contributors
 */
class FireAndForgetProxyTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(DefaultGreeter.class);

	@Test
	void beanIsProxiedByClassByDefaultAndInjectableByInterfaceAndClass() {
		this.contextRunner.run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isCglibProxy(greeter)).isTrue();
			assertThat(context.getBean(DefaultGreeter.class)).isSameAs(greeter);
			greeter.greet("ada");
			Call call = context.getBean(CallRecorder.class).awaitCalls(1).get(0);
			assertThat(call.thread()).isNotSameAs(Thread.currentThread());
			assertThat(call.thread().getName()).isEqualTo("threadmethod-DefaultGreeter.greet-1");
		});
	}

	@Test
	void beanIsProxiedByInterfaceWhenProxyTargetClassIsFalse() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
			assertThatExceptionOfType(NoSuchBeanDefinitionException.class)
				.isThrownBy(() -> context.getBean(DefaultGreeter.class));
			greeter.greet("ada");
			greeter.wave("grace");
			CallRecorder recorder = context.getBean(CallRecorder.class);
			assertThat(recorder.awaitCalls(2)).allSatisfy((call) -> {
				assertThat(call.thread()).isNotSameAs(Thread.currentThread());
				assertThat(call.thread().getName()).startsWith("threadmethod-DefaultGreeter.");
			});
		});
	}

	@Test
	void beanWithoutTheAnnotationIsNotProxied() {
		this.contextRunner.withBean(Plain.class)
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(Plain.class))).isFalse());
	}

	@Test
	void transactionOpensOnTheNewThreadOfAnAlreadyProxiedBean() {
		this.contextRunner.withUserConfiguration(TransactionConfiguration.class).run((context) -> {
			TransactionalWorker worker = context.getBean(TransactionalWorker.class);
			worker.work();
			Call call = context.getBean(CallRecorder.class).awaitCalls(1).get(0);
			assertThat(call.thread()).isNotSameAs(Thread.currentThread());
			assertThat(call.arguments()).containsExactly(true);
			assertThat(context.getBean(RecordingTransactionManager.class).beganOn).isSameAs(call.thread());
		});
	}

	interface Greeter {

		void greet(String name);

		@FireAndForget
		void wave(String name);

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

		@Override
		public void wave(String name) {
			this.recorder.record("wave", name);
		}

	}

	static class Plain {

		public void work() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionConfiguration {

		@Bean
		RecordingTransactionManager transactionManager() {
			return new RecordingTransactionManager();
		}

		@Bean
		TransactionalWorker transactionalWorker(CallRecorder recorder) {
			return new TransactionalWorker(recorder);
		}

	}

	static class TransactionalWorker {

		private final CallRecorder recorder;

		TransactionalWorker(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		@Transactional
		public void work() {
			this.recorder.record("work", TransactionSynchronizationManager.isActualTransactionActive());
		}

	}

	@SuppressWarnings("serial")
	static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

		volatile Thread beganOn;

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.beganOn = Thread.currentThread();
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}

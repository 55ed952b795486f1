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
package io.github.threadmethod.support;

import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FireAndForgetAnnotations}, asked directly: which methods are
 * fire-and-forget, and the name of the task each runs as.
 *
 * @author threadmethod contributors
 */
class FireAndForgetAnnotationsTests {

	@Test
	void annotatedMethodIsFireAndForgetAndNamedAfterItsBeanClass() throws NoSuchMethodException {
		Method method = Mailer.class.getMethod("send", String.class);
		assertThat(FireAndForgetAnnotations.isFireAndForget(method)).isTrue();
		assertThat(FireAndForgetAnnotations.isAnnotatedMethod(method)).isTrue();
		assertThat(FireAndForgetAnnotations.taskName(method, Mailer.class)).isEqualTo("Mailer.send");
	}

	@Test
	void taskNameOnTheMethodReplacesTheDefault() throws NoSuchMethodException {
		assertThat(FireAndForgetAnnotations.taskName(Mailer.class.getMethod("audit"), Mailer.class))
			.isEqualTo("audit-trail");
	}

	@Test
	void annotatedTypeCoversItsPublicVoidInstanceMethodsUnderItsName() throws NoSuchMethodException {
		Method notify = Notifier.class.getMethod("post", String.class);
		assertThat(FireAndForgetAnnotations.isFireAndForget(notify)).isTrue();
		assertThat(FireAndForgetAnnotations.isAnnotatedMethod(notify)).isFalse();
		assertThat(FireAndForgetAnnotations.annotatedDeclaringType(notify)).isEqualTo(Notifier.class);
		assertThat(FireAndForgetAnnotations.taskName(notify, Notifier.class)).isEqualTo("notices.post");
		assertThat(FireAndForgetAnnotations.isFireAndForget(Notifier.class.getMethod("count"))).isFalse();
	}

	@Test
	void annotationOnAnInterfaceIsMentionedByItsImplementation() throws NoSuchMethodException {
		assertThat(FireAndForgetAnnotations.mentionsFireAndForget(SmsSender.class)).isTrue();
		assertThat(FireAndForgetAnnotations.allInterfaces(SmsSender.class)).containsExactlyInAnyOrder(Sender.class,
				Channel.class);
		Method send = SmsSender.class.getMethod("send", String.class);
		assertThat(FireAndForgetAnnotations.isFireAndForget(send)).isTrue();
		assertThat(FireAndForgetAnnotations.declaresOverridden(Sender.class, send)).isTrue();
		assertThat(FireAndForgetAnnotations.taskName(send, SmsSender.class)).isEqualTo("SmsSender.send");
	}

	@Test
	void classWithoutTheAnnotationIsNotMentioned() {
		assertThat(FireAndForgetAnnotations.mentionsFireAndForget(Plain.class)).isFalse();
	}

	@Test
	void beanMethodIsNeverFireAndForget() throws NoSuchMethodException {
		Method method = Factory.class.getMethod("mailer");
		assertThat(FireAndForgetAnnotations.isBeanMethod(method)).isTrue();
		assertThat(FireAndForgetAnnotations.isFireAndForget(method)).isFalse();
	}

	@Test
	void beanClassIsPredictedWithoutCreatingTheBean() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("mailer", new RootBeanDefinition(Mailer.class));
		assertThat(FireAndForgetAnnotations.beanClass(beanFactory, "mailer")).isEqualTo(Mailer.class);
		assertThat(beanFactory.containsSingleton("mailer")).isFalse();
		assertThat(FireAndForgetAnnotations.beanClass(beanFactory, "missing")).isNull();
	}

	static class Mailer {

		@FireAndForget
		public void send(String to) {
		}

		@FireAndForget(name = "audit-trail")
		public void audit() {
		}

	}

	@FireAndForget(name = "notices")
	static class Notifier {

		public void post(String message) {
		}

		public int count() {
			return 0;
		}

	}

	interface Channel {

	}

	interface Sender extends Channel {

		@FireAndForget
		void send(String message);

	}

	static class SmsSender implements Sender {

		@Override
		public void send(String message) {
		}

	}

	static class Plain {

		public void send(String message) {
		}

	}

	static class Factory {

		@Bean
		@FireAndForget
		public Mailer mailer() {
			return new Mailer();
		}

	}

}

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

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.durable.app.ApplicationBeans;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.AopContext;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the body proxies ({@link BodyProxies}) of beans proxied in each of the ways
 * an application proxies them: the body proxy is made the same way as the bean's own, so
 * that what the body does with it, or with its class, works as it does on the bean.
 *
 * @author threadmethod contributors
 */
class BodyProxyShapesTests {

	private final List<String> advice = new CopyOnWriteArrayList<>();

	private final Advisor launching = advisor("launched");

	@Test
	void aBodyCallingItsBeanThroughTheExposedProxyGetsTheBodyProxyOfItsClass() throws Throwable {
		try (GenericApplicationContext context = context(() -> {
			ProxyFactory proxyFactory = new ProxyFactory(new SelfCallingMailer(this.advice));
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.setExposeProxy(true);
			proxyFactory.addAdvisor(this.launching);
			proxyFactory.addAdvisor(advisor("transactional"));
			return proxyFactory.getProxy();
		})) {
			BodyProxies bodies = bodies(context);
			Object body = bodies.proxyOf(task(SelfCallingMailer.class, "send"));
			assertThat(AopUtils.isCglibProxy(body)).isTrue();
			BodyProxies.invoke(body, task(SelfCallingMailer.class, "send"), new Object[] { "ada" });
			// The call on the exposed proxy is advised, and what it returns comes back
			assertThat(this.advice).containsExactly("transactional", "transactional", "hello ada");
		}
	}

	@Test
	void aFinalClassProxiedByItsInterfacesGetsABodyProxyOfThoseInterfaces() throws Throwable {
		try (GenericApplicationContext context = context(() -> {
			ProxyFactory proxyFactory = new ProxyFactory(new FinalMailer(this.advice));
			proxyFactory.addAdvisor(this.launching);
			proxyFactory.addAdvisor(advisor("transactional"));
			return proxyFactory.getProxy();
		})) {
			Object body = bodies(context).proxyOf(task(FinalMailer.class, "send"));
			assertThat(AopUtils.isJdkDynamicProxy(body)).isTrue();
			assertThat(body).isInstanceOf(Mailer.class);
			BodyProxies.invoke(body, task(FinalMailer.class, "send"), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("transactional", "body ada");
		}
	}

	@Test
	void theBodyOfABeanWhoseClassIsNotPublicRuns() throws Throwable {
		List<String> sent = new CopyOnWriteArrayList<>();
		Object receipts = ApplicationBeans.receipts(sent);
		try (GenericApplicationContext context = context(() -> {
			ProxyFactory proxyFactory = new ProxyFactory(receipts);
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvisor(this.launching);
			return proxyFactory.getProxy();
		})) {
			DurableTask task = task(receipts.getClass(), "send");
			BodyProxies.invoke(bodies(context).proxyOf(task), task, new Object[] { "order-1" });
			assertThat(sent).containsExactly("order-1");
		}
	}

	private BodyProxies bodies(GenericApplicationContext context) {
		return new BodyProxies(context.getBeanFactory(), (advisor) -> advisor == this.launching);
	}

	private Advisor advisor(String name) {
		return new DefaultPointcutAdvisor((MethodInterceptor) (invocation) -> {
			this.advice.add(name);
			return (name.equals("launched")) ? null : invocation.proceed();
		});
	}

	private static GenericApplicationContext context(Supplier<Object> bean) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("bean", Object.class, bean);
		context.refresh();
		return context;
	}

	private static DurableTask task(Class<?> beanClass, String methodName) {
		Method method = ReflectionUtils.findMethod(beanClass, methodName, String.class);
		assertThat(method).isNotNull();
		return new DurableTask(new FireAndForgetTask(beanClass.getSimpleName() + "." + methodName, method, beanClass),
				"bean", method);
	}

	public interface Mailer {

		void send(String to);

	}

	public static class SelfCallingMailer implements Mailer {

		private final List<String> advice;

		SelfCallingMailer(List<String> advice) {
			this.advice = advice;
		}

		@Override
		public void send(String to) {
			// The bean's own proxy, through which it calls itself: by its class
			this.advice.add(((SelfCallingMailer) AopContext.currentProxy()).greeting(to));
		}

		public String greeting(String to) {
			return "hello " + to;
		}

	}

	public static final class FinalMailer implements Mailer {

		private final List<String> advice;

		FinalMailer(List<String> advice) {
			this.advice = advice;
		}

		@Override
		public void send(String to) {
			this.advice.add("body " + to);
		}

	}

}

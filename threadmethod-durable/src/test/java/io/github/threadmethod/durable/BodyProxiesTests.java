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

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForgetTask;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BodyProxies}: the body of a stored call runs on its bean with the
 * bean's advice but the advisor that launches calls.
 *
 * @author threadmethod contributors
 */
class BodyProxiesTests {

	private final List<String> advice = new CopyOnWriteArrayList<>();

	private final Advisor launching = advisor("launched");

	@Test
	void theBodyRunsWithTheBeansOtherAdviceButNotTheLaunchingAdvisor() throws Throwable {
		try (GenericApplicationContext context = context(proxied(true), BeanDefinition.SCOPE_SINGLETON, false)) {
			run(bodies(context), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("transactional", "body ada");
		}
	}

	@Test
	void theBodyOfABeanProxiedByItsInterfacesRunsOnTheInterfacesMethod() throws Throwable {
		try (GenericApplicationContext context = context(proxied(false), BeanDefinition.SCOPE_SINGLETON, false)) {
			run(bodies(context), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("transactional", "body ada");
		}
	}

	@Test
	void aCheckedExceptionTheMethodDoesNotDeclareComesOutAsTheBodyThrewIt() {
		for (boolean classProxy : List.of(true, false)) {
			try (GenericApplicationContext context = context(proxied(classProxy), BeanDefinition.SCOPE_SINGLETON,
					false)) {
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> run(bodies(context), new Object[] { "fail" }))
					.withMessage("mail server down");
			}
		}
	}

	@Test
	void aBeanThatIsNotProxiedRunsAsItIs() throws Throwable {
		try (GenericApplicationContext context = context(() -> new DefaultMailer(this.advice),
				BeanDefinition.SCOPE_SINGLETON, false)) {
			run(bodies(context), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("body ada");
		}
	}

	@Test
	void aLazyBeanIsMadeOnTheFirstCallOnlyAndItsProxyKept() throws Throwable {
		AtomicInteger made = new AtomicInteger();
		try (GenericApplicationContext context = context(() -> {
			made.incrementAndGet();
			return proxied(true).get();
		}, BeanDefinition.SCOPE_SINGLETON, true)) {
			BodyProxies bodies = bodies(context);
			bodies.prepare(List.of(send()));
			assertThat(made).hasValue(0);
			run(bodies, new Object[] { "ada" });
			run(bodies, new Object[] { "grace" });
			assertThat(made).hasValue(1);
			assertThat(this.advice).containsExactly("transactional", "body ada", "transactional", "body grace");
		}
	}

	@Test
	void aPrototypeBeanGetsANewInstanceForEachCall() throws Throwable {
		AtomicInteger made = new AtomicInteger();
		try (GenericApplicationContext context = context(() -> {
			made.incrementAndGet();
			return proxied(true).get();
		}, BeanDefinition.SCOPE_PROTOTYPE, false)) {
			BodyProxies bodies = bodies(context);
			run(bodies, new Object[] { "ada" });
			run(bodies, new Object[] { "grace" });
			assertThat(made).hasValue(2);
		}
	}

	@Test
	void aBeanProxiedAgainAroundItsLaunchingProxyRunsItsBodyWithEveryLayersAdviceButTheLaunchingAdvisor()
			throws Throwable {
		try (GenericApplicationContext context = context(() -> {
			ProxyFactory outer = new ProxyFactory(proxied(true).get());
			outer.setProxyTargetClass(true);
			outer.addAdvisor(advisor("outer"));
			return (Mailer) outer.getProxy();
		}, BeanDefinition.SCOPE_SINGLETON, false)) {
			run(bodies(context), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("outer", "transactional", "body ada");
		}
	}

	@Test
	void aBeanProxiedWithoutTheLaunchingAdvisorRunsItsBodyWithItsAdvice() throws Throwable {
		try (GenericApplicationContext context = context(() -> {
			ProxyFactory proxyFactory = new ProxyFactory(new DefaultMailer(this.advice));
			proxyFactory.addAdvisor(advisor("transactional"));
			return (Mailer) proxyFactory.getProxy();
		}, BeanDefinition.SCOPE_SINGLETON, false)) {
			run(bodies(context), new Object[] { "ada" });
			assertThat(this.advice).containsExactly("transactional", "body ada");
		}
	}

	private static void run(BodyProxies bodies, Object[] arguments) throws Throwable {
		BodyProxies.invoke(bodies.proxyOf(send()), send(), arguments);
	}

	private BodyProxies bodies(GenericApplicationContext context) {
		return new BodyProxies(context.getBeanFactory(), (advisor) -> advisor == this.launching);
	}

	private Supplier<Mailer> proxied(boolean classProxy) {
		return () -> {
			ProxyFactory proxyFactory = new ProxyFactory(new DefaultMailer(this.advice));
			proxyFactory.setProxyTargetClass(classProxy);
			proxyFactory.addAdvisor(this.launching);
			proxyFactory.addAdvisor(advisor("transactional"));
			return (Mailer) proxyFactory.getProxy();
		};
	}

	private Advisor advisor(String name) {
		return new DefaultPointcutAdvisor((MethodInterceptor) (invocation) -> {
			this.advice.add(name);
			return (name.equals("launched")) ? null : invocation.proceed();
		});
	}

	private static GenericApplicationContext context(Supplier<Mailer> mailer, String scope, boolean lazy) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("mailer", Mailer.class, mailer, (definition) -> {
			definition.setScope(scope);
			definition.setLazyInit(lazy);
		});
		context.refresh();
		return context;
	}

	private static DurableTask send() {
		Method method = ReflectionUtils.findMethod(DefaultMailer.class, "send", String.class);
		return new DurableTask(new FireAndForgetTask("Mailer.send", method, DefaultMailer.class), "mailer", method);
	}

	public interface Mailer {

		void send(String to);

	}

	public static class DefaultMailer implements Mailer {

		private final List<String> advice;

		DefaultMailer(List<String> advice) {
			this.advice = advice;
		}

		@Override
		public void send(String to) {
			if (to.equals("fail")) {
				throwUnchecked(new IOException("mail server down"));
			}
			this.advice.add("body " + to);
		}

		@SuppressWarnings("unchecked")
		private static <E extends Throwable> void throwUnchecked(Throwable ex) throws E {
			throw (E) ex;
		}

	}

}

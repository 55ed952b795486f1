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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The proxies that stored calls run their bodies on: each durable task's bean, with every
 * advisor of its proxy but the one that launches calls, so that its other advice applies
 * (a {@code @Transactional} opens around the body) and the call is not launched again.
 * Calls the body makes go through the beans' own proxies, and are launched as usual; but
 * for a bean whose proxy is exposed ({@code exposeProxy}),
 * {@code AopContext.currentProxy()} is the body proxy within the body, through which a
 * call of another {@code @FireAndForget} method of the bean runs in place.
 *
 * <p>
 * A bean proxied again around its {@code @FireAndForget} proxy (by another auto-proxy
 * creator) has its layers made one: every advisor from the outermost layer to the one
 * that launches calls, that one excepted, around that layer's target. A bean none of
 * whose layers launches calls runs its body through its own proxy.
 *
 * <p>
 * A proxy is made once per bean: at the end of start-up for the beans that exist then,
 * and on first use for a lazy one. A bean that is not a singleton gets a new one for each
 * call, as it gets a new instance. The first advice of each proxy carries what the body
 * threw out as it was thrown, before the proxy could wrap a checked exception that the
 * method does not declare.
 *
 * @author threadmethod contributors
 */
final class BodyProxies {

	private final ConfigurableListableBeanFactory beanFactory;

	private final Predicate<Advisor> launchingAdvisor;

	private final Map<String, Object> proxies = new ConcurrentHashMap<>();

	/**
	 * Create the body proxies of the beans of the given bean factory.
	 * @param beanFactory the bean factory
	 * @param launchingAdvisor tells the advisor that launches calls from a bean's others
	 */
	BodyProxies(ConfigurableListableBeanFactory beanFactory, Predicate<Advisor> launchingAdvisor) {
		this.beanFactory = beanFactory;
		this.launchingAdvisor = launchingAdvisor;
	}

	/**
	 * Make the proxies of the given tasks' beans that have been created already.
	 */
	void prepare(Collection<DurableTask> tasks) {
		for (DurableTask task : tasks) {
			if (this.beanFactory.containsSingleton(task.beanName())) {
				proxyOf(task.beanName());
			}
		}
	}

	/**
	 * Return the body proxy of the given task's bean, made now for a bean that is not a
	 * singleton, or a singleton's first use.
	 */
	Object proxyOf(DurableTask task) {
		return proxyOf(task.beanName());
	}

	/**
	 * Run the body of a call of the given task on the given body proxy.
	 * @throws Throwable what the body threw, as thrown
	 */
	static void invoke(Object proxy, DurableTask task, @Nullable Object[] arguments) throws Throwable {
		// The method as the proxy has it: an interface's for a JDK proxy
		Method method = AopUtils.selectInvocableMethod(task.method(), proxy.getClass());
		ReflectionUtils.makeAccessible(method);
		try {
			method.invoke(proxy, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable thrown = ex.getTargetException();
			throw (thrown instanceof BodyFailure failure) ? failure.getCause() : thrown;
		}
	}

	private Object proxyOf(String beanName) {
		if (!this.beanFactory.isSingleton(beanName)) {
			return createProxy(this.beanFactory.getBean(beanName));
		}
		Object proxy = this.proxies.get(beanName);
		if (proxy == null) {
			// Made outside the map, so that a lazy bean's creation holds no lock of it
			proxy = createProxy(this.beanFactory.getBean(beanName));
			Object made = this.proxies.putIfAbsent(beanName, proxy);
			proxy = (made != null) ? made : proxy;
		}
		return proxy;
	}

	private Object createProxy(Object bean) {
		if (!AopUtils.isAopProxy(bean)) {
			// Not proxied (made before the post-processors, say): nothing launches its
			// calls, nor advises them
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.addAdvice(new BodyFailureInterceptor());
		Object layer = bean;
		while (layer instanceof Advised advised) {
			boolean launching = false;
			for (Advisor advisor : advised.getAdvisors()) {
				if (this.launchingAdvisor.test(advisor)) {
					launching = true;
				}
				else {
					proxyFactory.addAdvisor(advisor);
				}
			}
			for (Class<?> proxied : advised.getProxiedInterfaces()) {
				proxyFactory.addInterface(proxied);
			}
			if (launching) {
				proxyFactory.setTargetSource(advised.getTargetSource());
				proxyFactory.setProxyTargetClass(advised.isProxyTargetClass());
				proxyFactory.setExposeProxy(advised.isExposeProxy());
				return proxyFactory.getProxy(this.beanFactory.getBeanClassLoader());
			}
			layer = AopProxyUtils.getSingletonTarget(advised);
		}
		// No layer launches its calls (the bean was made before the post-processor that
		// would have): its own proxy runs the body with its advice
		return bean;
	}

	/**
	 * The outermost advice of a body proxy: what the body, or the advice around it, threw
	 * leaves the proxy unchecked, so that no proxy wraps it on the way out.
	 */
	private static final class BodyFailureInterceptor implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			try {
				return invocation.proceed();
			}
			catch (Throwable ex) {
				throw new BodyFailure(ex);
			}
		}

	}

	/**
	 * What the body threw, on its way out of the proxy.
	 */
	@SuppressWarnings("serial")
	private static final class BodyFailure extends RuntimeException {

		BodyFailure(Throwable cause) {
			super(null, cause, false, false);
		}

	}

}

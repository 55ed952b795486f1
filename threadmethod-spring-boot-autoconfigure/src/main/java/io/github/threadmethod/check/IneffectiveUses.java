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
package io.github.threadmethod.check;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.MethodMatcher;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link FireAndForget @FireAndForget} uses that would silently run
 * synchronously, and reports them as the {@link SelfInvocationCheck} says: calls on
 * {@code this}, beans created before they could be proxied, and {@code @Bean} methods.
 *
 * @author threadmethod contributors
 */
public final class IneffectiveUses {

	private static final Log logger = LogFactory.getLog(IneffectiveUses.class);

	private final SelfInvocationCheck check;

	private final MethodMatcher fireAndForget;

	private final SelfInvocationScanner scanner;

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private volatile boolean startupComplete;

	private volatile boolean scannerUnavailable;

	public IneffectiveUses(SelfInvocationCheck check, MethodMatcher fireAndForget) {
		this.check = check;
		this.fireAndForget = fireAndForget;
		this.scanner = new SelfInvocationScanner();
	}

	/**
	 * Look for calls on {@code this} in a bean class that has fire-and-forget methods.
	 * @param beanClass the user class of the bean
	 */
	public void inspect(Class<?> beanClass) {
		if (this.check == SelfInvocationCheck.IGNORE || this.scannerUnavailable) {
			return;
		}
		try {
			report(this.scanner.scan(beanClass, (method) -> this.fireAndForget.matches(method, beanClass)));
		}
		catch (LinkageError ex) {
			// A diagnostic must never stop the application: an incompatible ASM on the
			// class path turns the bytecode check off, once, with a word why
			this.scannerUnavailable = true;
			logger.warn("Calls on 'this' to @FireAndForget methods are not checked: ASM on the class path is "
					+ "missing or older than threadmethod needs (" + ex + ")");
		}
	}

	/**
	 * Look, once every singleton exists, for annotations that never took effect, then
	 * fail if asked to and anything was found.
	 * @param beanFactory the bean factory
	 * @param isEligible whether a bean class has fire-and-forget methods
	 * @param isProxied whether a bean carries the fire-and-forget advice
	 */
	public void inspect(ConfigurableListableBeanFactory beanFactory, Predicate<Class<?>> isEligible,
			Predicate<Object> isProxied) {
		if (this.check == SelfInvocationCheck.IGNORE) {
			return;
		}
		List<String> findings = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			if (definition instanceof AnnotatedBeanDefinition annotated) {
				MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
				if (factoryMethod != null && factoryMethod.isAnnotated(FireAndForget.class.getName())) {
					findings.add("@FireAndForget on @Bean method "
							+ ClassUtils.getShortName(factoryMethod.getDeclaringClassName()) + "."
							+ factoryMethod.getMethodName() + "() has no effect: the container calls a @Bean method "
							+ "to create the bean, never through a proxy; annotate the methods of the bean's class");
				}
			}
		}
		for (String name : beanFactory.getSingletonNames()) {
			Object bean = beanFactory.getSingleton(name);
			if (bean != null && !isProxied.test(bean) && isEligible.test(bean.getClass())) {
				Class<?> beanClass = ClassUtils.getUserClass(bean.getClass());
				findings.add("@FireAndForget on " + describeMethods(beanClass) + " has no effect: bean '" + name
						+ "' was created before it could be proxied (it is a post-processor, or one depends on it), "
						+ "so its calls run synchronously; move the methods to a bean that post-processors "
						+ "do not need");
			}
		}
		report(findings);
		this.startupComplete = true;
		failIfAnyFound();
	}

	private void report(List<String> findings) {
		if (this.check == SelfInvocationCheck.WARN) {
			findings.forEach(logger::warn);
		}
		else if (this.check == SelfInvocationCheck.FAIL) {
			this.failures.addAll(findings);
			if (this.startupComplete) {
				failIfAnyFound();
			}
		}
	}

	private void failIfAnyFound() {
		if (!this.failures.isEmpty()) {
			List<String> findings = List.copyOf(this.failures);
			this.failures.clear();
			throw new IneffectiveFireAndForgetException(findings);
		}
	}

	private String describeMethods(Class<?> beanClass) {
		StringJoiner methods = new StringJoiner(", ");
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass)) {
			if (this.fireAndForget.matches(method, beanClass)) {
				methods.add(beanClass.getSimpleName() + "." + method.getName() + "()");
			}
		}
		return methods.toString();
	}

}

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

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.check.FireAndForgetMethods;
import io.github.threadmethod.check.IneffectiveUses;
import io.github.threadmethod.check.MisuseRules;
import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.launch.CallLauncher;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Proxies the beans that have {@link FireAndForget @FireAndForget} methods so that each
 * call of such a method is handed to a {@link CallLauncher} and returns at once.
 *
 * <p>
 * The advisor goes in front of any advisors a bean already has, so the call leaves the
 * caller's thread before other advice runs: a {@code @Transactional} method opens its
 * transaction on the new thread. Each bean class is checked once for uses of the
 * annotation that can never work; any found fail the bean's creation with an
 * {@link InvalidFireAndForgetMethodException} that names the methods.
 *
 * <p>
 * Unless told to {@linkplain SelfInvocationCheck#IGNORE ignore} them, it also reports the
 * uses that would silently run synchronously: calls a bean makes on {@code this} to its
 * own fire-and-forget methods (found by reading the bytecode of the classes that have
 * them, once each), beans created before they could be proxied, and {@code @Bean}
 * methods.
 *
 * @author threadmethod contributors
 * @see FireAndForget
 */
@SuppressWarnings("serial")
public class FireAndForgetBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
		implements SmartInitializingSingleton {

	private final SingletonSupplier<CallLauncher> launcher;

	private final FireAndForgetPointcut pointcut;

	private final Set<Class<?>> checkedClasses = ConcurrentHashMap.newKeySet();

	private SelfInvocationCheck selfInvocationCheck = SelfInvocationCheck.WARN;

	private @Nullable IneffectiveUses ineffectiveUses;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Create a post-processor whose proxies hand calls to the given launcher.
	 * @param launcher supplies the launcher; called once, when all singletons have been
	 * created or on an earlier first call, so that the launcher can be a bean that is
	 * created after this post-processor
	 */
	public FireAndForgetBeanPostProcessor(Supplier<CallLauncher> launcher) {
		this(launcher, (taskName) -> true);
	}

	/**
	 * Create a post-processor whose proxies hand calls to the given launcher, leaving the
	 * methods of disabled tasks as plain synchronous calls.
	 * @param launcher supplies the launcher; called once, when all singletons have been
	 * created or on an earlier first call, so that the launcher can be a bean that is
	 * created after this post-processor
	 * @param enabledTasks tells, by task name, whether a task is fire-and-forget; the
	 * methods of a task it rejects are not intercepted at all
	 */
	public FireAndForgetBeanPostProcessor(Supplier<CallLauncher> launcher, Predicate<String> enabledTasks) {
		Assert.notNull(launcher, "Launcher supplier must not be null");
		Assert.notNull(enabledTasks, "Enabled tasks must not be null");
		setBeforeExistingAdvisors(true);
		this.launcher = SingletonSupplier.of(launcher);
		this.pointcut = new FireAndForgetPointcut(enabledTasks);
		this.advisor = new DefaultPointcutAdvisor(this.pointcut, new FireAndForgetInterceptor(this.launcher));
	}

	/**
	 * Set what start-up does about calls a bean makes on {@code this} to its own
	 * {@code @FireAndForget} methods, and about annotations that can never take effect.
	 * Default is {@link SelfInvocationCheck#WARN}.
	 * @param selfInvocationCheck what to do
	 */
	public void setSelfInvocationCheck(SelfInvocationCheck selfInvocationCheck) {
		Assert.notNull(selfInvocationCheck, "Self-invocation check must not be null");
		this.selfInvocationCheck = selfInvocationCheck;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	private IneffectiveUses ineffectiveUses() {
		IneffectiveUses uses = this.ineffectiveUses;
		if (uses == null) {
			uses = new IneffectiveUses(this.selfInvocationCheck, this.pointcut);
			this.ineffectiveUses = uses;
		}
		return uses;
	}

	/**
	 * Resolve the launcher once all singletons exist, so that a call made after the
	 * context has closed meets the launcher that rejects it rather than a closed bean
	 * factory.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.launcher.obtain();
		if (this.beanFactory != null) {
			ineffectiveUses().inspect(this.beanFactory, this::isEligible, this::isProxied);
		}
	}

	@Override
	protected boolean isEligible(Class<?> targetClass) {
		boolean eligible = super.isEligible(targetClass);
		if (!this.checkedClasses.contains(targetClass)) {
			Class<?> beanClass = ClassUtils.getUserClass(targetClass);
			// Tasks switched off are checked too: switching one on must not reveal a
			// mistake
			if (eligible || FireAndForgetMethods.mentionsFireAndForget(beanClass)) {
				rejectMisuse(beanClass);
			}
			this.checkedClasses.add(targetClass);
			if (eligible) {
				ineffectiveUses().inspect(beanClass);
			}
		}
		return eligible;
	}

	/**
	 * Tell, as {@code evaluateProxyInterfaces} will, whether the bean gets a class-based
	 * proxy: asked for, or no interface worth proxying.
	 */
	private boolean usesClassProxy(Class<?> beanClass) {
		if (Proxy.isProxyClass(beanClass) || ClassUtils.isLambdaClass(beanClass) || beanClass.isInterface()) {
			// Spring proxies these by their interfaces whatever it is told
			return false;
		}
		if (isProxyTargetClass()) {
			return true;
		}
		for (Class<?> ifc : ClassUtils.getAllInterfacesForClass(beanClass, getProxyClassLoader())) {
			if (!isConfigurationCallbackInterface(ifc) && !isInternalLanguageInterface(ifc)
					&& ifc.getMethods().length > 0) {
				return false;
			}
		}
		return true;
	}

	private boolean isProxied(Object bean) {
		return (bean instanceof AopInfrastructureBean)
				|| (bean instanceof Advised advised && Arrays.asList(advised.getAdvisors()).contains(this.advisor));
	}

	private void rejectMisuse(Class<?> beanClass) {
		List<String> misuse = MisuseRules.findMisuse(beanClass, usesClassProxy(beanClass));
		if (!misuse.isEmpty()) {
			throw new InvalidFireAndForgetMethodException(beanClass, misuse);
		}
	}

}

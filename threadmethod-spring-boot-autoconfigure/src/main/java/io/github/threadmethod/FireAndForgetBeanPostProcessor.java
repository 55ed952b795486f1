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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Proxies the beans that have {@link FireAndForget @FireAndForget} methods so that each
 * call of such a method is handed to a {@link FireAndForgetLauncher} and returns at once.
 *
 * <p>
 * The advisor goes in front of any advisors a bean already has, so the call leaves the
 * caller's thread before other advice runs: a {@code @Transactional} method opens its
 * transaction on the new thread. Each bean class is checked once for uses of the
 * annotation that can never work; any found fail the bean's creation with an
 * {@link InvalidFireAndForgetMethodException} that names the methods.
 *
 * @author threadmethod contributors
 * @see FireAndForget
 */
@SuppressWarnings("serial")
public class FireAndForgetBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
		implements SmartInitializingSingleton {

	private final SingletonSupplier<FireAndForgetLauncher> launcher;

	private final Set<Class<?>> checkedClasses = ConcurrentHashMap.newKeySet();

	/**
	 * Create a post-processor whose proxies hand calls to the given launcher.
	 * @param launcher supplies the launcher; called once, when all singletons have been
	 * created or on an earlier first call, so that the launcher can be a bean that is
	 * created after this post-processor
	 */
	public FireAndForgetBeanPostProcessor(Supplier<? extends FireAndForgetLauncher> launcher) {
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
	public FireAndForgetBeanPostProcessor(Supplier<? extends FireAndForgetLauncher> launcher,
			Predicate<String> enabledTasks) {
		Assert.notNull(launcher, "Launcher supplier must not be null");
		Assert.notNull(enabledTasks, "Enabled tasks must not be null");
		setBeforeExistingAdvisors(true);
		this.launcher = SingletonSupplier.of(launcher::get);
		this.advisor = new DefaultPointcutAdvisor(new FireAndForgetPointcut(enabledTasks),
				new FireAndForgetInterceptor(this.launcher));
	}

	/**
	 * Resolve the launcher once all singletons exist, so that a call made after the
	 * context has closed meets the launcher that rejects it rather than a closed bean
	 * factory.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.launcher.obtain();
	}

	@Override
	protected boolean isEligible(Class<?> targetClass) {
		boolean eligible = super.isEligible(targetClass);
		if (eligible && !this.checkedClasses.contains(targetClass)) {
			rejectMisuse(ClassUtils.getUserClass(targetClass));
			this.checkedClasses.add(targetClass);
		}
		return eligible;
	}

	private static void rejectMisuse(Class<?> beanClass) {
		List<String> misuse = FireAndForgetMethods.findMisuse(beanClass);
		if (!misuse.isEmpty()) {
			throw new InvalidFireAndForgetMethodException(beanClass, misuse);
		}
	}

}

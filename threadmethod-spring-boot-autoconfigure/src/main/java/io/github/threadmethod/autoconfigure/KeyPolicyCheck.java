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
package io.github.threadmethod.autoconfigure;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.threadmethod.KeyPolicy;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import io.github.threadmethod.support.MethodDescriptions;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ReflectionUtils;

/**
 * Fails start-up when a task has a {@code key-policy} but one of its
 * {@code @FireAndForget} methods gives its calls no key, so that the policy never applies
 * to them: most likely the {@code key} attribute was forgotten, or put on another method.
 * Looks at the methods of every bean whose type is known without creating it, once all
 * singletons exist, and only when some task has a key policy.
 *
 * @author threadmethod contributors
 */
final class KeyPolicyCheck implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final TaskProperties tasks;

	KeyPolicyCheck(ConfigurableListableBeanFactory beanFactory, TaskProperties tasks) {
		this.beanFactory = beanFactory;
		this.tasks = tasks;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, KeyPolicy> policies = new LinkedHashMap<>();
		for (Map.Entry<String, Task> task : this.tasks.get().entrySet()) {
			if (task.getValue().getKeyPolicy() != null) {
				policies.put(task.getKey(), task.getValue().getKeyPolicy());
			}
		}
		if (policies.isEmpty()) {
			return;
		}
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> beanClass = FireAndForgetAnnotations.beanClass(this.beanFactory, beanName);
			if (beanClass != null && FireAndForgetAnnotations.mentionsFireAndForget(beanClass)) {
				check(beanClass, policies);
			}
		}
	}

	private static void check(Class<?> beanClass, Map<String, KeyPolicy> policies) {
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass,
				ReflectionUtils.USER_DECLARED_METHODS)) {
			Method specific = AopUtils.getMostSpecificMethod(method, beanClass);
			if (!FireAndForgetAnnotations.isFireAndForget(specific)) {
				continue;
			}
			String taskName = FireAndForgetAnnotations.taskName(specific, beanClass);
			KeyPolicy policy = policies.get(taskName);
			if (policy != null && FireAndForgetAnnotations.keyExpression(specific) == null) {
				throw new InvalidConfigurationPropertyValueException("threadmethod.tasks[" + taskName + "].key-policy",
						policy.name().toLowerCase(Locale.ROOT),
						"Task '" + taskName + "' runs " + MethodDescriptions.qualified(specific)
								+ ", which gives its calls no key for the policy to apply to; give it one with "
								+ "@FireAndForget(key = \"...\"), an expression over its arguments such as \"#p0\"");
			}
		}
	}

}

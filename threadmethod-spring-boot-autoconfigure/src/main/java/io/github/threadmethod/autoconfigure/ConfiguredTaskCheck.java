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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.threadmethod.support.FireAndForgetAnnotations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ReflectionUtils;

/**
 * Fails start-up for settings of a task that no bean has: a
 * {@code threadmethod.tasks[...]} entry whose name is mistyped, or whose method was
 * renamed, would otherwise be ignored without a word. The tasks are worked out from the
 * type of every bean definition, lazy ones included, without creating a bean; for a class
 * and each of its superclasses, so that a subclass made at run time (a mock) never hides
 * a task. When the type of some bean cannot be known before it is created, an unknown
 * task is logged rather than failing start-up, since it may be that bean's.
 *
 * @author threadmethod contributors
 */
final class ConfiguredTaskCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ConfiguredTaskCheck.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final TaskProperties tasks;

	ConfiguredTaskCheck(ConfigurableListableBeanFactory beanFactory, TaskProperties tasks) {
		this.beanFactory = beanFactory;
		this.tasks = tasks;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> configured = this.tasks.get().keySet();
		if (configured.isEmpty()) {
			return;
		}
		Set<String> declared = new TreeSet<>();
		List<String> unresolved = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> beanClass = FireAndForgetAnnotations.beanClass(this.beanFactory, beanName);
			if (beanClass == null) {
				unresolved.add(beanName);
			}
			else if (FireAndForgetAnnotations.mentionsFireAndForget(beanClass)) {
				addTasks(beanClass, declared);
			}
		}
		Set<String> unknown = new TreeSet<>(configured);
		unknown.removeAll(declared);
		if (unknown.isEmpty()) {
			return;
		}
		String name = unknown.iterator().next();
		String reason = "No @FireAndForget method runs as task '" + name + "'"
				+ (unknown.size() > 1 ? " (nor as " + unknown.stream().skip(1).toList() + ")" : "") + "; the tasks are "
				+ declared;
		if (!unresolved.isEmpty()) {
			logger.warn(reason + ". Not failing start-up: the type of bean(s) " + unresolved
					+ " is not known before they are created");
			return;
		}
		throw new InvalidConfigurationPropertyValueException("threadmethod.tasks[" + name + "]", name, reason);
	}

	private static void addTasks(Class<?> userClass, Set<String> declared) {
		for (Class<?> beanClass = userClass; beanClass != null
				&& beanClass != Object.class; beanClass = beanClass.getSuperclass()) {
			Class<?> named = beanClass;
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass)) {
				if (FireAndForgetAnnotations.isFireAndForget(method)) {
					declared.add(FireAndForgetAnnotations.taskName(method, named));
				}
			}
		}
	}

}

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
package io.github.threadmethod.autoconfigure.durable;

import java.lang.reflect.Method;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Tells whether the application's only {@link Scheduler} is the one db-scheduler's Spring
 * Boot starter makes, from the {@code DbSchedulerCustomizer} that the
 * {@link SerializerInstaller} wraps: a scheduler the application builds itself may use
 * any serializer, Java serialization included, for the durable task's rows.
 *
 * @author threadmethod contributors
 */
final class StarterScheduler {

	// The same class name in the starters of Spring Boot 3.5 and 4
	private static final String STARTER = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration";

	private StarterScheduler() {
	}

	static boolean isTheOnly(ConfigurableListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(Scheduler.class, true, false);
		if (names.length != 1) {
			return false;
		}
		BeanDefinition definition = beanFactory.getMergedBeanDefinition(names[0]);
		Method factoryMethod = (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod() : null;
		return factoryMethod != null && factoryMethod.getDeclaringClass().getName().equals(STARTER);
	}

}

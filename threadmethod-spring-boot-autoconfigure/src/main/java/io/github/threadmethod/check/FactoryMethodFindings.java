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

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.support.MethodDescriptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link FireAndForget @FireAndForget} on the methods that create beans, such as
 * {@code @Bean} methods: the container calls them itself, never through a proxy, so the
 * annotation has no effect there.
 *
 * <p>
 * A definition tells its factory method in one of three ways: the annotation metadata of
 * a {@code @Bean} method read from its configuration class; the method resolved by the
 * container, or carried by the instance supplier of a definition generated ahead of time
 * (the generated code keeps no annotation metadata); or only by name, for a definition
 * from elsewhere not created yet. A definition whose bean is made by another bean but
 * which names no method at all (generated code with an instance supplier of its own)
 * cannot be checked: those are named once, at {@code INFO}, rather than passed over.
 *
 * @author threadmethod contributors
 */
final class FactoryMethodFindings {

	/**
	 * What to do about such a finding, for the report of the failure.
	 */
	static final String ACTION = "Move @FireAndForget from each @Bean method listed above to the methods of the "
			+ "class of the bean it creates, which the bean's proxy intercepts.";

	private static final Log logger = LogFactory.getLog(IneffectiveUses.LOGGER_NAME);

	private FactoryMethodFindings() {
	}

	/**
	 * Look at the definition of every bean for a factory method with the annotation.
	 * @param beanFactory the bean factory
	 * @return one sentence for each such method
	 */
	static List<String> find(ConfigurableListableBeanFactory beanFactory) {
		List<String> findings = new ArrayList<>();
		List<String> unchecked = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			String factoryMethod = annotatedFactoryMethod(beanFactory, definition);
			if (factoryMethod != null) {
				findings.add("@FireAndForget on @Bean method " + factoryMethod + "() has no effect: the container "
						+ "calls a @Bean method to create the bean, never through a proxy; annotate the methods of "
						+ "the bean's class");
			}
			else if (definition.getFactoryBeanName() != null && definition.getFactoryMethodName() == null
					&& resolvedFactoryMethod(definition) == null) {
				unchecked.add("'" + name + "'");
			}
		}
		if (!unchecked.isEmpty() && logger.isInfoEnabled()) {
			logger.info("@FireAndForget on @Bean methods is not checked for beans " + String.join(", ", unchecked)
					+ ": their definitions, generated ahead of time, do not name the method that creates them");
		}
		return findings;
	}

	/**
	 * Return the short name of the class and method that create the bean if the method is
	 * annotated, or {@code null}.
	 */
	private static @Nullable String annotatedFactoryMethod(ConfigurableListableBeanFactory beanFactory,
			BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata metadata = annotated.getFactoryMethodMetadata();
			if (metadata != null) {
				return metadata.isAnnotated(FireAndForget.class.getName())
						? MethodDescriptions.brief(metadata.getDeclaringClassName(), metadata.getMethodName()) : null;
			}
		}
		Method resolved = resolvedFactoryMethod(definition);
		if (resolved != null) {
			return isAnnotated(resolved) ? describe(resolved) : null;
		}
		String methodName = definition.getFactoryMethodName();
		Class<?> factoryClass = (methodName != null) ? factoryClass(beanFactory, definition) : null;
		if (factoryClass == null) {
			return null;
		}
		// Overloads cannot be told apart before the container picks one: any of them
		// annotated is a mistake
		for (Method candidate : ReflectionUtils.getUniqueDeclaredMethods(factoryClass,
				(method) -> method.getName().equals(methodName))) {
			if (isAnnotated(candidate)) {
				return describe(candidate);
			}
		}
		return null;
	}

	private static @Nullable Method resolvedFactoryMethod(BeanDefinition definition) {
		// Set once the container has created the bean; in generated code, carried by the
		// instance supplier from the start
		return (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod() : null;
	}

	private static @Nullable Class<?> factoryClass(ConfigurableListableBeanFactory beanFactory,
			BeanDefinition definition) {
		String factoryBeanName = definition.getFactoryBeanName();
		if (factoryBeanName != null) {
			Class<?> type = beanFactory.getType(factoryBeanName, false);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		return (definition instanceof RootBeanDefinition root && root.hasBeanClass()) ? root.getBeanClass() : null;
	}

	private static boolean isAnnotated(Method method) {
		return MergedAnnotations.from(method).isPresent(FireAndForget.class);
	}

	private static String describe(Method method) {
		// Without parameters, as the metadata of a @Bean method read from its class file
		// names none
		return MethodDescriptions.brief(ClassUtils.getUserClass(method.getDeclaringClass()).getName(),
				method.getName());
	}

}

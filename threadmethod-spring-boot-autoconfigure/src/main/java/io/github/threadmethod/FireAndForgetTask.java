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

import java.lang.reflect.Method;

import org.springframework.util.Assert;

/**
 * What is known about one {@link FireAndForget @FireAndForget} method of one bean class,
 * worked out once when the method is first called and shared by all its calls.
 *
 * <p>
 * Instances are created by the framework and compared by identity: one task per method
 * and bean class.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class FireAndForgetTask {

	private final String name;

	private final Method method;

	private final Class<?> beanClass;

	/**
	 * Create the task of the given method on the given bean class. Called by the
	 * framework once per method and bean class; application code does not need to.
	 * @param name the task name
	 * @param method the annotated method, as declared on the bean class or above it
	 * @param beanClass the user class of the bean
	 */
	public FireAndForgetTask(String name, Method method, Class<?> beanClass) {
		Assert.hasText(name, "Name must not be empty");
		Assert.notNull(method, "Method must not be null");
		Assert.notNull(beanClass, "Bean class must not be null");
		this.name = name;
		this.method = method;
		this.beanClass = beanClass;
	}

	/**
	 * Return the name of the task, as used in thread names, logs and metrics.
	 * @return the task name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the annotated method, as declared on the bean class.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Return the user class of the bean the method is called on.
	 * @return the bean class
	 */
	public Class<?> getBeanClass() {
		return this.beanClass;
	}

	@Override
	public String toString() {
		return this.name;
	}

}

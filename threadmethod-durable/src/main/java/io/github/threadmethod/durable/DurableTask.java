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

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.github.threadmethod.FireAndForgetTask;

/**
 * A task in the durable mode, as start-up found it: the one bean whose method it runs.
 * Stored calls are run only on such tasks, looked up by the names a row holds, never on a
 * bean or a method the row alone names.
 *
 * @param task the task
 * @param beanName the name of the bean whose method it runs
 * @param method the method, as the bean's class declares it or inherits it
 * @param signature the method as a stored call names it, compared as text: never loaded
 * @author threadmethod contributors
 */
record DurableTask(FireAndForgetTask task, String beanName, Method method, String signature) {

	/**
	 * Create the task that runs the given bean's method, named in stored calls by its
	 * {@linkplain #signature(Method) signature}, worked out once: each call written and
	 * each call read compares it.
	 */
	DurableTask(FireAndForgetTask task, String beanName, Method method) {
		this(task, beanName, method, signature(method));
	}

	String name() {
		return this.task.getName();
	}

	static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getTypeName)
			.collect(Collectors.joining(",", "(", ")"));
	}

}

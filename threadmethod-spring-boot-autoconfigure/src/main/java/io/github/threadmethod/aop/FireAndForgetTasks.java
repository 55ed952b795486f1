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

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.support.FireAndForgetAnnotations;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.ClassUtils;

/**
 * The {@link FireAndForgetTask tasks} met so far, one for each method and bean class, so
 * that a call only looks up what its first call worked out. A method is almost always
 * called on one class of bean, so the lookup is by method first, with no allocation; a
 * method inherited by several bean classes falls back to a lookup by method and class.
 *
 * @author threadmethod contributors
 */
final class FireAndForgetTasks {

	private final Map<Method, Resolved> byMethod = new ConcurrentHashMap<>(64);

	private final Map<MethodClassKey, FireAndForgetTask> byMethodAndClass = new ConcurrentHashMap<>(64);

	/**
	 * Return the task for a call of the given method on an instance of the given class.
	 * @param method the invoked method, possibly declared on an interface
	 * @param targetClass the class of the bean instance
	 * @return the task, worked out on the first call
	 */
	FireAndForgetTask get(Method method, Class<?> targetClass) {
		Resolved resolved = this.byMethod.get(method);
		if (resolved != null && resolved.targetClass == targetClass) {
			return resolved.task;
		}
		FireAndForgetTask task = this.byMethodAndClass.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> create(method, targetClass));
		this.byMethod.putIfAbsent(method, new Resolved(targetClass, task));
		return task;
	}

	private static FireAndForgetTask create(Method method, Class<?> targetClass) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		Class<?> beanClass = ClassUtils.getUserClass(targetClass);
		return new FireAndForgetTask(FireAndForgetAnnotations.taskName(specificMethod, beanClass), specificMethod,
				beanClass);
	}

	private record Resolved(Class<?> targetClass, FireAndForgetTask task) {

	}

}

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
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.support.FireAndForgetAnnotations;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Matches the methods that {@link FireAndForgetAnnotations} declares fire-and-forget,
 * whether the annotation sits on the method, on a method it overrides or on a declaring
 * type, and whose task is enabled.
 *
 * @author threadmethod contributors
 */
final class FireAndForgetPointcut extends StaticMethodMatcherPointcut {

	private final Predicate<String> enabledTasks;

	FireAndForgetPointcut(Predicate<String> enabledTasks) {
		this.enabledTasks = enabledTasks;
		setClassFilter(FireAndForgetPointcut::isCandidate);
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		return FireAndForgetAnnotations.isFireAndForget(specificMethod) && this.enabledTasks
			.test(FireAndForgetAnnotations.taskName(specificMethod, ClassUtils.getUserClass(targetClass)));
	}

	private static boolean isCandidate(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, FireAndForget.class)
				&& FireAndForgetAnnotations.mentionsFireAndForget(type);
	}

	@Override
	public String toString() {
		return "FireAndForgetPointcut";
	}

}

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

import java.util.function.Supplier;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.launch.CallLauncher;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;

/**
 * Resolves the task of each call of a {@link FireAndForget @FireAndForget} method, hands
 * the call to the {@link CallLauncher} and returns to the caller at once.
 *
 * @author threadmethod contributors
 */
final class FireAndForgetInterceptor implements MethodInterceptor {

	private final FireAndForgetTasks tasks = new FireAndForgetTasks();

	private final Supplier<CallLauncher> launcher;

	FireAndForgetInterceptor(Supplier<CallLauncher> launcher) {
		this.launcher = launcher;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopProxyUtils.ultimateTargetClass(target)
				: invocation.getMethod().getDeclaringClass();
		FireAndForgetTask task = this.tasks.get(invocation.getMethod(), targetClass);
		this.launcher.get().launch(task, invocation);
		return null;
	}

}

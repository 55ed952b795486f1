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
package io.github.threadmethod.launch;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.StoredCallRunner;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The body of a stored call, as the invocation that a {@link LaunchedCall} proceeds with:
 * the task's method, the arguments read back, and no target, since the body runs on
 * whatever its runner was handed.
 *
 * @author threadmethod contributors
 */
final class StoredCallInvocation implements MethodInvocation {

	private final FireAndForgetTask task;

	private final @Nullable Object[] arguments;

	private final StoredCallRunner.Body body;

	StoredCallInvocation(FireAndForgetTask task, @Nullable Object[] arguments, StoredCallRunner.Body body) {
		this.task = task;
		this.arguments = arguments;
		this.body = body;
	}

	@Override
	public @Nullable Object proceed() throws Throwable {
		this.body.run();
		return null;
	}

	@Override
	public Method getMethod() {
		return this.task.getMethod();
	}

	@Override
	public @Nullable Object[] getArguments() {
		return this.arguments;
	}

	@Override
	public @Nullable Object getThis() {
		return null;
	}

	@Override
	public AccessibleObject getStaticPart() {
		return this.task.getMethod();
	}

}

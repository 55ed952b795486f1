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
import java.util.Arrays;
import java.util.Objects;

import io.github.threadmethod.FireAndForgetTask;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * One call of a task that is run in place, on the thread that asks the launcher to run it
 * (a durable engine's), through the bean's proxy: the body of the {@link LaunchedCall}
 * that accounts for it, and the marker that tells the interceptor, once, that the call
 * entering it is this one, to proceed with rather than to launch again.
 *
 * @author threadmethod contributors
 */
final class InPlaceRun implements MethodInvocation {

	private final FireAndForgetTask task;

	private final Method method;

	private final @Nullable Object[] arguments;

	private final CallLauncher.ProxyCall proxyCall;

	// Written and read on the thread that runs the call only
	private boolean entered;

	private @Nullable Throwable bodyFailure;

	InPlaceRun(FireAndForgetTask task, Method method, @Nullable Object[] arguments, CallLauncher.ProxyCall proxyCall) {
		this.task = task;
		this.method = method;
		this.arguments = arguments;
		this.proxyCall = proxyCall;
	}

	/**
	 * Tell whether the given invocation, entering the interceptor, is this call, the
	 * first time it enters: then it is marked entered, so that a call its body makes of
	 * the same method is launched as any other.
	 */
	boolean enter(FireAndForgetTask task, MethodInvocation invocation) {
		if (this.entered || !this.task.getName().equals(task.getName()) || !sameMethod(invocation.getMethod())
				|| !sameArguments(invocation.getArguments())) {
			return false;
		}
		this.entered = true;
		return true;
	}

	/**
	 * Same name and parameters: the proxy may report the method as an interface or a
	 * superclass declares it.
	 */
	private boolean sameMethod(Method other) {
		return this.method.getName().equals(other.getName())
				&& Arrays.equals(this.method.getParameterTypes(), other.getParameterTypes());
	}

	/**
	 * The very arguments given, but for primitives, which the proxy boxes anew.
	 */
	private boolean sameArguments(@Nullable Object[] others) {
		if (others.length != this.arguments.length) {
			return false;
		}
		Class<?>[] types = this.method.getParameterTypes();
		for (int i = 0; i < others.length; i++) {
			boolean same = types[i].isPrimitive() ? Objects.equals(this.arguments[i], others[i])
					: this.arguments[i] == others[i];
			if (!same) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Keep what the body threw as it threw it, before a proxy on the way out could wrap a
	 * checked exception that the method does not declare.
	 */
	void bodyFailed(Throwable failure) {
		this.bodyFailure = failure;
	}

	boolean entered() {
		return this.entered;
	}

	/**
	 * Call the bean through its proxy; a failure is the body's own where the interceptor
	 * saw it.
	 */
	@Override
	public @Nullable Object proceed() throws Throwable {
		try {
			this.proxyCall.invoke();
			return null;
		}
		catch (Throwable ex) {
			Throwable bodyFailure = this.bodyFailure;
			throw (bodyFailure != null) ? bodyFailure : ex;
		}
	}

	@Override
	public Method getMethod() {
		return this.method;
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
		return this.method;
	}

}

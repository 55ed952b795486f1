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
import org.aopalliance.intercept.MethodInvocation;

/**
 * Calls to hand to a {@link CallLauncher} in unit tests, without proxies.
 *
 * @author threadmethod contributors
 */
final class Invocations {

	private Invocations() {
	}

	/**
	 * Return a task of the given name.
	 * @param name the task name
	 * @return the task
	 */
	static FireAndForgetTask task(String name) {
		try {
			return new FireAndForgetTask(name, Body.class.getMethod("run"), Body.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a call whose body runs the given code.
	 * @param body the body
	 * @param arguments the arguments the call reports
	 * @return the call
	 */
	static MethodInvocation of(Body body, Object... arguments) {
		return new MethodInvocation() {

			@Override
			public Method getMethod() {
				try {
					return Body.class.getMethod("run");
				}
				catch (NoSuchMethodException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public Object[] getArguments() {
				return arguments;
			}

			@Override
			public Object proceed() throws Throwable {
				body.run();
				return null;
			}

			@Override
			public Object getThis() {
				return body;
			}

			@Override
			public AccessibleObject getStaticPart() {
				return getMethod();
			}

		};
	}

	/**
	 * The body of a call, which may throw anything.
	 */
	@FunctionalInterface
	public interface Body {

		void run() throws Throwable;

	}

}

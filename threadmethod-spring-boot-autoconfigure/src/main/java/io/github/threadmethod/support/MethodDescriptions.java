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
package io.github.threadmethod.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.springframework.util.ClassUtils;

/**
 * Describes a method for a person, in the messages of start-up checks, failures and logs:
 * the one formatter of method names, so that a method reads the same wherever it is
 * named. Two forms: {@linkplain #qualified(Method) qualified}, such as
 * {@code com.example.ReceiptService.send(String)}, where the method must be found among
 * others of the same simple name (a log line, a failure); and {@linkplain #brief(Method)
 * brief}, such as {@code ReceiptService.send(String)}, in sentences that already say
 * where to look. Parameter types are always named by their simple name.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class MethodDescriptions {

	private MethodDescriptions() {
	}

	/**
	 * Describe the given method by the fully qualified name of its class, its name and
	 * the simple names of its parameter types:
	 * {@code com.example.ReceiptService.send(String)}.
	 * @param method the method
	 * @return the description
	 */
	public static String qualified(Method method) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		for (Class<?> type : method.getParameterTypes()) {
			parameters.add(type.getSimpleName());
		}
		return method.getDeclaringClass().getName() + "." + method.getName() + parameters;
	}

	/**
	 * Describe the given method by the short name of its user class (a nested class after
	 * its enclosing one), its name and its parameter types:
	 * {@code ReceiptService.send(String)}.
	 * @param method the method
	 * @return the description
	 */
	public static String brief(Method method) {
		List<String> parameterTypes = new ArrayList<>(method.getParameterCount());
		for (Class<?> type : method.getParameterTypes()) {
			parameterTypes.add(ClassUtils.getQualifiedName(type));
		}
		return brief(ClassUtils.getUserClass(method.getDeclaringClass()).getName(), method.getName(), parameterTypes);
	}

	/**
	 * Describe a method known by names only, as read from bytecode, as
	 * {@link #brief(Method)} does.
	 * @param className the binary name of the declaring class, such as
	 * {@code com.example.Outer$Inner}
	 * @param methodName the method name
	 * @param parameterTypeNames the names of the parameter types, such as
	 * {@code java.lang.String[]}
	 * @return the description
	 */
	public static String brief(String className, String methodName, List<String> parameterTypeNames) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		parameterTypeNames.forEach((name) -> parameters.add(ClassUtils.getShortName(name)));
		return brief(className, methodName) + parameters;
	}

	/**
	 * Describe a method whose parameter types are not known, such as a {@code @Bean}
	 * method read from the metadata of its class: {@code ReceiptService.send}.
	 * @param className the binary name of the declaring class
	 * @param methodName the method name
	 * @return the description, without parameters
	 */
	public static String brief(String className, String methodName) {
		return ClassUtils.getShortName(className) + "." + methodName;
	}

}

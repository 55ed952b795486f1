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
package io.github.threadmethod.autoconfigure;

import io.github.threadmethod.support.KeyExpression;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * The {@link RuntimeHints} of the {@code threadmethod.*} properties, for a native image.
 * The post-processor binds {@code threadmethod.enabled} and
 * {@code threadmethod.self-invocation}, and {@link TaskProperties} binds
 * {@code threadmethod.tasks}, before any configuration properties bean can exist, so
 * their binding is registered here rather than left to the properties bean. So is the
 * root object of key expressions, whose getters the expression language calls
 * ({@code #root.args}).
 *
 * @author threadmethod contributors
 */
class ThreadMethodRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(ThreadMethodProperties.class).registerHints(hints, classLoader);
		hints.reflection().registerType(KeyExpression.Root.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}

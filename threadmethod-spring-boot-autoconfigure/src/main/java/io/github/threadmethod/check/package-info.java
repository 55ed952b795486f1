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
/**
 * The start-up checks: the misuse rules that reject a {@code @FireAndForget} method no
 * proxy can intercept, the bytecode scan that finds calls on {@code this}, and the report
 * of annotations that can never take effect. Imports ASM; no other package does.
 * <p>
 * Supported: {@link SelfInvocationCheck}, the value of
 * {@code threadmethod.self-invocation}. {@link MisuseRules} and {@link IneffectiveUses}
 * are public for threadmethod's own bean post-processor only: not an API, they may change
 * in any release. The rest is package-private.
 */
@NullMarked
package io.github.threadmethod.check;

import org.jspecify.annotations.NullMarked;

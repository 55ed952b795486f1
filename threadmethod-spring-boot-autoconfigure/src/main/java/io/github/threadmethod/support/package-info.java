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
 * Support shared by every other package: how {@code @FireAndForget} is read from methods
 * and types and how tasks are named
 * ({@link io.github.threadmethod.support.FireAndForgetAnnotations}), and how a method is
 * described in a message ({@link io.github.threadmethod.support.MethodDescriptions}), and
 * the key expression of a method, parsed
 * ({@link io.github.threadmethod.support.KeyExpression}), and which call runs on a thread
 * ({@link io.github.threadmethod.support.CurrentCall}). Uses only the root package, so
 * that any package, or a backend in a module of its own, may use it.
 */
@NullMarked
package io.github.threadmethod.support;

import org.jspecify.annotations.NullMarked;

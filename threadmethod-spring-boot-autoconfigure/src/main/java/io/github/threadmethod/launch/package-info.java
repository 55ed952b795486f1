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
 * The launch seam and the thread backend. {@link CallLauncher} is the one place every
 * {@code @FireAndForget} call passes through, whatever runs its body: the shutdown gate,
 * the concurrency permits, the task decorators that carry the caller's context, the
 * account of calls, failures routed to the exception handler, listeners, and the drain on
 * shutdown. Below it, a {@link io.github.threadmethod.FireAndForgetBackend} only decides
 * where and when the body runs; {@link ThreadPerCallBackend} starts a new thread for each
 * call. A call made in a Spring-managed transaction is held until it commits (the
 * after-commit dispatch, which alone uses Spring's optional transaction support).
 * <p>
 * Supported: {@link ThreadPerCallBackend}, which an application may declare itself (see
 * "Beans you can replace" in README.md), and {@link ConcurrencyLimitPolicy} and
 * {@link Dispatch}, the values of the {@code concurrency.policy} and {@code dispatch}
 * properties. {@link CallLauncher}, {@link CallListener}, {@link LaunchSettings},
 * {@link TaskSettings}, {@link BuiltInBackend} and {@link SynchronousBackend} are public
 * for threadmethod's own packages and auto-configuration only: not an API, they may
 * change in any release. The rest is package-private.
 */
@NullMarked
package io.github.threadmethod.launch;

import org.jspecify.annotations.NullMarked;

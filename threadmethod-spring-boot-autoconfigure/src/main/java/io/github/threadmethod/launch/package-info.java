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
 * Internal: the launch seam and the thread backend. {@link CallLauncher} is the one place
 * every {@link io.github.threadmethod.FireAndForget @FireAndForget} call passes through,
 * whatever runs its body: the shutdown gate, the concurrency permits, the task decorators
 * that carry the caller's context, the account of calls, failures routed to the exception
 * handler, listeners, and the drain on shutdown. Below it, a
 * {@link io.github.threadmethod.FireAndForgetBackend} only decides where and when the
 * body runs; {@link ThreadPerCallBackend} starts a new thread for each call.
 * <p>
 * Not an API: the types here may change in any release. Application code uses
 * {@code io.github.threadmethod}.
 */
@NullMarked
package io.github.threadmethod.launch;

import org.jspecify.annotations.NullMarked;

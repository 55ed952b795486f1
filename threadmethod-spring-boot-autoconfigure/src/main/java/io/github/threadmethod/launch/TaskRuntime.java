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

import io.github.threadmethod.FireAndForgetBackend;

/**
 * Everything the launcher needs at each call of one task, worked out at its first: the
 * one piece of per-task state, shared by every task of the same name.
 *
 * @param settings the task's settings, defaults applied
 * @param backend the backend that runs its calls
 * @param permits the slots its calls need
 * @param counters its counters in the account
 * @author threadmethod contributors
 */
record TaskRuntime(TaskSettings settings, FireAndForgetBackend backend, TaskPermits permits, TaskCounters counters) {

}

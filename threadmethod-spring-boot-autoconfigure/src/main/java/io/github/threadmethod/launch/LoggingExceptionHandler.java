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

import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.RunningCall;
import io.github.threadmethod.support.CurrentCall;
import io.github.threadmethod.support.MethodDescriptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The default {@link FireAndForgetExceptionHandler}: logs the failure at {@code ERROR}
 * with the task name, the call's key if it has one, the method and the stack trace.
 * Arguments are not logged, since they may hold personal data.
 *
 * @author threadmethod contributors
 */
final class LoggingExceptionHandler implements FireAndForgetExceptionHandler {

	private static final Log logger = LogFactory.getLog(FireAndForgetExceptionHandler.class);

	@Override
	public void handleException(Throwable ex, FireAndForgetTask task, Object[] arguments) {
		// The key names the call, where it has one: the handler runs within the call
		RunningCall current = CurrentCall.get();
		String key = (current instanceof LaunchedCall call && call.getTask() == task && call.getKey() != null)
				? " (key '" + call.getKey() + "')" : "";
		Failures.log(logger, "@FireAndForget task '" + task.getName() + "'" + key + " failed in "
				+ MethodDescriptions.qualified(task.getMethod()), ex);
	}

}

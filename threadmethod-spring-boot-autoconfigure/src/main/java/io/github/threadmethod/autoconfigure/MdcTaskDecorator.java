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

import java.util.Map;

import org.slf4j.MDC;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the caller's logging MDC to the call, and puts back what the thread had before
 * once the call is done: nothing, on a thread made for the call.
 *
 * @author threadmethod contributors
 */
final class MdcTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		Map<String, String> callerContext = MDC.getCopyOfContextMap();
		return () -> {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			set(callerContext);
			try {
				runnable.run();
			}
			finally {
				set(previous);
			}
		};
	}

	private static void set(Map<String, String> context) {
		if (context == null || context.isEmpty()) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(context);
		}
	}

}

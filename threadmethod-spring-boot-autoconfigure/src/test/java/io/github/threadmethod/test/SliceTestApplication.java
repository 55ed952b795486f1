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
package io.github.threadmethod.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetExceptionHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application that the slice tests of this package find, as a slice finds an
 * application's {@code @SpringBootApplication}: a bean with a {@link FireAndForget
 *
 * @FireAndForget} method that the slices include, and an exception handler.
 * @author threadmethod contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({ CallRecorder.class, SliceTestApplication.Mailer.class })
class SliceTestApplication {

	@Bean
	HandledFailures handledFailures() {
		return new HandledFailures();
	}

	@Bean
	FireAndForgetExceptionHandler fireAndForgetExceptionHandler(HandledFailures handled) {
		return (ex, task, arguments) -> handled.failures.add(ex);
	}

	/**
	 * What the exception handler was given.
	 */
	static class HandledFailures {

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

	}

	static class Mailer {

		private final CallRecorder recorder;

		Mailer(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@FireAndForget
		public void send(String what) {
			this.recorder.record("send", what);
		}

		@FireAndForget
		public void bounce(String why) {
			throw new IllegalStateException(why);
		}

	}

}

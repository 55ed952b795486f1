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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of {@link io.github.threadmethod.FireAndForget @FireAndForget}
 * methods, under {@code threadmethod}.
 *
 * @author threadmethod contributors
 */
@ConfigurationProperties("threadmethod")
public class ThreadMethodProperties implements Validator {

	/**
	 * Whether calls to @FireAndForget methods run on a thread of their own. When false,
	 * no proxies are created and annotated methods run as plain synchronous calls on the
	 * caller's thread.
	 */
	private boolean enabled = true;

	private final CallThread thread = new CallThread();

	private final Shutdown shutdown = new Shutdown();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CallThread getThread() {
		return this.thread;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ThreadMethodProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that bind but make no sense, so that start-up fails naming the
	 * property. Binding calls this for the properties object itself, with no bean
	 * validation provider needed.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ThreadMethodProperties properties = (ThreadMethodProperties) target;
		if (properties.getShutdown().getTimeout().isNegative()) {
			errors.rejectValue("shutdown.timeout", "negative", "must not be negative");
		}
	}

	/**
	 * The thread that each call runs on.
	 */
	public static class CallThread {

		/**
		 * Prefix of the names of the threads that run calls. The task name, a dash and
		 * the call number follow it.
		 */
		private String namePrefix = "threadmethod-";

		/**
		 * Whether platform threads that run calls are daemon threads, which do not keep
		 * the JVM alive. Virtual threads are always daemon threads.
		 */
		private boolean daemon;

		/**
		 * Whether calls run on virtual threads rather than platform threads. Needs Java
		 * 21 or later. When not set, follows 'spring.threads.virtual.enabled'.
		 */
		private @Nullable Boolean virtual;

		public String getNamePrefix() {
			return this.namePrefix;
		}

		public void setNamePrefix(String namePrefix) {
			this.namePrefix = namePrefix;
		}

		public boolean isDaemon() {
			return this.daemon;
		}

		public void setDaemon(boolean daemon) {
			this.daemon = daemon;
		}

		public @Nullable Boolean getVirtual() {
			return this.virtual;
		}

		public void setVirtual(@Nullable Boolean virtual) {
			this.virtual = virtual;
		}

	}

	/**
	 * What happens to running calls when the application context closes.
	 */
	public static class Shutdown {

		/**
		 * How long closing the application context waits for calls still running. Calls
		 * still running after it are logged by task name. Zero does not wait.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}

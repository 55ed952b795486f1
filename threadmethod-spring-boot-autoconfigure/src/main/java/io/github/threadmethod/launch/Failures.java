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

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs failures so that a failure is never lost to the logging of it: a throwable whose
 * {@code getMessage()} or {@code toString()} throws still shows its class, its message
 * where it can be read, and where it was thrown.
 *
 * @author threadmethod contributors
 */
final class Failures {

	static final Log logger = LogFactory.getLog(CallLauncher.class);

	private Failures() {
	}

	/**
	 * Log the given failure at {@code ERROR} under the launcher's logger.
	 * @param message what failed
	 * @param failure the failure
	 */
	static void log(String message, Throwable failure) {
		log(logger, message, failure);
	}

	/**
	 * Log the given failure at {@code ERROR}.
	 * @param log the log
	 * @param message what failed
	 * @param failure the failure
	 */
	static void log(Log log, String message, Throwable failure) {
		try {
			log.error(message, failure);
		}
		catch (Throwable loggingFailure) {
			try {
				log.error(message + ": " + describe(failure));
			}
			catch (Throwable ignored) {
				// Nothing more can be done without risking the caller or the call
			}
		}
	}

	/**
	 * Describe the given failure in one line without calling its {@code toString()}.
	 * @param failure the failure
	 * @return its class name and, where it can be read, its message
	 */
	static String summary(Throwable failure) {
		String message = message(failure);
		return (message != null) ? failure.getClass().getName() + ": " + message : failure.getClass().getName();
	}

	/**
	 * Return the message of the given failure, if it can be read.
	 * @param failure the failure
	 * @return its message, possibly {@code null}, or a word on why it cannot be read
	 */
	static @Nullable String message(Throwable failure) {
		try {
			return failure.getMessage();
		}
		catch (Throwable ex) {
			return "(its message could not be read: " + ex.getClass().getName() + ")";
		}
	}

	/**
	 * Return the cause of the given failure, if it can be read.
	 * @param failure the failure
	 * @return its cause, or {@code null}
	 */
	static @Nullable Throwable cause(Throwable failure) {
		try {
			return failure.getCause();
		}
		catch (Throwable ex) {
			return null;
		}
	}

	/**
	 * Describe the given failure, its stack and its causes, as a stack trace would,
	 * without calling its {@code toString()}.
	 * @param failure the failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = failure;
		while (current != null && seen.add(current)) {
			if (current != failure) {
				description.append(System.lineSeparator()).append("Caused by: ");
			}
			description.append(summary(current));
			for (StackTraceElement element : current.getStackTrace()) {
				description.append(System.lineSeparator()).append("\tat ").append(element);
			}
			current = cause(current);
		}
		return description.toString();
	}

}

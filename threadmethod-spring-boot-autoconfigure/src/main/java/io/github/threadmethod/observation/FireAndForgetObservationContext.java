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
package io.github.threadmethod.observation;

import io.github.threadmethod.FireAndForgetTask;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The context of the observation of one {@code @FireAndForget} call: the task called, the
 * mode that runs it, its key, whether the call was rejected, discarded or deduplicated
 * before its body could run, and whether it is {@linkplain #isComplete() complete}. What
 * the call failed with, if anything, is the context's {@linkplain #getError() error}.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetObservationDocumentation
 */
public class FireAndForgetObservationContext extends Observation.Context {

	private final FireAndForgetTask task;

	private final String mode;

	private final boolean severalModes;

	private final boolean rejected;

	private final boolean discarded;

	private volatile boolean complete;

	private @Nullable String key;

	private boolean deduplicated;

	/**
	 * Create the context of a call.
	 * @param task the task called
	 * @param mode the mode of the backend that runs the task's calls
	 * @param severalModes whether the application's tasks run in more than one mode, so
	 * that the mode is worth telling apart
	 * @param rejected whether the call was rejected before its body could run
	 */
	public FireAndForgetObservationContext(FireAndForgetTask task, String mode, boolean severalModes,
			boolean rejected) {
		this(task, mode, severalModes, rejected, false);
	}

	/**
	 * Create the context of a call that may have been discarded.
	 * @param task the task called
	 * @param mode the mode of the backend that runs the task's calls
	 * @param severalModes whether the application's tasks run in more than one mode, so
	 * that the mode is worth telling apart
	 * @param rejected whether the call was rejected before its body could run
	 * @param discarded whether the call was discarded before its body could run, as the
	 * transaction it was made in rolled back
	 */
	public FireAndForgetObservationContext(FireAndForgetTask task, String mode, boolean severalModes, boolean rejected,
			boolean discarded) {
		Assert.notNull(task, "Task must not be null");
		Assert.hasText(mode, "Mode must not be empty");
		this.task = task;
		this.mode = mode;
		this.severalModes = severalModes;
		this.rejected = rejected;
		this.discarded = discarded;
	}

	/**
	 * Return the task called.
	 * @return the task
	 */
	public FireAndForgetTask getTask() {
		return this.task;
	}

	/**
	 * Return the mode of the backend that runs the task's calls, such as {@code thread}.
	 * @return the mode
	 */
	public String getMode() {
		return this.mode;
	}

	/**
	 * Return whether the application's tasks run in more than one mode. The default
	 * convention shows the mode only then, so that an application with one mode keeps one
	 * key fewer.
	 * @return whether there is more than one mode
	 */
	public boolean hasSeveralModes() {
		return this.severalModes;
	}

	/**
	 * Return whether the call was rejected before its body could run: its observation
	 * then starts and stops on the caller's thread, with the rejection as its error.
	 * @return whether the call was rejected
	 */
	public boolean isRejected() {
		return this.rejected;
	}

	/**
	 * Return the call's business key, worked out by the
	 * {@linkplain io.github.threadmethod.FireAndForget#key() key expression} of its
	 * method.
	 * @return the key, or {@code null} if the call has none
	 * @since 0.1.0
	 */
	public @Nullable String getKey() {
		return this.key;
	}

	/**
	 * Set the call's business key, before the observation starts.
	 * @param key the key, or {@code null} if the call has none
	 * @since 0.1.0
	 */
	public void setKey(@Nullable String key) {
		this.key = key;
	}

	/**
	 * Return whether the call was not started because a call of its task with the same
	 * key was still waiting or running, under the
	 * {@link io.github.threadmethod.KeyPolicy#UNIQUE unique} key policy: its observation
	 * then starts and stops on the caller's thread, without an error.
	 * @return whether the call was deduplicated
	 * @since 0.1.0
	 */
	public boolean isDeduplicated() {
		return this.deduplicated;
	}

	/**
	 * Set whether the call was deduplicated, before the observation starts.
	 * @param deduplicated whether the call was deduplicated
	 * @since 0.1.0
	 */
	public void setDeduplicated(boolean deduplicated) {
		this.deduplicated = deduplicated;
	}

	/**
	 * Return whether the call was discarded before its body could run, as the transaction
	 * it was made in rolled back: its observation then starts and stops on the thread
	 * that rolled the transaction back, with no error.
	 * @return whether the call was discarded
	 */
	public boolean isDiscarded() {
		return this.discarded;
	}

	/**
	 * Return whether the call has ended: its body has returned or thrown, or its
	 * rejection, discard or deduplication is being recorded. Until then its outcome is
	 * unknown, which is what the keys read when the observation starts.
	 * @return whether the call has ended
	 */
	public boolean isComplete() {
		return this.complete;
	}

	/**
	 * Set whether the call has ended.
	 * @param complete whether the call has ended
	 */
	public void setComplete(boolean complete) {
		this.complete = complete;
	}

}

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
package io.github.threadmethod.durable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ObjIntConsumer;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.util.unit.DataSize;

/**
 * The sizes of the stored forms of durable calls: each is bounded, so that no call stores
 * a row larger than the application allows, and is told, once stored, to those that
 * listen, such as the {@link StoredCallSizeMetrics}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class StoredCallSizes {

	private final long maxSize;

	private final List<ObjIntConsumer<String>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create the sizes of stored calls, each at most the given size.
	 * @param maxCallSize the largest stored form of a call
	 */
	public StoredCallSizes(DataSize maxCallSize) {
		this.maxSize = maxCallSize.toBytes();
	}

	/**
	 * Have the given listener told the size of each call stored from now on.
	 * @param listener told the task's name and the size in bytes of each stored call
	 */
	public void listen(ObjIntConsumer<String> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Check the stored form of a call before it is stored.
	 * @throws TaskRejectedException if it is larger than allowed, naming its size; then
	 * nothing is stored
	 */
	void check(byte[] json) {
		if (json.length > this.maxSize) {
			throw new TaskRejectedException("its stored form is " + json.length + " bytes, more than "
					+ "threadmethod.durable.max-call-size allows (" + this.maxSize + " bytes); nothing was stored. "
					+ "Pass large data by reference (an id, a URL), not as an argument");
		}
	}

	/**
	 * Tell the listeners the size of a call that was stored.
	 */
	void stored(String taskName, byte[] json) {
		for (ObjIntConsumer<String> listener : this.listeners) {
			listener.accept(taskName, json.length);
		}
	}

}

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

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's serializer, in front of the one it would use otherwise: the data of
 * durable calls passes through as the bytes it is, and everything else goes to the other
 * serializer. The scheduler asks for a task's data by the class its task declares, so a
 * row of the durable task is read as {@link DurableCallData}, whatever its bytes hold,
 * without ever reaching an {@code ObjectInputStream}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableCallSerializer implements Serializer {

	private final Serializer other;

	/**
	 * Create a serializer in front of the given one.
	 * @param other the serializer of every other task's data
	 */
	public DurableCallSerializer(Serializer other) {
		this.other = other;
	}

	@Override
	public byte @Nullable [] serialize(@Nullable Object data) {
		if (data instanceof DurableCallData call) {
			return call.json();
		}
		return this.other.serialize(data);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] serializedData) {
		if (type == DurableCallData.class) {
			return (serializedData != null) ? (T) new DurableCallData(serializedData) : null;
		}
		return this.other.deserialize(type, serializedData);
	}

}

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

import java.nio.charset.StandardCharsets;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableCallSerializer}: the durable task's data passes through as its
 * bytes, and every other task's goes to the serializer it is in front of.
 *
 * @author threadmethod contributors
 */
class DurableCallSerializerTests {

	private static final byte[] JSON = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);

	private final DurableCallSerializer serializer = new DurableCallSerializer(new Other());

	@Test
	void theDataOfADurableCallIsWrittenAsItsBytes() {
		assertThat(this.serializer.serialize(new DurableCallData(JSON))).isSameAs(JSON);
	}

	@Test
	void theDataOfADurableCallIsReadAsItsBytesWhateverTheyHold() {
		byte[] javaSerialized = { (byte) 0xac, (byte) 0xed, 0, 5 };
		DurableCallData data = this.serializer.deserialize(DurableCallData.class, javaSerialized);
		assertThat(data).isNotNull();
		assertThat(data.json()).isSameAs(javaSerialized);
		assertThat(data).hasToString("DurableCallData (4 bytes)");
	}

	@Test
	void noDataOfADurableCallIsReadAsNone() {
		assertThat(this.serializer.deserialize(DurableCallData.class, null)).isNull();
	}

	@Test
	void theDataOfOtherTasksGoesToTheOtherSerializer() {
		assertThat(this.serializer.serialize("report")).containsExactly('o', 't', 'h', 'e', 'r');
		assertThat(this.serializer.serialize(null)).containsExactly('o', 't', 'h', 'e', 'r');
		assertThat(this.serializer.deserialize(String.class, JSON)).isEqualTo("read by the other");
		assertThat(this.serializer.deserialize(String.class, null)).isEqualTo("read by the other");
	}

	/**
	 * Stands for the serializer of the application's own tasks.
	 */
	private static final class Other implements Serializer {

		@Override
		public byte[] serialize(@Nullable Object data) {
			return "other".getBytes(StandardCharsets.UTF_8);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T deserialize(Class<T> type, byte @Nullable [] serializedData) {
			return (T) "read by the other";
		}

	}

}

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

import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link StoredCallSizes}: a stored form as large as the maximum is stored, one
 * byte more is rejected naming both sizes, and each stored size is told to every
 * listener.
 *
 * @author threadmethod contributors
 */
class StoredCallSizesTests {

	private final StoredCallSizes sizes = new StoredCallSizes(DataSize.ofBytes(10));

	@Test
	void aStoredFormAsLargeAsTheMaximumIsAccepted() {
		assertThatNoException().isThrownBy(() -> this.sizes.check(new byte[10]));
	}

	@Test
	void aStoredFormOneByteLargerThanTheMaximumIsRejectedNamingBothSizes() {
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.sizes.check(new byte[11]))
			.withMessage("its stored form is 11 bytes, more than threadmethod.durable.max-call-size allows (10 "
					+ "bytes); nothing was stored. Pass large data by reference (an id, a URL), not as an argument");
	}

	@Test
	void eachStoredSizeIsToldToEveryListenerByTask() {
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		this.sizes.listen((taskName, size) -> first.add(taskName + "=" + size));
		this.sizes.listen((taskName, size) -> second.add(taskName + "=" + size));
		this.sizes.stored("Mailer.send", new byte[7]);
		this.sizes.stored("Audit.record", new byte[3]);
		assertThat(first).containsExactly("Mailer.send=7", "Audit.record=3");
		assertThat(second).containsExactly("Mailer.send=7", "Audit.record=3");
	}

}

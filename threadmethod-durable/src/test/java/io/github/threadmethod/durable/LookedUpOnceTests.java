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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LookedUpOnce}.
 *
 * @author threadmethod contributors
 */
class LookedUpOnceTests {

	@Test
	void whatIsFoundIsLookedUpWhenFirstAskedForAndThenKept() {
		AtomicInteger lookups = new AtomicInteger();
		LookedUpOnce<String> once = new LookedUpOnce<>(() -> "bean " + lookups.incrementAndGet());
		assertThat(lookups).hasValue(0);
		assertThat(once.get()).isEqualTo("bean 1");
		assertThat(once.get()).isEqualTo("bean 1");
		assertThat(lookups).hasValue(1);
	}

	@Test
	void aLookupThatFailsIsTriedAgainByTheNextCaller() {
		AtomicInteger lookups = new AtomicInteger();
		LookedUpOnce<String> once = new LookedUpOnce<>(() -> {
			if (lookups.incrementAndGet() == 1) {
				throw new IllegalStateException("not yet");
			}
			return "bean";
		});
		assertThatIllegalStateException().isThrownBy(once::get).withMessage("not yet");
		assertThat(once.get()).isEqualTo("bean");
		assertThat(lookups).hasValue(2);
	}

	@Test
	void aCallerIsNotHeldWhileAnotherLooksUp() throws Exception {
		CountDownLatch looking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger lookups = new AtomicInteger();
		LookedUpOnce<String> once = new LookedUpOnce<>(() -> {
			if (lookups.incrementAndGet() == 1) {
				looking.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return "held";
			}
			return "free";
		});
		Thread held = new Thread(once::get);
		held.start();
		assertThat(looking.await(30, TimeUnit.SECONDS)).isTrue();
		// A lock across the first lookup would keep this caller waiting until released
		assertThat(once.get()).isEqualTo("free");
		release.countDown();
		held.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(held.isAlive()).isFalse();
	}

}

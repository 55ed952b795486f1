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

import java.lang.reflect.Method;

import io.github.threadmethod.FireAndForgetTask;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultFireAndForgetObservationConvention}: the keys it keeps for the
 * common outcomes are those it works out for each call.
 *
 * @author threadmethod contributors
 */
class DefaultFireAndForgetObservationConventionTests {

	private final DefaultFireAndForgetObservationConvention convention = new DefaultFireAndForgetObservationConvention();

	// A subclass works its keys out for every call
	private final DefaultFireAndForgetObservationConvention uncached = new DefaultFireAndForgetObservationConvention() {
	};

	private final FireAndForgetTask task = task("Work.run");

	@Test
	void keysOfACallNotEndedAndOfOneThatSucceededAreTheSameAsWorkedOutForEachCall() {
		for (int call = 0; call < 3; call++) {
			FireAndForgetObservationContext context = new FireAndForgetObservationContext(this.task, "thread", false,
					false);
			assertKeys(context, "task", "Work.run", "outcome", "unknown", "exception", "none");
			context.setComplete(true);
			assertKeys(context, "task", "Work.run", "outcome", "success", "exception", "none");
		}
	}

	@Test
	void keysShowTheModeOfTheContextAsked() {
		FireAndForgetObservationContext oneMode = new FireAndForgetObservationContext(this.task, "thread", false,
				false);
		assertKeys(oneMode, "task", "Work.run", "outcome", "unknown", "exception", "none");
		FireAndForgetObservationContext durable = new FireAndForgetObservationContext(this.task, "durable", true,
				false);
		assertKeys(durable, "task", "Work.run", "outcome", "unknown", "exception", "none", "mode", "durable");
		FireAndForgetObservationContext thread = new FireAndForgetObservationContext(this.task, "thread", true, false);
		thread.setComplete(true);
		assertKeys(thread, "task", "Work.run", "outcome", "success", "exception", "none", "mode", "thread");
		assertKeys(oneMode, "task", "Work.run", "outcome", "unknown", "exception", "none");
	}

	@Test
	void keysOfOtherOutcomesAreWorkedOutForEachCall() {
		FireAndForgetObservationContext failed = new FireAndForgetObservationContext(this.task, "thread", false, false);
		failed.setComplete(true);
		failed.setError(new IllegalStateException());
		assertKeys(failed, "task", "Work.run", "outcome", "failure", "exception", "IllegalStateException");
		FireAndForgetObservationContext rejected = new FireAndForgetObservationContext(this.task, "thread", false,
				true);
		rejected.setComplete(true);
		assertKeys(rejected, "task", "Work.run", "outcome", "rejected", "exception", "none");
		FireAndForgetObservationContext discarded = new FireAndForgetObservationContext(this.task, "thread", false,
				false, true);
		discarded.setComplete(true);
		assertKeys(discarded, "task", "Work.run", "outcome", "discarded", "exception", "none");
	}

	@Test
	void eachTaskHasItsOwnKeys() {
		FireAndForgetObservationContext first = new FireAndForgetObservationContext(this.task, "thread", false, false);
		FireAndForgetObservationContext second = new FireAndForgetObservationContext(task("Other.run"), "thread", false,
				false);
		assertKeys(first, "task", "Work.run", "outcome", "unknown", "exception", "none");
		assertKeys(second, "task", "Other.run", "outcome", "unknown", "exception", "none");
	}

	@Test
	void aSubclassThatChangesAKeyIsAskedForEachCall() {
		DefaultFireAndForgetObservationConvention renamed = new DefaultFireAndForgetObservationConvention() {

			@Override
			protected io.micrometer.common.KeyValue task(FireAndForgetObservationContext context) {
				return FireAndForgetObservationDocumentation.LowCardinalityKeyNames.TASK.withValue("renamed");
			}

		};
		FireAndForgetObservationContext context = new FireAndForgetObservationContext(this.task, "thread", false,
				false);
		assertThat(renamed.getLowCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("task", "renamed", "outcome", "unknown", "exception", "none"));
	}

	private void assertKeys(FireAndForgetObservationContext context, String... expected) {
		KeyValues keyValues = this.convention.getLowCardinalityKeyValues(context);
		assertThat(keyValues).isEqualTo(KeyValues.of(expected))
			.isEqualTo(this.uncached.getLowCardinalityKeyValues(context));
	}

	private static FireAndForgetTask task(String name) {
		Method method = ReflectionUtils.findMethod(Work.class, "run");
		return new FireAndForgetTask(name, method, Work.class);
	}

	static class Work {

		public void run() {
		}

	}

}

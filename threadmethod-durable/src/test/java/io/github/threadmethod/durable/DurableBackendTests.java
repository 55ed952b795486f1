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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.KeyPolicy;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DurableBackend} without a database: what it says of itself, and the
 * calls it rejects before anything is stored, each ending its store observation with why.
 * The calls it stores are shown on H2 and PostgreSQL by {@code DurableModeTests},
 * {@code DurableStoreCommitTests} and their kin.
 *
 * @author threadmethod contributors
 */
class DurableBackendTests {

	private static final Method SEND = ReflectionUtils.findMethod(Mailer.class, "send", String.class, List.class);

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	DurableBackendTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				DurableBackendTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void itIsTheDurableModeWhichNoLimitRunsOnTheCallersThreadDescribedByItsEngine() {
		DurableBackend backend = backend(DataSize.ofKilobytes(64));
		assertThat(backend.getMode()).isEqualTo("durable").isEqualTo(DurableBackend.MODE);
		assertThat(backend.isLimited()).isFalse();
		assertThat(backend.describe()).isEqualTo("durable: db-scheduler");
		assertThat(backend).hasToString("DurableBackend [db-scheduler]");
	}

	@Test
	void aCallOfATaskWithoutItsDurableTaskIsRejectedAndNothingIsStored() {
		DurableBackend backend = backend(DataSize.ofKilobytes(64));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> backend.execute(execution("Mailer.remind", "ada@example.com", List.of())))
			.withMessage("the durable mode found no single bean for it at start-up (a lazy bean, or one registered "
					+ "by hand?); nothing was stored");
		assertThat(this.stopped).isEmpty();
	}

	@Test
	void aCallWithAnArgumentThatCannotBeWrittenIsRejectedNamingItAndEndsItsStoreObservationWithWhy() {
		DurableBackend backend = backend(DataSize.ofKilobytes(64));
		List<String> unreadable = new AbstractList<>() {

			@Override
			public String get(int index) {
				throw new IllegalStateException("cannot read line " + index);
			}

			@Override
			public int size() {
				return 1;
			}

		};
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> backend.execute(execution("Mailer.send", "ada@example.com", unreadable)))
			.withMessageStartingWith("argument 2 ('lines', java.util.List<java.lang.String>) of Mailer.send cannot "
					+ "be stored as JSON (")
			.withMessageEndingWith("); nothing was stored")
			.satisfies((failure) -> assertThat(this.stopped).singleElement().satisfies((store) -> {
				assertThat(store.getName()).isEqualTo("threadmethod.durable.store");
				assertThat(store.getError()).isSameAs(failure);
			}));
	}

	@Test
	void aCallLargerThanTheMaxCallSizeIsRejectedAndEndsItsStoreObservationWithWhy() {
		DurableBackend backend = backend(DataSize.ofBytes(64));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> backend.execute(execution("Mailer.send", "ada@example.com", List.of("x".repeat(64)))))
			.withMessageStartingWith("its stored form is ")
			.satisfies((failure) -> assertThat(this.stopped).singleElement()
				.satisfies((store) -> assertThat(store.getError()).isSameAs(failure)));
	}

	private DurableBackend backend(DataSize maxCallSize) {
		this.context.registerBean("mailer", Mailer.class);
		this.context.refresh();
		StoredCallFormat format = StoredCallFormats.jackson2();
		DurableTasks tasks = new DurableTasks(this.context.getBeanFactory(), "Mailer.send"::equals, (advisor) -> false,
				() -> true, format, Set.of());
		StoredCallObservations observations = new StoredCallObservations(() -> this.registry);
		DurableCallTask task = new DurableCallTask(tasks, format, () -> {
			throw new AssertionError("No call runs here");
		}, DurableRetries.DEFAULTS, Map.of(), observations, Duration.ofHours(1),
				new EffectivelyOnce(tasks, this.context.getBeanFactory(), () -> {
					throw new AssertionError("The database is not to be asked");
				}, (taskName) -> false, (taskName) -> false, Set.of(), (taskName) -> DurableBackend.MODE));
		// Nothing that is rejected gets as far as the scheduler or the database
		Supplier<Scheduler> scheduler = () -> {
			throw new AssertionError("The scheduler is not to be asked");
		};
		Supplier<DataSource> dataSource = () -> {
			throw new AssertionError("The database is not to be asked");
		};
		return new DurableBackend(tasks, format, task, observations, scheduler, dataSource, "scheduled_tasks",
				new StoredCallSizes(maxCallSize), null, null);
	}

	private static FireAndForgetExecution execution(String taskName, @Nullable Object... arguments) {
		FireAndForgetTask task = new FireAndForgetTask(taskName, SEND, Mailer.class);
		return new FireAndForgetExecution() {

			@Override
			public FireAndForgetTask getTask() {
				return task;
			}

			@Override
			public Object[] getArguments() {
				return arguments;
			}

			@Override
			public @Nullable String getKey() {
				return null;
			}

			@Override
			public @Nullable KeyPolicy getKeyPolicy() {
				return null;
			}

			@Override
			public void run() {
				throw new AssertionError("A durable call's body is never run by its caller");
			}

			@Override
			public boolean handOver() {
				throw new AssertionError("A rejected call is never handed over");
			}

			@Override
			public @Nullable Runnable handOverUncommitted() {
				throw new AssertionError("A rejected call is never handed over");
			}

			@Override
			public boolean deduplicate() {
				throw new AssertionError("A rejected call is never deduplicated");
			}

		};
	}

	public static class Mailer {

		@FireAndForget
		public void send(String to, List<String> lines) {
		}

	}

}

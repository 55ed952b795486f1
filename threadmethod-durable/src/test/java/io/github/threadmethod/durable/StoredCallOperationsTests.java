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

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link StoredCallOperations} where db-scheduler's client answers what only a
 * race between instances makes it answer: a row changed or gone meanwhile. The operations
 * as an application uses them are tested by {@link DurableCallsTests}.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class StoredCallOperationsTests {

	private static final String TASK = "Mailer.send";

	private final Scheduler scheduler = mock(Scheduler.class);

	private final DataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:operations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final StoredCallOperations operations = new StoredCallOperations(mock(DurableTasks.class),
			mock(StoredCallFormat.class), () -> this.scheduler, () -> this.dataSource, "scheduled_tasks");

	@Test
	void aCallRunAgainWakesTheSchedulerSoThatItRunsBeforeTheNextPoll() {
		String id = StoredCallIds.newId(TASK);
		given(this.scheduler.reschedule(any(TaskInstanceId.class), any(Instant.class))).willReturn(true);
		this.operations.runAgain(id);
		verify(this.scheduler).reschedule(eq(TaskInstanceId.of(DurableCallTask.NAME, id)), any(Instant.class));
		verify(this.scheduler).triggerCheckForDueExecutions();
	}

	@Test
	void aCallWhoseRowChangedWhileItWasSetToRunAgainIsReportedAndWakesNobody() {
		String id = StoredCallIds.newId(TASK);
		given(this.scheduler.reschedule(any(TaskInstanceId.class), any(Instant.class))).willReturn(false);
		assertThatIllegalStateException().isThrownBy(() -> this.operations.runAgain(id))
			.withMessage("Durable @FireAndForget call '" + id
					+ "' changed while it was set to run again (an instance picked it?); nothing was changed");
		verify(this.scheduler, never()).triggerCheckForDueExecutions();
	}

	@Test
	void failedCallsRunAgainWakeTheSchedulerOnceForThemAll() {
		String first = storeFailed();
		String second = storeFailed();
		given(this.scheduler.reschedule(any(TaskInstanceId.class), any(Instant.class))).willReturn(true);
		assertThat(this.operations.runFailedAgain(TASK)).isEqualTo(2);
		verify(this.scheduler).reschedule(eq(TaskInstanceId.of(DurableCallTask.NAME, first)), any(Instant.class));
		verify(this.scheduler).reschedule(eq(TaskInstanceId.of(DurableCallTask.NAME, second)), any(Instant.class));
		verify(this.scheduler, times(1)).triggerCheckForDueExecutions();
	}

	@Test
	void failedCallsRunOrGivenUpMeanwhileAreLeftAsTheyAreAndWakeNobody(CapturedOutput output) {
		String run = storeFailed();
		String givenUp = storeFailed();
		given(this.scheduler.reschedule(eq(TaskInstanceId.of(DurableCallTask.NAME, run)), any(Instant.class)))
			.willThrow(new TaskInstanceCurrentlyExecutingException(DurableCallTask.NAME, run));
		given(this.scheduler.reschedule(eq(TaskInstanceId.of(DurableCallTask.NAME, givenUp)), any(Instant.class)))
			.willThrow(new TaskInstanceNotFoundException(DurableCallTask.NAME, givenUp));
		assertThat(this.operations.runFailedAgain(TASK)).isZero();
		verify(this.scheduler, never()).triggerCheckForDueExecutions();
		assertThat(output).contains("Durable @FireAndForget call '" + run + "' was left as it is, no longer failed")
			.contains("Durable @FireAndForget call '" + givenUp + "' was left as it is, no longer failed");
	}

	/**
	 * Store a row of the given task as db-scheduler keeps a failed call: due in the
	 * distant future.
	 */
	private String storeFailed() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("create table if not exists scheduled_tasks (task_name varchar(100), "
				+ "task_instance varchar(100), execution_time timestamp)");
		String id = StoredCallIds.newId(TASK);
		jdbc.update("insert into scheduled_tasks values (?, ?, ?)", DurableCallTask.NAME, id,
				Timestamp.from(Instant.parse("9999-01-01T00:00:00Z")));
		return id;
	}

}

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
package io.github.threadmethod.sample;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A submitted job, as recorded.
 *
 * @param id the job's id
 * @param state where the job is
 * @param mode the mode its work runs in, as this process had it when it accepted the job
 * (see {@link JobMode}): {@value JobMode#THREAD}, {@value JobMode#DURABLE}, or another
 * backend's
 * @param attempts how many times its work started: more than once if a process that ran
 * it died and another ran it again (the durable mode)
 * @param submittedAt when the job was accepted
 * @param startedAt when the work started, if it has
 * @param finishedAt when the job ended, if it has
 * @param result what the work found, once done
 * @param error why the job failed or was abandoned, if it was
 * @author threadmethod contributors
 */
public record Job(UUID id, JobState state, String mode, int attempts, Instant submittedAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable TextAnalysis result, @Nullable String error) {

}

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

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes jobs and reports on them. A submission is validated, then recorded and handed to
 * the {@link JobProcessor} in one transaction, and answered with {@code 202 Accepted} at
 * once. The processor continues it once the job is committed, on a thread of its own (a
 * call made in a transaction starts when it commits), or, in the durable mode, on
 * whichever instance takes it (the call is stored in the same transaction as the job).
 *
 * @author threadmethod contributors
 */
@RestController
@RequestMapping("/jobs")
class JobController {

	private static final Log logger = LogFactory.getLog(JobController.class);

	private final JobRepository jobs;

	private final JobProcessor processor;

	private final JobMode mode;

	private final TransactionTemplate transaction;

	JobController(JobRepository jobs, JobProcessor processor, JobMode mode, TransactionTemplate transaction) {
		this.jobs = jobs;
		this.processor = processor;
		this.mode = mode;
		this.transaction = transaction;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Job> submit(@Valid @RequestBody JobRequest request) {
		// The work never starts for a job that is not committed, nor before it is
		UUID id = this.transaction.execute((status) -> accept(request));
		return ResponseEntity.accepted().location(URI.create("/jobs/" + id)).body(find(id));
	}

	private UUID accept(JobRequest request) {
		Job job = this.jobs.create(this.mode.get());
		try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", job.id().toString())) {
			// On the request's thread, in the request's trace; the job's own lines carry
			// the same trace id with a span of their own
			logger.info("Job accepted");
			// Only plain values cross to the other thread, never the request itself
			this.processor.process(job.id(), request.text(), request.failOnPurpose());
		}
		return job.id();
	}

	@GetMapping("/{id}")
	Job get(@PathVariable UUID id) {
		return find(id);
	}

	@GetMapping
	List<Job> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.jobs.findRecent(limit);
	}

	private Job find(UUID id) {
		return this.jobs.find(id).orElseThrow(() -> notFound(id));
	}

	private static ErrorResponseException notFound(UUID id) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.NOT_FOUND);
		ex.getBody().setTitle("Job not found");
		ex.getBody().setDetail("No job has the id " + id);
		return ex;
	}

}

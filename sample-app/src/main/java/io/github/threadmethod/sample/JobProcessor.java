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

import java.util.UUID;

import io.github.threadmethod.FireAndForget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * Does a job's work after the request that submitted it has been answered: the
 * continuation of the request, run on a thread of its own for each job.
 *
 * @author threadmethod contributors
 */
@Service
public class JobProcessor {

	private static final Log logger = LogFactory.getLog(JobProcessor.class);

	private final JobRepository jobs;

	private final SimulatedDelay delay;

	public JobProcessor(JobRepository jobs, SimulatedDelay delay) {
		this.jobs = jobs;
		this.delay = delay;
	}

	/**
	 * Analyse the text of the given job and record the result or the failure. Takes the
	 * text as an argument, copied out of the request, since the request itself may be
	 * recycled once its response is sent.
	 * @param id the job
	 * @param text the text to analyse
	 * @param simulateFailure whether to fail on purpose
	 */
	@FireAndForget("analyse-text")
	public void process(UUID id, String text, boolean simulateFailure) {
		this.jobs.markRunning(id);
		logger.info("Job started");
		try {
			this.delay.pause();
			if (simulateFailure) {
				throw new IllegalStateException("Failed on purpose, as the request asked");
			}
			this.jobs.markDone(id, TextAnalysis.of(text));
			logger.info("Job done");
		}
		catch (RuntimeException ex) {
			logger.warn("Job failed: " + ex.getMessage());
			this.jobs.markFailed(id, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.jobs.markFailed(id, "Interrupted");
		}
	}

}

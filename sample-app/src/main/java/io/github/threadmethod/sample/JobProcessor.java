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
import io.github.threadmethod.durable.DurableCall;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;

/**
 * Does a job's work after the request that submitted it has been answered: the
 * continuation of the request, run on a thread of its own for each job, or, in the
 * durable mode ({@code threadmethod.tasks[analyse-text].mode=durable}), stored and run on
 * whichever instance takes it, at least once.
 *
 * <p>
 * The work is idempotent, as a durable call's must be: a job whose work already ended (an
 * instance died after recording the result, before its call was marked done) is not
 * worked on again, and a result is recorded only while the job runs, so every job ends
 * once. Each start is counted in the job's {@code attempts}.
 *
 * @author threadmethod contributors
 */
@Service
public class JobProcessor {

	/**
	 * The name of the work's {@code @FireAndForget} task, as its settings name it.
	 */
	public static final String TASK = "analyse-text";

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
	 * recycled once its response is sent. A failure is recorded, then thrown on, so that
	 * threadmethod counts the call as failed ({@code threadmethod.calls} with
	 * {@code outcome=failure}) and hands the exception to its handler, which logs it.
	 * @param id the job
	 * @param text the text to analyse
	 * @param simulateFailure whether to fail on purpose
	 */
	@FireAndForget(TASK)
	public void process(UUID id, String text, boolean simulateFailure) {
		// On a thread, the caller's MDC came along; a durable call carries only its
		// arguments
		try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", id.toString())) {
			DurableCall call = storedCall();
			if (!this.jobs.markRunning(id)) {
				logger.info("Job already ended; not started again" + ((call != null) ? " (" + call + ")" : ""));
				return;
			}
			logger.info("Job started" + ((call != null) ? " (attempt " + call.getAttempt() + ")" : ""));
			work(id, text, simulateFailure, call);
		}
	}

	/**
	 * Return the durable call being run, when the task is in the durable mode: only such
	 * a call has attempts, and is tried again.
	 */
	private static @Nullable DurableCall storedCall() {
		DurableCall call = DurableCall.current();
		return (call != null && call.isStored()) ? call : null;
	}

	private void work(UUID id, String text, boolean simulateFailure, @Nullable DurableCall call) {
		try {
			this.delay.pause();
			if (simulateFailure) {
				throw new IllegalStateException("Failed on purpose, as the request asked");
			}
			if (this.jobs.markDone(id, TextAnalysis.of(text))) {
				logger.info("Job done");
			}
		}
		catch (RuntimeException ex) {
			this.jobs.markFailed(id, ex.getMessage());
			// A call that swallows its failure counts as a success. In the durable mode
			// the call is tried again, and finds its job ended
			throw ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (call != null) {
				// Stopped with its instance: the job stays running, and the engine tries
				// its call again, here or on another instance
				throw new IllegalStateException("Interrupted; " + call + " will be tried again", ex);
			}
			this.jobs.markFailed(id, "Interrupted");
		}
	}

}

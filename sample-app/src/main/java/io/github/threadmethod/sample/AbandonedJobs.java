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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Marks, on start-up, the jobs that an earlier process accepted but never finished, when
 * their work ran on a thread. Fire-and-forget work lives in memory only: when the JVM
 * stops (a crash, a kill, a shutdown that timed out), its work in flight is gone, and
 * saying so beats leaving the jobs "running" forever. Runs while the context starts,
 * before the web server takes requests, so no job of this process is marked. Jobs in the
 * durable mode are left alone: their work is stored, and the engine runs it again on a
 * live instance; another instance on the same database may be running them right now. On
 * threads, the sample takes one instance per database: another's start would mark this
 * one's running jobs.
 *
 * @author threadmethod contributors
 */
@Component
class AbandonedJobs implements InitializingBean {

	private static final Log logger = LogFactory.getLog(AbandonedJobs.class);

	private final JobRepository jobs;

	AbandonedJobs(JobRepository jobs) {
		this.jobs = jobs;
	}

	@Override
	public void afterPropertiesSet() {
		int abandoned = this.jobs
			.markUnfinishedAbandoned("The process that accepted this job stopped before it finished");
		if (abandoned > 0) {
			logger.warn("Marked " + abandoned + " unfinished job(s) of an earlier process as abandoned");
		}
	}

}

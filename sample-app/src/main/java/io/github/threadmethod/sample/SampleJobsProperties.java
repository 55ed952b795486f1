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

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sample's jobs, under {@code sample.jobs}.
 *
 * @param delay how long each job's simulated slow part takes
 * @param maxRequestSize the largest request body a submission may have; a larger one is
 * answered with 413
 * @author threadmethod contributors
 */
@ConfigurationProperties("sample.jobs")
@Validated
public record SampleJobsProperties(@DefaultValue("2s") @DurationMin(millis = 0) Duration delay,
		@DefaultValue("64KB") DataSize maxRequestSize) {

}

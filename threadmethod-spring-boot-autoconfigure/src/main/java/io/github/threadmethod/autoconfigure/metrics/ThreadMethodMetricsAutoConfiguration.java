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
package io.github.threadmethod.autoconfigure.metrics;

import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.metrics.FireAndForgetMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the metrics of {@code @FireAndForget} calls. Spring Boot binds
 * the {@link FireAndForgetMetrics} to its meter registries.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadMethodAutoConfiguration.class, afterName = {
		// Spring Boot 3.5 (each line ignores the names of the other)
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
		// Spring Boot 4
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CallLauncher.class, MeterRegistry.class })
public final class ThreadMethodMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FireAndForgetMetrics fireAndForgetMetrics(CallLauncher launcher) {
		return new FireAndForgetMetrics(launcher);
	}

}

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

import java.util.List;

import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import io.github.threadmethod.autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration;
import io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration;
import io.github.threadmethod.autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's JDBC, transaction and Jackson auto-configurations under the names of the
 * Spring Boot line on the class path (Spring Boot 4 moved them into modules of their
 * own), with db-scheduler's and threadmethod's, so that the durable mode's tests run on
 * every supported line.
 *
 * @author threadmethod contributors
 */
final class BootDataAutoConfigurations {

	private static final boolean SPRING_BOOT_4 = ClassUtils
		.isPresent("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", null);

	static final String DATA_SOURCE = SPRING_BOOT_4
			? "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
			: "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";

	static final String TRANSACTION_MANAGER = SPRING_BOOT_4
			? "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"
			: "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration";

	static final String TRANSACTION = SPRING_BOOT_4
			? "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
			: "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration";

	static final String JACKSON = SPRING_BOOT_4
			? "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
			: "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration";

	static final String DB_SCHEDULER = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration";

	/**
	 * Everything the durable mode runs with, in the order the auto-configurations apply.
	 */
	static final List<String> ALL = List.of(DATA_SOURCE, TRANSACTION_MANAGER, TRANSACTION, JACKSON, DB_SCHEDULER,
			ThreadMethodAutoConfiguration.class.getName(), DurableAutoConfiguration.class.getName());

	static final List<String> METRICS = SPRING_BOOT_4 ? List.of(
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration")
			: List.of("org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
					"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
					"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration");

	/**
	 * Everything the durable mode runs with, and metrics and the endpoint, in the order
	 * the auto-configurations apply.
	 */
	static final List<String> OBSERVED = List.of(DATA_SOURCE, TRANSACTION_MANAGER, TRANSACTION, JACKSON, DB_SCHEDULER,
			// The simple registry before the composite one, as Boot orders them: the
			// other
			// way round, the composite would have no registry in it
			METRICS.get(0), METRICS.get(2), METRICS.get(1), ThreadMethodAutoConfiguration.class.getName(),
			DurableAutoConfiguration.class.getName(), ThreadMethodMetricsAutoConfiguration.class.getName(),
			ThreadMethodEndpointAutoConfiguration.class.getName());

	private BootDataAutoConfigurations() {
	}

	/**
	 * Return the given auto-configurations, by name.
	 */
	static AutoConfigurations of(List<String> names) {
		ClassLoader classLoader = BootDataAutoConfigurations.class.getClassLoader();
		return AutoConfigurations
			.of(names.stream().map((name) -> ClassUtils.resolveClassName(name, classLoader)).toArray(Class<?>[]::new));
	}

	/**
	 * Imports {@link #ALL}, after the application's own configuration, as
	 * {@code @ImportAutoConfiguration} would.
	 */
	static final class Selector implements DeferredImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata metadata) {
			return ALL.toArray(String[]::new);
		}

	}

	/**
	 * Imports {@link #OBSERVED}, after the application's own configuration.
	 */
	static final class ObservedSelector implements DeferredImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata metadata) {
			return OBSERVED.toArray(String[]::new);
		}

	}

}

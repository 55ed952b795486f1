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

}

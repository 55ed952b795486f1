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
package io.github.threadmethod;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's metrics and observation auto-configurations under the names of the Spring
 * Boot line on the class path (Spring Boot 4 moved them into a module of their own), so
 * that the same tests run on every supported line.
 *
 * @author threadmethod contributors
 */
public final class BootMetricsAutoConfigurations {

	private static final List<String> SPRING_BOOT_4 = List.of(
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration");

	private static final List<String> SPRING_BOOT_3 = List.of(
			"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration");

	private static final String SPRING_BOOT_4_OBSERVATION = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

	private static final String SPRING_BOOT_3_OBSERVATION = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration";

	private BootMetricsAutoConfigurations() {
	}

	/**
	 * Return Boot's observation auto-configuration, which registers Micrometer's meter
	 * handler with the {@code ObservationRegistry} when there is a {@code MeterRegistry}.
	 * @return Boot's observation auto-configuration
	 */
	public static AutoConfigurations observation() {
		ClassLoader classLoader = BootMetricsAutoConfigurations.class.getClassLoader();
		String name = ClassUtils.isPresent(SPRING_BOOT_4_OBSERVATION, classLoader) ? SPRING_BOOT_4_OBSERVATION
				: SPRING_BOOT_3_OBSERVATION;
		return AutoConfigurations.of(ClassUtils.resolveClassName(name, classLoader));
	}

	/**
	 * Return Boot's metrics auto-configurations, with the given ones of threadmethod.
	 * @param others the auto-configurations to apply with Boot's
	 * @return Boot's metrics auto-configurations and the given ones
	 */
	public static AutoConfigurations with(Class<?>... others) {
		ClassLoader classLoader = BootMetricsAutoConfigurations.class.getClassLoader();
		List<String> names = ClassUtils.isPresent(SPRING_BOOT_4.get(0), classLoader) ? SPRING_BOOT_4 : SPRING_BOOT_3;
		Class<?>[] classes = names.stream()
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
		Class<?>[] all = Arrays.copyOf(classes, classes.length + others.length);
		System.arraycopy(others, 0, all, classes.length, others.length);
		return AutoConfigurations.of(all);
	}

}

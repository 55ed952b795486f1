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
package io.github.threadmethod.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Stops start-up with an {@link UnsupportedSpringBootException} when the Spring Boot on
 * the class path is older than the oldest line threadmethod supports, and logs a warning
 * when it is newer than the newest line it is tested on.
 * <p>
 * Spring Boot evaluates the conditions of an auto-configuration while it reads the class
 * from its bytecode, before loading it, and this condition is evaluated first: so it runs
 * before any class that names an API an older Spring Boot lacks is loaded. It never
 * returns {@code false}: backing off would leave every {@code @FireAndForget} method a
 * plain synchronous call without a word.
 * <p>
 * Only the classes of Spring Framework's {@code Condition} contract, Commons Logging and
 * {@link SpringBootVersion} are used here, so that this class itself loads on any Spring
 * Boot that runs on Java 17.
 *
 * @author threadmethod contributors
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class SupportedSpringBootCondition implements ConfigurationCondition {

	/**
	 * The Spring Boot lines this jar is built and tested for, as a sentence says them.
	 */
	static final String SUPPORTED_LINES = "3.5, 4.0 and 4.1";

	// Spring Boot 3.5 added it, and the auto-configuration uses it: without it Boot is
	// older
	private static final String SPRING_BOOT_3_5_API = "org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	private static final Log logger = LogFactory.getLog(SupportedSpringBootCondition.class);

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		// Once per context, and before the class is registered
		return ConfigurationPhase.PARSE_CONFIGURATION;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String version = SpringBootVersion.getVersion();
		boolean hasSpringBoot35Api = ClassUtils.isPresent(SPRING_BOOT_3_5_API, context.getClassLoader());
		Support support = support(version, hasSpringBoot35Api);
		if (support == Support.TOO_OLD) {
			throw new UnsupportedSpringBootException(version, SUPPORTED_LINES);
		}
		if (support == Support.NEWER && logger.isWarnEnabled()) {
			logger.warn("threadmethod is tested on Spring Boot " + SUPPORTED_LINES + ", not on Spring Boot " + version
					+ "; if @FireAndForget fails there, please report it");
		}
		return true;
	}

	/**
	 * Decide whether a Spring Boot is supported.
	 * @param version the version Spring Boot reports, {@code null} if it cannot tell
	 * @param hasSpringBoot35Api whether an API that Spring Boot 3.5 added is on the class
	 * path; without it, Spring Boot is older than 3.5 whatever its version says
	 * @return how the Spring Boot is supported
	 */
	static Support support(@Nullable String version, boolean hasSpringBoot35Api) {
		if (!hasSpringBoot35Api) {
			return Support.TOO_OLD;
		}
		Matcher matcher = (version != null) ? MAJOR_MINOR.matcher(version) : null;
		if (matcher == null || !matcher.find()) {
			// A build that does not say its version but has the API: trust the API
			return Support.SUPPORTED;
		}
		int major = Integer.parseInt(matcher.group(1));
		int minor = Integer.parseInt(matcher.group(2));
		if (major < 3 || (major == 3 && minor < 5)) {
			return Support.TOO_OLD;
		}
		if (major > 4 || (major == 4 && minor > 1)) {
			return Support.NEWER;
		}
		return Support.SUPPORTED;
	}

	/**
	 * How a Spring Boot is supported.
	 */
	enum Support {

		/**
		 * One of the supported lines.
		 */
		SUPPORTED,

		/**
		 * Older than the oldest supported line: start-up fails.
		 */
		TOO_OLD,

		/**
		 * Newer than the newest line tested: start-up goes on, with a warning.
		 */
		NEWER

	}

}

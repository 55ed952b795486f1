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

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetLauncher;
import io.github.threadmethod.ThreadPerCallLauncher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link FireAndForget @FireAndForget} methods: proxies the beans
 * that have them and runs each call on a new thread made for it.
 *
 * @author threadmethod contributors
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "threadmethod.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadMethodProperties.class)
public final class ThreadMethodAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static FireAndForgetBeanPostProcessor fireAndForgetBeanPostProcessor(Environment environment,
			ObjectProvider<FireAndForgetLauncher> launcher) {
		FireAndForgetBeanPostProcessor postProcessor = new FireAndForgetBeanPostProcessor(launcher::getObject);
		postProcessor
			.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
		return postProcessor;
	}

	@Bean
	@ConditionalOnMissingBean(FireAndForgetLauncher.class)
	ThreadPerCallLauncher fireAndForgetLauncher(ThreadMethodProperties properties, Environment environment,
			ObjectProvider<FireAndForgetExceptionHandler> exceptionHandler) {
		ThreadPerCallLauncher launcher = new ThreadPerCallLauncher();
		launcher.setThreadNamePrefix(properties.getThread().getNamePrefix());
		launcher.setDaemon(properties.getThread().isDaemon());
		launcher.setVirtualThreads(virtualThreads(properties, environment));
		launcher.setShutdownTimeout(properties.getShutdown().getTimeout());
		exceptionHandler.ifUnique(launcher::setExceptionHandler);
		return launcher;
	}

	private static boolean virtualThreads(ThreadMethodProperties properties, Environment environment) {
		Boolean virtual = properties.getThread().getVirtual();
		if (virtual == null) {
			return Threading.VIRTUAL.isActive(environment);
		}
		if (virtual && !JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.thread.virtual", true,
					"Virtual threads need Java 21 or later, but this JVM is Java " + JavaVersion.getJavaVersion());
		}
		return virtual;
	}

}

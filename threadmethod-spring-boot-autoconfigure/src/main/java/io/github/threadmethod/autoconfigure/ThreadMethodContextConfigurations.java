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

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * The kinds of context carried to each call, each present only when its library is.
 *
 * @author threadmethod contributors
 */
final class ThreadMethodContextConfigurations {

	private ThreadMethodContextConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.slf4j.MDC")
	@ConditionalOnBooleanProperty(name = "threadmethod.context.mdc", matchIfMissing = true)
	static class MdcConfiguration {

		@Bean
		@Order(1)
		CallContextDecorator fireAndForgetMdcContext() {
			return new CallContextDecorator(new MdcTaskDecorator());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextSnapshotFactory")
	@ConditionalOnBooleanProperty(name = "threadmethod.context.observation", matchIfMissing = true)
	static class ObservationConfiguration {

		@Bean
		@Order(2)
		CallContextDecorator fireAndForgetObservationContext() {
			return new CallContextDecorator(new ContextPropagatingTaskDecorator());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DelegatingSecurityContextRunnable.class)
	@ConditionalOnBooleanProperty(name = "threadmethod.context.security", matchIfMissing = true)
	static class SecurityConfiguration {

		@Bean
		@Order(3)
		CallContextDecorator fireAndForgetSecurityContext() {
			return new CallContextDecorator(DelegatingSecurityContextRunnable::new);
		}

	}

}

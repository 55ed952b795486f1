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
package io.github.threadmethod.autoconfigure.durable.actuate;

import io.github.threadmethod.autoconfigure.durable.DurableAutoConfiguration;
import io.github.threadmethod.durable.DurableCalls;
import io.github.threadmethod.durable.actuate.DurableCallsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link DurableCallsEndpoint threadmethodcalls} endpoint,
 * when the durable mode is configured and the endpoint is available (exposed, and not
 * disabled).
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = DurableAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(DurableCalls.class)
@ConditionalOnAvailableEndpoint(DurableCallsEndpoint.class)
public final class DurableCallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DurableCallsEndpoint threadMethodDurableCallsEndpoint(DurableCalls calls) {
		return new DurableCallsEndpoint(calls);
	}

}

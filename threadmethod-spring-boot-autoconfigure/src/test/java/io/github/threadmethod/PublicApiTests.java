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

import java.util.Set;

/**
 * Tests that the public types of each package of this module are the ones listed here,
 * each under why it is public, as read from the compiled classes; and that each says
 * since when it is there. A type that becomes public, or stops being public, fails this
 * test until it is listed, or taken off the list, under its reason.
 *
 * @author threadmethod contributors
 */
class PublicApiTests extends AbstractPublicApiTests {

	/**
	 * What applications import.
	 */
	// @formatter:off
	private static final Set<String> API = Set.of(
			"FireAndForget",
			"FireAndForgetExceptionHandler",
			"FireAndForgetCalls",
			"RunningCall",
			"FireAndForgetTask",
			"InvalidFireAndForgetMethodException",
			"IneffectiveFireAndForgetException",
			"test.AutoConfigureThreadMethod");
	// @formatter:on

	/**
	 * What a backend implements and uses, and the observation convention an application
	 * may replace.
	 */
	// @formatter:off
	private static final Set<String> SPI = Set.of(
			"FireAndForgetBackend",
			"FireAndForgetExecution",
			"KeyPolicy",
			"StoredCalls",
			"StoredCallRunner",
			"support.CurrentCall",
			"support.FireAndForgetAnnotations",
			"support.MethodDescriptions",
			"observation.FireAndForgetObservationConvention",
			"observation.DefaultFireAndForgetObservationConvention",
			"observation.FireAndForgetObservationContext",
			"observation.FireAndForgetObservationDocumentation");
	// @formatter:on

	/**
	 * What Spring Boot loads or binds: the auto-configurations, the properties (with
	 * their nested types) and the enums that are property values.
	 */
	// @formatter:off
	private static final Set<String> BOOT = Set.of(
			"autoconfigure.ThreadMethodAutoConfiguration",
			"autoconfigure.metrics.ThreadMethodMetricsAutoConfiguration",
			"autoconfigure.actuate.ThreadMethodEndpointAutoConfiguration",
			"autoconfigure.ThreadMethodProperties",
			"check.SelfInvocationCheck",
			"launch.ConcurrencyLimitPolicy",
			"launch.Dispatch");
	// @formatter:on

	/**
	 * The beans README.md lists under "Beans you can replace" that are not of a type
	 * listed above.
	 */
	// @formatter:off
	private static final Set<String> REPLACEABLE_BEANS = Set.of(
			"aop.FireAndForgetBeanPostProcessor",
			"launch.ThreadPerCallBackend",
			"metrics.FireAndForgetMetrics",
			"actuate.ThreadMethodEndpoint");
	// @formatter:on

	/**
	 * Public only because another package of ours uses them: not an API, as each says in
	 * its Javadoc.
	 */
	// @formatter:off
	private static final Set<String> WIRING = Set.of(
			"launch.CallLauncher",
			"launch.CallListener",
			"launch.CallMeters",
			"launch.LaunchSettings",
			"launch.TaskSettings",
			"launch.BuiltInBackend",
			"launch.SynchronousBackend",
			"support.KeyExpression",
			"check.MisuseRules",
			"check.IneffectiveUses",
			"autoconfigure.BackendAvailability");
	// @formatter:on

	PublicApiTests() {
		super(FireAndForget.class, API, SPI, WIRING, BOOT, REPLACEABLE_BEANS);
	}

}

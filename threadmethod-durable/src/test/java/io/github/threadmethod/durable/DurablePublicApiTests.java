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

import java.util.Set;

import io.github.threadmethod.AbstractPublicApiTests;

/**
 * Tests that the public types of the durable module are the ones listed here, each under
 * why it is public, as read from the compiled classes; and that each says since when it
 * is there.
 *
 * @author threadmethod contributors
 */
class DurablePublicApiTests extends AbstractPublicApiTests {

	/**
	 * What applications import.
	 */
	private static final Set<String> API = Set.of("durable.DurableCall", "durable.DurableCalls");

	/**
	 * What a backend implements and uses: the durable module adds none.
	 */
	private static final Set<String> SPI = Set.of();

	/**
	 * What Spring Boot loads.
	 */
	// @formatter:off
	private static final Set<String> BOOT = Set.of(
			"autoconfigure.durable.DurableAutoConfiguration",
			"autoconfigure.durable.actuate.DurableCallsEndpointAutoConfiguration");
	// @formatter:on

	/**
	 * The beans an application may replace with its own, as the core's endpoint.
	 */
	private static final Set<String> REPLACEABLE_BEANS = Set.of("durable.actuate.DurableCallsEndpoint");

	/**
	 * Public only because another package of ours uses them: not an API, as each says in
	 * its Javadoc.
	 */
	// @formatter:off
	private static final Set<String> WIRING = Set.of(
			"durable.DoneMarkCleanup",
			"durable.DurableBackend",
			"durable.DurableCallSerializer",
			"durable.DurableCallTask",
			"durable.DurableRetries",
			"durable.DurableRuntimeHints",
			"durable.DurableSchemaInitializer",
			"durable.DurableTableCheck",
			"durable.DurableTasks",
			"durable.EffectivelyOnce",
			"durable.LookedUpOnce",
			"durable.Jackson2CallFormat",
			"durable.Jackson3CallFormat",
			"durable.PostgresWakeUps",
			"durable.StoredCallFormat",
			"durable.StoredCallObservations",
			"durable.StoredCallOperations",

			"durable.StoredCallSizeMetrics",
			"durable.StoredCallSizes",
			"durable.UnknownCallsReport",
			"durable.WakeUpListener",
			"durable.WakeUpSender");
	// @formatter:on

	DurablePublicApiTests() {
		super(DurableBackend.class, API, SPI, WIRING, BOOT, REPLACEABLE_BEANS);
	}

}

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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.durable.StoredCallObservations.Observed;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoredCallObservations}: storing a call is a sender observation whose
 * carrier is stored with it, each attempt a receiver observation made from that carrier
 * and current while it runs, and nothing the observation does reaches the call.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class StoredCallObservationsTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final Handler handler = new Handler();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final StoredCallObservations observations = new StoredCallObservations(() -> this.registry);

	StoredCallObservationsTests() {
		this.registry.observationConfig().observationHandler(this.handler);
	}

	@Test
	void storingACallIsASenderObservationWhoseCarrierIsStoredWithTheCall() {
		Observed store = this.observations.store("Mailer.send", "Mailer.send/1");
		assertThat(store.carrier()).containsExactly(Map.entry("traceparent", TRACEPARENT));
		Observation.Context context = this.handler.started.get(0);
		assertThat(context).isInstanceOf(SenderContext.class);
		assertThat(context.getName()).isEqualTo("threadmethod.durable.store");
		assertThat(context.getContextualName()).isEqualTo("store Mailer.send");
		assertThat(context.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("task", "Mailer.send"));
		assertThat(context.getHighCardinalityKeyValues()).containsExactly(KeyValue.of("call.id", "Mailer.send/1"));
		assertThat(this.handler.stopped).isEmpty();
		store.end(null);
		assertThat(this.handler.stopped).containsExactly(context);
		assertThat(context.getError()).isNull();
	}

	@Test
	void anAttemptIsAReceiverObservationOfTheStoredTraceCurrentWhileItRuns() {
		Observed run = this.observations.run("Mailer.send", "Mailer.send/1", 2, Map.of("traceparent", TRACEPARENT));
		Observation.Context context = this.handler.started.get(0);
		assertThat(context).isInstanceOf(ReceiverContext.class);
		assertThat(this.handler.received).containsExactly(TRACEPARENT);
		assertThat(context.getName()).isEqualTo("threadmethod.durable.run");
		assertThat(context.getContextualName()).isEqualTo("run Mailer.send");
		assertThat(context.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("task", "Mailer.send"));
		assertThat(context.getHighCardinalityKeyValues())
			.containsExactlyInAnyOrder(KeyValue.of("call.id", "Mailer.send/1"), KeyValue.of("call.attempt", "2"));
		assertThat(this.registry.getCurrentObservation()).isNotNull()
			.satisfies((current) -> assertThat(current.getContext()).isSameAs(context));
		IllegalStateException failure = new IllegalStateException("mail server down");
		run.end(failure);
		assertThat(this.registry.getCurrentObservation()).isNull();
		assertThat(context.getError()).isSameAs(failure);
		assertThat(this.handler.stopped).containsExactly(context);
	}

	@Test
	void aRegistryThatObservesNothingGetsNoObservation() {
		StoredCallObservations observations = new StoredCallObservations(() -> ObservationRegistry.NOOP);
		assertThat(observations.store("Mailer.send", "Mailer.send/1")).isSameAs(Observed.NONE);
		assertThat(observations.run("Mailer.send", "Mailer.send/1", 1, Map.of())).isSameAs(Observed.NONE);
		Observed.NONE.end(new IllegalStateException("mail server down"));
		assertThat(Observed.NONE.carrier()).isEmpty();
	}

	@Test
	void aHandlerThatFailsIsLoggedOnceWithItsStackAndTheCallGoesOn(CapturedOutput output) {
		this.handler.failing = true;
		Observed store = this.observations.store("Mailer.send", "Mailer.send/1");
		store.end(new IllegalStateException("mail server down"));
		Observed run = this.observations.run("Mailer.send", "Mailer.send/1", 1, Map.of());
		run.end(new IllegalStateException("mail server down"));
		assertThat(this.registry.getCurrentObservation()).isNull();
		assertThat(output).containsOnlyOnce("Observation of a durable @FireAndForget call failed; the call itself "
				+ "is not affected (later failures are logged at DEBUG)");
		assertThat(output).contains("java.lang.IllegalStateException: handler failed on start").contains("\tat ");
	}

	@Test
	void aHandlerThatFailsOnceTheObservationStartedStillLetsItEnd(CapturedOutput output) {
		Observed run = this.observations.run("Mailer.send", "Mailer.send/1", 1, Map.of());
		this.handler.failing = true;
		run.end(new IllegalStateException("mail server down"));
		assertThat(this.registry.getCurrentObservation()).isNull();
		assertThat(this.handler.stopped).hasSize(1);
		assertThat(output)
			.containsOnlyOnce(
					"Observation of a durable @FireAndForget call failed; the call itself " + "is not affected")
			.contains("java.lang.IllegalStateException: handler failed on error");
	}

	/**
	 * Puts a trace into the carrier of each sender observation and reads it from each
	 * receiver's, as tracing handlers do; fails, when told to, as it starts, records an
	 * error or stops (a handler failing as a scope opens or closes leaves Micrometer's
	 * current observation behind, whoever catches it).
	 */
	private static final class Handler implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> started = new CopyOnWriteArrayList<>();

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		final List<String> received = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		@Override
		@SuppressWarnings("unchecked")
		public void onStart(Observation.Context context) {
			fail("start");
			this.started.add(context);
			if (context instanceof SenderContext<?> sender) {
				((SenderContext<Object>) sender).getSetter().set(sender.getCarrier(), "traceparent", TRACEPARENT);
			}
			if (context instanceof ReceiverContext<?> receiver) {
				String traceparent = ((ReceiverContext<Object>) receiver).getGetter()
					.get(receiver.getCarrier(), "traceparent");
				if (traceparent != null) {
					this.received.add(traceparent);
				}
			}
		}

		@Override
		public void onError(Observation.Context context) {
			fail("error");
		}

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
			fail("stop");
		}

		private void fail(String step) {
			if (this.failing) {
				throw new IllegalStateException("handler failed on " + step);
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}

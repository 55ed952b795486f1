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

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a durable task of a bean proxied by its interfaces (a JDK proxy) is found at
 * start-up and run through that proxy.
 *
 * @author threadmethod contributors
 */
class DurableInterfaceProxyTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	static final List<String> runs = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		runs.clear();
	}

	@Test
	void durableCallOfABeanProxiedByItsInterfacesIsStoredAndRun() {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:proxy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"db-scheduler.polling-interval=200ms", "spring.main.banner-mode=off",
					"spring.aop.proxy-target-class=false", "threadmethod.tasks[SmtpNotifier.announce].mode=durable")
			.run();
		Notifier notifier = this.context.getBean(Notifier.class);
		assertThat(AopUtils.isJdkDynamicProxy(notifier)).isTrue();
		notifier.announce("ada");
		await().atMost(WAIT).until(() -> runs.size() == 1);
		assertThat(runs).containsExactly("ada");
	}

	public interface Notifier {

		void announce(String to);

	}

	public static class SmtpNotifier implements Notifier {

		@Override
		@FireAndForget
		public void announce(String to) {
			runs.add(to);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		SmtpNotifier smtpNotifier() {
			return new SmtpNotifier();
		}

	}

}

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
package io.github.threadmethod.check;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ProxyType;
import org.springframework.context.annotation.Proxyable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a bean's own choice of proxy, {@code @Proxyable}, wins over
 * {@code spring.aop.proxy-target-class} and decides which methods can be intercepted.
 * {@code @Proxyable} came with Spring Framework 7, so these tests do not run on Spring
 * Boot 3.5 (see the {@code boot-3.5-tests} profile of this module's build).
 *
 * @author threadmethod contributors
 */
class ProxyableTests {

	private static final String UNDECLARED = " is declared by no interface of the bean's proxy";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void targetClassProxyableIsProxiedByClassWhateverTheProperty() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(TargetClassProxyable.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isCglibProxy(context.getBean(TargetClassProxyable.class))).isTrue();
			});
	}

	@Test
	void finalClassProxyableByItsInterfacesIsProxiedByThem() {
		this.contextRunner.withBean(FinalInterfacesProxyable.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Job.class))).isTrue();
		});
	}

	@Test
	void methodNoInterfaceDeclaresFailsStartupWhenProxyableByInterfaces() {
		this.contextRunner.withBean(InterfacesProxyableWithExtraMethod.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFireAndForgetMethodException.class)
				.hasMessageContaining(InterfacesProxyableWithExtraMethod.class.getName() + ".extra()" + UNDECLARED));
	}

	interface Job {

		void run();

	}

	@Proxyable(ProxyType.TARGET_CLASS)
	static class TargetClassProxyable implements Job {

		@Override
		@FireAndForget
		public void run() {
		}

		@FireAndForget
		public void extra() {
		}

	}

	@Proxyable(ProxyType.INTERFACES)
	static final class FinalInterfacesProxyable implements Job {

		@Override
		@FireAndForget
		public void run() {
		}

	}

	@Proxyable(ProxyType.INTERFACES)
	static class InterfacesProxyableWithExtraMethod implements Job {

		@Override
		@FireAndForget
		public void run() {
		}

		@FireAndForget
		public void extra() {
		}

	}

}

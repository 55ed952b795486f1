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
package io.github.threadmethod.autoconfigure.durable;

import java.lang.reflect.Method;
import java.util.Arrays;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StarterScheduler}: the durable mode runs only with the one scheduler
 * that db-scheduler's starter makes, with the serializer it installs.
 *
 * @author threadmethod contributors
 */
class StarterSchedulerTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@Test
	void theStartersSchedulerAloneIsTheOnly() {
		this.beanFactory.registerBeanDefinition("scheduler", starters());
		assertThat(StarterScheduler.isTheOnly(this.beanFactory)).isTrue();
	}

	@Test
	void aSchedulerOfTheApplicationsOwnBesideTheStartersIsNot() {
		this.beanFactory.registerBeanDefinition("scheduler", starters());
		this.beanFactory.registerBeanDefinition("ownScheduler", lazy(new RootBeanDefinition(Scheduler.class)));
		assertThat(StarterScheduler.isTheOnly(this.beanFactory)).isFalse();
	}

	@Test
	void aSchedulerTheApplicationMakesItselfIsNot() {
		this.beanFactory.registerBeanDefinition("ownScheduler", lazy(new RootBeanDefinition(Scheduler.class)));
		assertThat(StarterScheduler.isTheOnly(this.beanFactory)).isFalse();
	}

	@Test
	void noSchedulerIsNot() {
		assertThat(StarterScheduler.isTheOnly(this.beanFactory)).isFalse();
	}

	/**
	 * The definition of the scheduler that db-scheduler's starter makes, as its factory
	 * method has resolved it; never made.
	 */
	private static RootBeanDefinition starters() {
		Method factoryMethod = Arrays.stream(DbSchedulerAutoConfiguration.class.getDeclaredMethods())
			.filter((method) -> method.getReturnType() == Scheduler.class)
			.findFirst()
			.orElseThrow();
		RootBeanDefinition definition = new RootBeanDefinition(Scheduler.class);
		definition.setResolvedFactoryMethod(factoryMethod);
		return lazy(definition);
	}

	private static RootBeanDefinition lazy(RootBeanDefinition definition) {
		definition.setLazyInit(true);
		return definition;
	}

}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code @FireAndForget} on a method that creates a bean is found however the
 * definition names the method, and that a definition naming none is said to be unchecked.
 * The definitions are written as generated code and other registrars write them.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class FactoryMethodFindingsTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@Test
	void annotatedMethodNamedByAnInstanceSupplierIsFound() throws NoSuchMethodException {
		RootBeanDefinition definition = new RootBeanDefinition(Mailer.class);
		definition.setFactoryBeanName("factory");
		definition.setResolvedFactoryMethod(Factory.class.getDeclaredMethod("mailer"));
		register(definition);
		assertThat(FactoryMethodFindings.find(this.beanFactory)).singleElement()
			.asString()
			.startsWith("@FireAndForget on @Bean method FactoryMethodFindingsTests.Factory.mailer() has no effect");
	}

	@Test
	void annotatedMethodNamedOnlyByNameIsFound() {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setFactoryBeanName("factory");
		definition.setFactoryMethodName("mailer");
		register(definition);
		assertThat(FactoryMethodFindings.find(this.beanFactory)).singleElement()
			.asString()
			.startsWith("@FireAndForget on @Bean method FactoryMethodFindingsTests.Factory.mailer() has no effect");
	}

	@Test
	void plainMethodIsNotReported() {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setFactoryBeanName("factory");
		definition.setFactoryMethodName("plain");
		register(definition);
		assertThat(FactoryMethodFindings.find(this.beanFactory)).isEmpty();
	}

	@Test
	void definitionThatNamesNoMethodIsSaidToBeUncheckedOnce(CapturedOutput output) {
		RootBeanDefinition definition = new RootBeanDefinition(Mailer.class);
		definition.setFactoryBeanName("factory");
		definition.setInstanceSupplier(Mailer::new);
		register(definition);
		assertThat(FactoryMethodFindings.find(this.beanFactory)).isEmpty();
		assertThat(output).containsOnlyOnce("@FireAndForget on @Bean methods is not checked for beans 'mailer': "
				+ "their definitions, generated ahead of time, do not name the method that creates them");
	}

	@Test
	void beanMadeByItsConstructorIsNeitherReportedNorUnchecked(CapturedOutput output) {
		this.beanFactory.registerBeanDefinition("mailer", new RootBeanDefinition(Mailer.class, Mailer::new));
		assertThat(FactoryMethodFindings.find(this.beanFactory)).isEmpty();
		assertThat(output).doesNotContain("not checked");
	}

	private void register(RootBeanDefinition mailer) {
		this.beanFactory.registerBeanDefinition("factory", new RootBeanDefinition(Factory.class));
		this.beanFactory.registerBeanDefinition("mailer", mailer);
	}

	static class Factory {

		@FireAndForget
		Mailer mailer() {
			return new Mailer();
		}

		Mailer plain() {
			return new Mailer();
		}

	}

	static class Mailer {

	}

}

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

import java.util.ArrayList;
import java.util.List;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.aop.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.launch.BuiltInBackend;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.system.JavaVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link FireAndForget @FireAndForget} methods: the
 * post-processor that proxies annotated beans, the {@link CallLauncher} every call passes
 * through, the {@link ThreadPerCallBackend} that runs calls unless another backend is
 * declared, and the {@link FireAndForgetCalls account of calls}. The launcher also has a
 * backend of mode {@code synchronous}, which is not a bean: it never makes the thread
 * backend back off, nor the application's injection of its own backend ambiguous.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@AutoConfiguration
@Conditional(SupportedSpringBootCondition.class)
@ConditionalOnBooleanProperty(name = "threadmethod.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadMethodProperties.class)
@Import({ ThreadMethodContextConfigurations.MdcConfiguration.class,
		ThreadMethodContextConfigurations.ObservationConfiguration.class,
		ThreadMethodContextConfigurations.SecurityConfiguration.class })
@ImportRuntimeHints(ThreadMethodRuntimeHints.class)
public final class ThreadMethodAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TaskProperties threadMethodTaskProperties(Environment environment) {
		return new TaskProperties(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	static FireAndForgetBeanPostProcessor fireAndForgetBeanPostProcessor(Environment environment, TaskProperties tasks,
			ObjectProvider<CallLauncher> launcher) {
		FireAndForgetBeanPostProcessor postProcessor = new FireAndForgetBeanPostProcessor(launcher::getObject,
				tasks::isEnabled);
		postProcessor
			.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
		Binder binder = Binder.get(environment);
		// The condition on this class is evaluated when the context is processed ahead of
		// time, at build time: read the switch again here, so that an application built
		// that way can still be switched off when it runs
		postProcessor.setEnabled(binder.bind("threadmethod.enabled", Boolean.class).orElse(true));
		postProcessor.setSelfInvocationCheck(binder.bind("threadmethod.self-invocation", SelfInvocationCheck.class)
			.orElse(SelfInvocationCheck.WARN));
		return postProcessor;
	}

	@Bean
	@ConditionalOnMissingBean(FireAndForgetBackend.class)
	ThreadPerCallBackend threadPerCallBackend(ThreadMethodProperties properties, Environment environment) {
		ThreadMethodProperties.CallThread thread = properties.getThread();
		return new ThreadPerCallBackend(thread.getNamePrefix(), thread.isDaemon(),
				virtualThreads(properties, environment));
	}

	// Not replaceable: every guarantee of a call lives in the launcher, and it is built
	// from settings only this auto-configuration works out; a backend is what to replace
	@Bean
	CallLauncher callLauncher(ThreadMethodProperties properties, TaskProperties tasks,
			ObjectProvider<FireAndForgetBackend> backends,
			ObjectProvider<FireAndForgetExceptionHandler> exceptionHandler,
			ObjectProvider<BuiltInBackend> builtInBackends, ObjectProvider<TaskDecorator> taskDecorators,
			ObjectProvider<CallContextDecorator> contextDecorators,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<FireAndForgetObservationConvention> observationConvention, ResourceLoader resourceLoader) {
		List<FireAndForgetBackend> declared = backends.orderedStream().toList();
		List<FireAndForgetBackend> builtIn = builtInBackends.orderedStream().map(BuiltInBackend::backend).toList();
		CallLauncher launcher = new CallLauncher(
				LaunchSettingsMapper.map(properties, tasks, declared, builtIn, resourceLoader.getClassLoader()),
				LaunchSettingsMapper.backends(declared, builtIn));
		launcher.setTaskDecorator(taskDecorator(taskDecorators, contextDecorators));
		// Two handlers fail here, naming both, rather than one being picked quietly
		exceptionHandler.ifAvailable(launcher::setExceptionHandler);
		launcher.setObservation(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable());
		return launcher;
	}

	@Bean
	static ConfiguredTaskCheck fireAndForgetConfiguredTaskCheck(ConfigurableListableBeanFactory beanFactory,
			TaskProperties tasks) {
		return new ConfiguredTaskCheck(beanFactory, tasks);
	}

	@Bean
	static KeyPolicyCheck fireAndForgetKeyPolicyCheck(ConfigurableListableBeanFactory beanFactory,
			TaskProperties tasks) {
		return new KeyPolicyCheck(beanFactory, tasks);
	}

	// Not replaceable: the launcher, the endpoint and the meters keep the launcher's
	// account, whatever bean of this type the application would declare
	@Bean
	FireAndForgetCalls fireAndForgetCalls(CallLauncher launcher) {
		return launcher.getCalls();
	}

	private static boolean virtualThreads(ThreadMethodProperties properties, Environment environment) {
		Boolean virtual = properties.getThread().getVirtual();
		if (virtual == null) {
			// Boot's Threading.VIRTUAL, which Boot 4 moved to another package
			return environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
					&& JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE);
		}
		if (virtual && !JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.thread.virtual", true,
					"Virtual threads need Java 21 or later, but this JVM is Java " + JavaVersion.getJavaVersion());
		}
		return virtual;
	}

	/**
	 * Compose the user's decorators, in their order, inside the context decorators, as
	 * Spring Boot composes them for its own executors.
	 */
	private static @Nullable TaskDecorator taskDecorator(ObjectProvider<TaskDecorator> taskDecorators,
			ObjectProvider<CallContextDecorator> contextDecorators) {
		List<TaskDecorator> decorators = new ArrayList<>(taskDecorators.orderedStream().toList());
		contextDecorators.orderedStream().map(CallContextDecorator::decorator).forEach(decorators::add);
		if (decorators.isEmpty()) {
			return null;
		}
		return (decorators.size() == 1) ? decorators.get(0) : new CompositeTaskDecorator(decorators);
	}

}

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
import java.util.Map;
import java.util.function.Predicate;

import io.github.threadmethod.ConcurrencyLimit;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.aop.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetLauncher;
import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.TaskConcurrency;
import io.github.threadmethod.ThreadPerCallLauncher;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Concurrency;
import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link FireAndForget @FireAndForget} methods: proxies the beans
 * that have them and runs each call on a new thread made for it.
 *
 * @author threadmethod contributors
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "threadmethod.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadMethodProperties.class)
@Import({ ThreadMethodContextConfigurations.MdcConfiguration.class,
		ThreadMethodContextConfigurations.ObservationConfiguration.class,
		ThreadMethodContextConfigurations.SecurityConfiguration.class })
public final class ThreadMethodAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static FireAndForgetBeanPostProcessor fireAndForgetBeanPostProcessor(Environment environment,
			ObjectProvider<FireAndForgetLauncher> launcher) {
		FireAndForgetBeanPostProcessor postProcessor = new FireAndForgetBeanPostProcessor(launcher::getObject,
				enabledTasks(environment));
		postProcessor
			.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
		postProcessor.setSelfInvocationCheck(Binder.get(environment)
			.bind("threadmethod.self-invocation", SelfInvocationCheck.class)
			.orElse(SelfInvocationCheck.WARN));
		return postProcessor;
	}

	/**
	 * Read the task switches straight from the environment: the post-processor is created
	 * before configuration properties beans can be.
	 */
	private static Predicate<String> enabledTasks(Environment environment) {
		SingletonSupplier<Map<String, Task>> tasks = SingletonSupplier.of(() -> Binder.get(environment)
			.bind("threadmethod.tasks", Bindable.mapOf(String.class, Task.class))
			.orElse(Map.of()));
		return (taskName) -> {
			Task task = tasks.obtain().get(taskName);
			return task == null || task.isEnabled();
		};
	}

	@Bean
	@ConditionalOnMissingBean(FireAndForgetLauncher.class)
	ThreadPerCallLauncher fireAndForgetLauncher(ThreadMethodProperties properties, Environment environment,
			ObjectProvider<FireAndForgetExceptionHandler> exceptionHandler,
			ObjectProvider<TaskDecorator> taskDecorators, ObjectProvider<CallContextDecorator> contextDecorators) {
		ThreadPerCallLauncher launcher = new ThreadPerCallLauncher();
		launcher.setThreadNamePrefix(properties.getThread().getNamePrefix());
		launcher.setDaemon(properties.getThread().isDaemon());
		launcher.setVirtualThreads(virtualThreads(properties, environment));
		launcher.setShutdownTimeout(properties.getShutdown().getTimeout());
		launcher.setSlowCallThreshold(properties.getSlowCall().getThreshold());
		launcher.setConcurrencyLimit(globalLimit(properties.getConcurrency()));
		launcher.setTaskConcurrency((taskName) -> taskConcurrency(properties, taskName));
		launcher.setTaskDecorator(taskDecorator(taskDecorators, contextDecorators));
		// Two handlers fail here, naming both, rather than one being picked quietly
		exceptionHandler.ifAvailable(launcher::setExceptionHandler);
		return launcher;
	}

	/**
	 * The account of the calls that the {@link ThreadPerCallLauncher} starts; a launcher
	 * of another kind keeps no such account, and this bean is then absent.
	 */
	@Bean
	@ConditionalOnBean(ThreadPerCallLauncher.class)
	@ConditionalOnMissingBean
	FireAndForgetCalls fireAndForgetCalls(ThreadPerCallLauncher launcher) {
		return launcher.getCalls();
	}

	static boolean virtualThreads(ThreadMethodProperties properties, Environment environment) {
		Boolean virtual = properties.getThread().getVirtual();
		if (virtual == null) {
			return Threading.VIRTUAL.isActive(environment);
		}
		if (virtual && !JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			throw new InvalidConfigurationPropertyValueException("threadmethod.thread.virtual", true,
					"Virtual threads need Java 21 or later, but this JVM is Java " + JavaVersion.getJavaVersion());
		}
		return virtual;
	}

	private static @Nullable ConcurrencyLimit globalLimit(Concurrency concurrency) {
		Integer limit = concurrency.getLimit();
		return (limit != null) ? new ConcurrencyLimit(limit, concurrency.getPolicy(), concurrency.getMaxWait()) : null;
	}

	private static @Nullable TaskConcurrency taskConcurrency(ThreadMethodProperties properties, String taskName) {
		Task task = properties.getTasks().get(taskName);
		ThreadMethodProperties.TaskConcurrency concurrency = (task != null) ? task.getConcurrency() : null;
		if (concurrency == null || (concurrency.getLimit() == null && concurrency.getPolicy() == null
				&& concurrency.getMaxWait() == null)) {
			return null;
		}
		Concurrency defaults = properties.getConcurrency();
		return new TaskConcurrency(concurrency.getLimit(),
				(concurrency.getPolicy() != null) ? concurrency.getPolicy() : defaults.getPolicy(),
				(concurrency.getMaxWait() != null) ? concurrency.getMaxWait() : defaults.getMaxWait());
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

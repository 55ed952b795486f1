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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForgetTask;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.durable.StoredCallFormat.StoredCall;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import io.github.threadmethod.support.MethodDescriptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The tasks in the durable mode, by name, found once among the bean definitions: the only
 * beans and methods a stored call can run. Finding them checks them, failing start-up
 * naming the method: a task must be declared by one bean only (the stored call names it),
 * and its parameter types must reach the body as they were passed. The engine's threads
 * wait for start-up to be over before they run a stored call, so that none is run against
 * half-made beans, and run its body on the bean's {@linkplain BodyProxies body proxy}.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class DurableTasks implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(DurableTasks.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final Predicate<String> inDurableMode;

	private final BooleanSupplier serializerInstalled;

	private final ParameterTypes parameterTypes;

	private final BodyProxies bodies;

	// Counted down once start-up is over, or the context closes without it
	private final CountDownLatch settled = new CountDownLatch(1);

	private volatile boolean ready;

	// Read by every call, stored or run: found once, then read without a lock
	private final Supplier<Map<String, DurableTask>> tasks = new LookedUpOnce<>(this::find);

	/**
	 * Create the registry of the durable tasks among the given bean factory's beans.
	 * @param beanFactory the bean factory
	 * @param inDurableMode tells, by task name, whether a task is enabled and in the
	 * durable mode; asked once per task, when the tasks are first looked up
	 * @param launchingAdvisor tells, among the advisors of a bean's proxy, the one that
	 * launches {@code @FireAndForget} calls, which a stored call's body runs without
	 * @param serializerInstalled tells, at the end of start-up, whether the scheduler
	 * reads the rows of stored calls with the {@link DurableCallSerializer}
	 * @param format the format of the stored calls, whose mapper the parameter types of
	 * the tasks are checked with
	 * @param lossyTypesAllowed the names of the classes whose properties the format loses
	 * that the application accepts to lose
	 * ({@code threadmethod.durable.allow-lossy-types})
	 */
	public DurableTasks(ConfigurableListableBeanFactory beanFactory, Predicate<String> inDurableMode,
			Predicate<Advisor> launchingAdvisor, BooleanSupplier serializerInstalled, StoredCallFormat format,
			Collection<String> lossyTypesAllowed) {
		this.beanFactory = beanFactory;
		this.inDurableMode = inDurableMode;
		this.serializerInstalled = serializerInstalled;
		this.parameterTypes = new ParameterTypes(format.types(), beanFactory, lossyTypesAllowed);
		this.bodies = new BodyProxies(beanFactory, launchingAdvisor);
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, DurableTask> tasks = tasks();
		if (!tasks.isEmpty() && !this.serializerInstalled.getAsBoolean()) {
			throw new IllegalStateException("@FireAndForget tasks " + tasks.keySet() + " are in the durable mode, "
					+ "but db-scheduler's Scheduler was not made by its Spring Boot starter with a "
					+ "DbSchedulerCustomizer bean: threadmethod cannot then make sure that no stored call is ever read "
					+ "by Java serialization. Let the starter make the Scheduler.");
		}
		this.bodies.prepare(tasks.values());
		this.ready = true;
		this.settled.countDown();
	}

	@Override
	public void destroy() {
		this.settled.countDown();
	}

	/**
	 * Wait until start-up is over, for an engine's thread that is to run a stored call.
	 * @throws IllegalStateException if the context closes first, or the wait is cut short
	 */
	void awaitReady(Duration timeout) {
		try {
			if (this.settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && this.ready) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IllegalStateException("The application did not finish starting; the durable call is tried again");
	}

	/**
	 * Return what runs the body of a call of the given task: its bean with the bean's
	 * advice but the advisor that launches calls. Asked before the call runs, so that a
	 * bean that cannot be had (a scope not active) fails the attempt outside its body.
	 */
	Object bodyOf(DurableTask task) {
		return this.bodies.proxyOf(task);
	}

	/**
	 * Return the durable task of the given name.
	 */
	@Nullable DurableTask get(String taskName) {
		return tasks().get(taskName);
	}

	/**
	 * Return the durable task that runs the given stored call: the task it names, if that
	 * task runs the bean and method it names.
	 * @throws UnknownCallException if there is no such task here, such as a call stored
	 * by another version of the application
	 */
	DurableTask resolve(StoredCall stored) {
		DurableTask task = get(stored.task());
		if (task == null) {
			throw new UnknownCallException(stored.task(), "it is a call of task '" + stored.task()
					+ "', which is not a @FireAndForget task in the durable mode in this application");
		}
		if (!task.beanName().equals(stored.bean()) || !task.signature().equals(stored.method())) {
			throw new UnknownCallException(stored.task(),
					"it is a call of task '" + stored.task() + "' to bean '" + stored.bean() + "', method "
							+ stored.method() + ", but in this application that task runs bean '" + task.beanName()
							+ "', method " + task.signature());
		}
		return task;
	}

	Map<String, DurableTask> tasks() {
		return this.tasks.get();
	}

	private Map<String, DurableTask> find() {
		Map<String, List<DurableTask>> byName = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
			if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
				continue;
			}
			Class<?> beanClass = FireAndForgetAnnotations.beanClass(this.beanFactory, beanName);
			if (beanClass == null || !FireAndForgetAnnotations.mentionsFireAndForget(beanClass)) {
				continue;
			}
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass,
					ReflectionUtils.USER_DECLARED_METHODS)) {
				Method specific = AopUtils.getMostSpecificMethod(method, beanClass);
				if (!FireAndForgetAnnotations.isFireAndForget(specific)) {
					continue;
				}
				String taskName = FireAndForgetAnnotations.taskName(specific, beanClass);
				if (this.inDurableMode.test(taskName)) {
					byName.computeIfAbsent(taskName, (key) -> new ArrayList<>())
						.add(new DurableTask(new FireAndForgetTask(taskName, specific, beanClass), beanName, specific));
				}
			}
		}
		Map<String, DurableTask> tasks = new LinkedHashMap<>();
		// Every problem of a bean class at once, as the misuse rules report them
		Map<Class<?>, List<String>> problems = new LinkedHashMap<>();
		byName.forEach((name, candidates) -> {
			DurableTask task = candidates.get(0);
			tasks.put(name, task);
			problems.computeIfAbsent(task.task().getBeanClass(), (key) -> new ArrayList<>())
				.addAll(check(name, candidates));
		});
		problems.forEach((beanClass, found) -> {
			if (!found.isEmpty()) {
				throw new InvalidFireAndForgetMethodException(beanClass, found);
			}
		});
		return Map.copyOf(tasks);
	}

	private List<String> check(String taskName, List<DurableTask> candidates) {
		DurableTask task = candidates.get(0);
		List<String> problems = new ArrayList<>();
		List<String> overloads = candidates.stream()
			.filter((other) -> other.beanName().equals(task.beanName()) && !other.method().equals(task.method()))
			.map((other) -> MethodDescriptions.brief(other.method()))
			.distinct()
			.toList();
		if (!overloads.isEmpty()) {
			problems.add(MethodDescriptions.qualified(task.method()) + " runs as task '" + taskName
					+ "' in the durable mode, as do its overloads " + String.join(", ", overloads) + " of bean '"
					+ task.beanName() + "': a stored call names its task, which must be one method's; "
					+ "give each overload its own task name, with @FireAndForget(\"...\"), or its own method name");
		}
		List<String> otherBeans = candidates.stream()
			.map(DurableTask::beanName)
			.filter((beanName) -> !beanName.equals(task.beanName()))
			.distinct()
			.toList();
		if (!otherBeans.isEmpty()) {
			problems.add(MethodDescriptions.qualified(task.method()) + " of bean '" + task.beanName()
					+ "' runs as task '" + taskName + "' in the durable mode, as do the methods of other beans ("
					+ String.join(", ", otherBeans)
					+ "): a stored call names its task, which must be one bean's; give each its own task name");
		}
		ParameterTypes.Findings parameters = this.parameterTypes.check(task.method());
		problems.addAll(parameters.problems());
		parameters.warnings().forEach(logger::warn);
		return problems;
	}

}

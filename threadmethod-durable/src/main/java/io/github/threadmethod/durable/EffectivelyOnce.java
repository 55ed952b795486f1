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

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.threadmethod.StoredCallRunner.Body;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Runs the bodies of the durable tasks whose effects are {@code once}: each in a
 * transaction on the database of db-scheduler's table, which also writes the mark that
 * the call is done (see {@link DoneMarks}), so that the body's writes there and the mark
 * commit together or not at all. A run of a call marked done completes it without running
 * its body: its instance died after the commit, before db-scheduler removed the call. The
 * transaction is the body's own {@code @Transactional}'s, which joins it, with the same
 * transaction manager: the one of that database.
 *
 * <p>
 * The mark is written first, so that a second run of the call at once (a run revived
 * while the first still runs) waits for the first to end, on a database with row locks,
 * and then finds it done: the mark's primary key, not the read before, is what keeps a
 * body from committing twice. That read is only for the runs after a first attempt: a
 * call is marked done only by a run that committed, and a run that committed without
 * completing the call died with its instance, which counts as a failed attempt. At
 * start-up, once the beans are made, it refuses, naming the task and the reason, a task
 * where the mark cannot commit with the body's writes: one not in the durable mode, no
 * transaction manager of that database, a body whose {@code @Transactional} names another
 * one or suspends the transaction, or no table of the marks.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class EffectivelyOnce implements SmartInitializingSingleton {

	// The task's logger, whose runs these are
	private static final Log logger = LogFactory.getLog(DurableCallTask.class);

	private static final List<Integer> SUSPENDING = List.of(TransactionDefinition.PROPAGATION_REQUIRES_NEW,
			TransactionDefinition.PROPAGATION_NOT_SUPPORTED, TransactionDefinition.PROPAGATION_NEVER);

	private final DurableTasks tasks;

	private final ListableBeanFactory beanFactory;

	private final Supplier<DataSource> dataSource;

	private final Predicate<String> once;

	private final Predicate<String> ownProperty;

	private final Collection<String> onceByOwnProperty;

	private final Function<String, String> modeOf;

	private final Supplier<Settled> settled = new LookedUpOnce<>(this::settle);

	/**
	 * Create the runs of the bodies of the tasks whose effects are {@code once}.
	 * @param tasks the tasks in the durable mode
	 * @param beanFactory the bean factory of the transaction managers
	 * @param dataSource supplies the database of db-scheduler's table
	 * @param once tells, by task name, whether a task's effects are {@code once}
	 * @param ownProperty tells, by task name, whether a task sets its effects itself,
	 * rather than following {@code threadmethod.durable.effects}
	 * @param onceByOwnProperty the tasks whose own property sets their effects to
	 * {@code once}
	 * @param modeOf tells the mode of a task, by its name
	 */
	public EffectivelyOnce(DurableTasks tasks, ListableBeanFactory beanFactory, Supplier<DataSource> dataSource,
			Predicate<String> once, Predicate<String> ownProperty, Collection<String> onceByOwnProperty,
			Function<String, String> modeOf) {
		this.tasks = tasks;
		this.beanFactory = beanFactory;
		this.dataSource = dataSource;
		this.once = once;
		this.ownProperty = ownProperty;
		this.onceByOwnProperty = List.copyOf(onceByOwnProperty);
		this.modeOf = modeOf;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String taskName : this.onceByOwnProperty) {
			String mode = this.modeOf.apply(taskName);
			if (!DurableBackend.MODE.equals(mode)) {
				throw refused(taskName, "it runs in the " + mode + " mode, where no stored call marks itself done: "
						+ "'once' is for the durable mode only. Run the task in the durable mode, or remove the setting");
			}
		}
		Settled settled = this.settled.get();
		if (!settled.transactions().isEmpty()) {
			try {
				settled.marks().check();
			}
			catch (BadSqlGrammarException ex) {
				throw new IllegalStateException("@FireAndForget tasks " + settled.transactions().keySet()
						+ " have effects 'once', but the table of their done marks, '" + DoneMarks.TABLE
						+ "', cannot be read in " + DurableTableCheck.describe(settled.marks().dataSource())
						+ ": create it beside "
						+ "db-scheduler's table (threadmethod.durable.initialize-schema does, and "
						+ "docs/durable-mode.md shows its SQL)", ex);
			}
			catch (DataAccessException ex) {
				// A database that cannot be reached is not a missing table
				logger.warn("Could not check that the table of the done marks, '" + DoneMarks.TABLE + "', exists in "
						+ DurableTableCheck.describe(settled.marks().dataSource()) + ": " + ex.getMessage());
			}
		}
	}

	/**
	 * Tell whether any task's effects are {@code once}.
	 */
	boolean isUsed() {
		return !this.settled.get().transactions().isEmpty();
	}

	/**
	 * Return the marks of the calls done.
	 */
	DoneMarks marks() {
		return this.settled.get().marks();
	}

	/**
	 * Tell whether the given call is of a task whose effects are {@code once} and is
	 * marked done already: its body committed, and the call is only to be completed.
	 */
	boolean isDone(String taskName, String id, @Nullable String stored) {
		Settled settled = this.settled.get();
		if (!settled.transactions().containsKey(taskName) || !settled.marks().isDone(id, stored)) {
			return false;
		}
		logger.debug("Durable @FireAndForget call '" + id + "' is marked done already: its body committed, and the "
				+ "call is completed without running it again");
		return true;
	}

	/**
	 * Return the body of the given call as it runs: in a transaction that marks the call
	 * done, for a task whose effects are {@code once}; as given for another.
	 */
	Body body(DurableTask task, String id, @Nullable String stored, Body body) {
		Settled settled = this.settled.get();
		TransactionTemplate transaction = settled.transactions().get(task.name());
		if (transaction == null) {
			return body;
		}
		DoneMarks marks = settled.marks();
		return () -> {
			try {
				transaction.executeWithoutResult((status) -> {
					try {
						marks.mark(id, stored);
					}
					catch (DuplicateKeyException ex) {
						// A run at once with this one committed first
						status.setRollbackOnly();
						logger.debug("Durable @FireAndForget call '" + id + "' was marked done by another run: "
								+ "its body is not run again");
						return;
					}
					try {
						body.run();
					}
					catch (Throwable ex) {
						throw new BodyThrew(ex);
					}
				});
			}
			catch (BodyThrew ex) {
				throw ex.thrown;
			}
		};
	}

	/**
	 * Return what is found once, when first asked, once the beans are made: the database
	 * and the transaction of each task whose effects are {@code once}.
	 */
	private Settled settle() {
		DataSource dataSource = unwrap(this.dataSource.get());
		return new Settled(new DoneMarks(dataSource, Clock.systemUTC()), resolve(dataSource));
	}

	private Map<String, TransactionTemplate> resolve(DataSource dataSource) {
		Map<String, TransactionTemplate> transactions = new LinkedHashMap<>();
		AnnotationTransactionAttributeSource attributes = new AnnotationTransactionAttributeSource(false);
		this.tasks.tasks().forEach((taskName, task) -> {
			if (this.once.test(taskName)) {
				TransactionAttribute attribute = attributes.getTransactionAttribute(task.method(),
						task.task().getBeanClass());
				transactions.put(taskName, new TransactionTemplate(managerOf(task, attribute, dataSource)));
			}
		});
		return Map.copyOf(transactions);
	}

	/**
	 * Return the transaction manager that the given task's body runs with: its
	 * {@code @Transactional}'s, which must be the one of db-scheduler's database, or the
	 * one of that database.
	 */
	private PlatformTransactionManager managerOf(DurableTask task, @Nullable TransactionAttribute attribute,
			DataSource dataSource) {
		if (attribute != null && SUSPENDING.contains(attribute.getPropagationBehavior())) {
			throw refused(task.name(),
					"the @Transactional of " + task.method().getName()
							+ " suspends the transaction that would mark the call done with its writes ("
							+ propagation(attribute.getPropagationBehavior())
							+ "). Let it join the transaction (REQUIRED, the default)");
		}
		String qualifier = (attribute != null) ? attribute.getQualifier() : null;
		if (StringUtils.hasText(qualifier)) {
			TransactionManager named;
			try {
				named = BeanFactoryAnnotationUtils.qualifiedBeanOfType(this.beanFactory, TransactionManager.class,
						qualifier);
			}
			catch (BeansException ex) {
				throw refused(task.name(), "the transaction manager '" + qualifier + "' that the @Transactional of "
						+ task.method().getName() + " names cannot be had: " + ex.getMessage());
			}
			if (!(named instanceof PlatformTransactionManager manager) || !manages(manager, dataSource)) {
				throw refused(task.name(), "the @Transactional of " + task.method().getName()
						+ " names the transaction manager '" + qualifier + "', which is not the one of "
						+ "db-scheduler's database, where the call is marked done. Name that database's manager");
			}
			return manager;
		}
		TransactionManager fallback = this.beanFactory.getBeanProvider(TransactionManager.class).getIfUnique();
		if (fallback instanceof PlatformTransactionManager manager && manages(manager, dataSource)) {
			return manager;
		}
		if (attribute != null) {
			throw refused(task.name(), "the @Transactional of " + task.method().getName() + " uses the default "
					+ "transaction manager, which is "
					+ ((fallback != null) ? "not the one of db-scheduler's database" : "not one bean of several")
					+ ", where the call is marked done. Name that database's manager in the @Transactional");
		}
		List<PlatformTransactionManager> candidates = this.beanFactory.getBeanProvider(PlatformTransactionManager.class)
			.orderedStream()
			.filter((manager) -> manages(manager, dataSource))
			.toList();
		if (candidates.size() != 1) {
			throw refused(task.name(), (candidates.isEmpty()) ? "no transaction manager bean manages "
					+ "db-scheduler's database, where the call is marked done in the transaction of its writes. "
					+ "Declare one (Spring Boot's JDBC or JPA starter does)"
					: candidates.size() + " transaction managers manage db-scheduler's database. Make one primary, "
							+ "or name it in a @Transactional on the method");
		}
		return candidates.get(0);
	}

	/**
	 * Tell whether the given transaction manager binds the connections of db-scheduler's
	 * database: a JDBC one's resource, or a JPA one's {@code dataSource}.
	 */
	private static boolean manages(PlatformTransactionManager manager, DataSource dataSource) {
		if (manager instanceof ResourceTransactionManager resources
				&& resources.getResourceFactory() instanceof DataSource managed) {
			return unwrap(managed) == dataSource;
		}
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(manager);
		return properties.isReadableProperty("dataSource")
				&& properties.getPropertyValue("dataSource") instanceof DataSource managed
				&& unwrap(managed) == dataSource;
	}

	/**
	 * Return the given database as a transaction manager binds it: db-scheduler's starter
	 * hands the scheduler a transaction-aware proxy of it.
	 */
	private static DataSource unwrap(DataSource dataSource) {
		if (dataSource instanceof TransactionAwareDataSourceProxy proxy) {
			DataSource target = proxy.getTargetDataSource();
			if (target != null) {
				return target;
			}
		}
		return dataSource;
	}

	private static String propagation(int behavior) {
		return switch (behavior) {
			case TransactionDefinition.PROPAGATION_REQUIRES_NEW -> "REQUIRES_NEW";
			case TransactionDefinition.PROPAGATION_NOT_SUPPORTED -> "NOT_SUPPORTED";
			default -> "NEVER";
		};
	}

	private InvalidConfigurationPropertyValueException refused(String taskName, String reason) {
		String property = this.ownProperty.test(taskName) ? "threadmethod.tasks[" + taskName + "].durable.effects"
				: "threadmethod.durable.effects";
		return new InvalidConfigurationPropertyValueException(property, "once",
				"Task '" + taskName + "' cannot have its effects 'once': " + reason
						+ ", or leave its effects 'at-least-once' and make its body idempotent");
	}

	/**
	 * The marks, and the transaction of each task whose effects are {@code once}, by task
	 * name.
	 */
	private record Settled(DoneMarks marks, Map<String, TransactionTemplate> transactions) {

	}

	/**
	 * What the body threw, carried out of the transaction, which it rolls back.
	 */
	@SuppressWarnings("serial")
	private static final class BodyThrew extends RuntimeException {

		private final Throwable thrown;

		BodyThrew(Throwable thrown) {
			super(null, thrown, false, false);
			this.thrown = thrown;
		}

	}

}

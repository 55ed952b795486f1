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

import java.io.Reader;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.ui.Model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the start-up check of the parameter types of durable tasks
 * ({@link ParameterTypes}), through {@link DurableTasks}: each kind of type that cannot
 * survive a stored call is refused naming the parameter and why, and data is accepted.
 *
 * @author threadmethod contributors
 */
class DurableParameterTypesTests {

	private static final String NO_TYPE = "Object (or an unbound type variable) does not say what to read back";

	private static final String NOT_SAID = "does not say what";

	private static final String CODE = "reading it back would load code that the data names";

	private static final String STREAM = "a stream is consumed once, where it was opened; pass what it holds";

	private static final String LIVE = "a thread, a connection or another live resource lives in one JVM only";

	private static final String FUNCTION = "a function is code, not data";

	private static final String REQUEST = "request and security state belong to the caller's thread; pass the values "
			+ "the body needs";

	private static final String BEAN = "a Spring bean is a live object of this JVM; inject it into the bean that "
			+ "declares the method";

	private static final String ABSTRACT = "an abstract type does not say what to read back; declare a concrete type, "
			+ "or name its subtypes with @JsonTypeInfo(use = NAME) and @JsonSubTypes";

	private static final String CLASS_NAMES = "@JsonTypeInfo with class names would let the data choose a class; use "
			+ "names (use = NAME)";

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void eachParameterThatCannotSurviveAStoredCallIsRefusedNamingItAndWhy() {
		List<String> problems = problems(Misused.class);
		assertThat(problem(problems, "anything")).endsWith(NO_TYPE);
		assertThat(problem(problems, "someOf")).contains(NOT_SAID).doesNotContain(NO_TYPE);
		assertThat(problem(problems, "all")).contains(NOT_SAID).doesNotContain(NO_TYPE);
		assertThat(problem(problems, "raw")).contains(NOT_SAID);
		assertThat(problem(problems, "keyed")).contains(NOT_SAID);
		assertThat(problem(problems, "type")).endsWith(CODE);
		assertThat(problem(problems, "method")).endsWith(CODE);
		assertThat(problem(problems, "reader")).endsWith(STREAM);
		assertThat(problem(problems, "lines")).endsWith(STREAM);
		assertThat(problem(problems, "thread")).endsWith(LIVE);
		assertThat(problem(problems, "executor")).endsWith(LIVE);
		assertThat(problem(problems, "result")).endsWith(LIVE);
		assertThat(problem(problems, "lock")).endsWith(LIVE);
		assertThat(problem(problems, "connection")).endsWith(LIVE);
		assertThat(problem(problems, "supplier")).endsWith(FUNCTION);
		assertThat(problem(problems, "work")).endsWith(FUNCTION);
		assertThat(problem(problems, "callable")).endsWith(FUNCTION);
		assertThat(problem(problems, "formatter")).endsWith(FUNCTION);
		assertThat(problem(problems, "suppliers")).endsWith(FUNCTION);
		assertThat(problem(problems, "works")).endsWith(FUNCTION);
		assertThat(problem(problems, "maybe")).endsWith(FUNCTION);
		assertThat(problem(problems, "model")).endsWith(REQUEST);
		assertThat(problem(problems, "applicationContext")).endsWith(BEAN);
		assertThat(problem(problems, "beanFactory")).endsWith(BEAN);
		assertThat(problem(problems, "audit")).endsWith(BEAN);
		assertThat(problem(problems, "shape")).endsWith(ABSTRACT);
		assertThat(problem(problems, "number")).contains("does not say");
		assertThat(problem(problems, "byClass")).endsWith(CLASS_NAMES);
		assertThat(problem(problems, "byMinimalClass")).endsWith(CLASS_NAMES);
		assertThat(problem(problems, "byCustom")).endsWith(CLASS_NAMES);
		assertThat(problems).hasSize(30);
	}

	@Test
	void dataIsAccepted() {
		this.context.registerBean("wellTyped", WellTyped.class);
		DurableTasks tasks = tasks();
		assertThat(tasks.tasks()).hasSize(WellTyped.class.getDeclaredMethods().length);
	}

	private List<String> problems(Class<?> beanClass) {
		this.context.registerBean("audit", Audit.class);
		this.context.registerBean("misused", beanClass);
		InvalidFireAndForgetMethodException failure = catchThrowableOfType(InvalidFireAndForgetMethodException.class,
				tasks()::tasks);
		assertThat(failure).isNotNull();
		assertThat(failure.getBeanClass()).isEqualTo(beanClass);
		return failure.getProblems();
	}

	/**
	 * Return the one problem found with the parameter of the given name.
	 */
	private static String problem(List<String> problems, String parameter) {
		List<String> found = problems.stream()
			.filter((problem) -> problem.contains(" parameter '" + parameter + "' "))
			.toList();
		assertThat(found).as(parameter).hasSize(1);
		return found.get(0);
	}

	/**
	 * The durable tasks of every {@code @FireAndForget} method of the context's beans.
	 */
	private DurableTasks tasks() {
		this.context.refresh();
		return new DurableTasks(this.context.getBeanFactory(), (taskName) -> true, (advisor) -> false, () -> true,
				StoredCallFormats.jackson2(), Set.of());
	}

	public static class Misused {

		@FireAndForget
		public void keep(Object anything) {
		}

		@FireAndForget
		public void keepSome(List<?> someOf) {
		}

		@FireAndForget
		public void keepAll(Object[] all) {
		}

		@FireAndForget
		@SuppressWarnings("rawtypes")
		public void keepRaw(List raw) {
		}

		@FireAndForget
		public void keepKeyed(Map<String, Object> keyed) {
		}

		@FireAndForget
		public void pick(Class<?> type) {
		}

		@FireAndForget
		public void call(Method method) {
		}

		@FireAndForget
		public void read(Reader reader) {
		}

		@FireAndForget
		public void readLines(Iterator<String> lines) {
		}

		@FireAndForget
		public void join(Thread thread) {
		}

		@FireAndForget
		public void submit(ExecutorService executor) {
		}

		@FireAndForget
		public void complete(CompletableFuture<String> result) {
		}

		@FireAndForget
		public void unlock(Lock lock) {
		}

		@FireAndForget
		public void query(Connection connection) {
		}

		@FireAndForget
		public void supply(Supplier<String> supplier) {
		}

		@FireAndForget
		public void run(Runnable work) {
		}

		@FireAndForget
		public void callBack(Callable<String> callable) {
		}

		@FireAndForget
		public void format(Formatter formatter) {
		}

		@FireAndForget
		public void supplyAll(List<Supplier<String>> suppliers) {
		}

		@FireAndForget
		public void runAll(Runnable[] works) {
		}

		@FireAndForget
		public void runMaybe(Optional<Runnable> maybe) {
		}

		@FireAndForget
		public void render(Model model) {
		}

		@FireAndForget
		public void lookUp(ApplicationContext applicationContext) {
		}

		@FireAndForget
		public void create(BeanFactory beanFactory) {
		}

		@FireAndForget
		public void record(Audit audit) {
		}

		@FireAndForget
		public void draw(Shape shape) {
		}

		@FireAndForget
		public void count(Number number) {
		}

		@FireAndForget
		public void readClass(ByClass byClass) {
		}

		@FireAndForget
		public void readMinimalClass(ByMinimalClass byMinimalClass) {
		}

		@FireAndForget
		public void readCustom(ByCustom byCustom) {
		}

	}

	public static class WellTyped {

		@FireAndForget
		public void send(String to, int copies, Integer count, Long total, Boolean urgent, Character mark) {
		}

		@FireAndForget
		public void sendAll(List<String> to, Map<String, Integer> counts, Optional<String> subject, String[] cc,
				int[] pages) {
		}

		@FireAndForget
		public void sendLetter(Letter letter, Priority priority, LocalDate on, BigDecimal price) {
		}

		@FireAndForget
		public void sendShape(Shape.Named shape) {
		}

		@FireAndForget
		public void sendTyped(Typed typed) {
		}

	}

	public static class Audit {

	}

	@FunctionalInterface
	interface Formatter {

		String format(String text);

	}

	interface Shape {

		@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
		@JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
		interface Named {

		}

		record Circle(int radius) implements Named {

		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes(@JsonSubTypes.Type(value = Square.class, name = "square"))
	abstract static class Typed {

	}

	static class Square extends Typed {

		public int side;

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	static class ByClass {

		public int value;

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
	static class ByMinimalClass {

		public int value;

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM)
	static class ByCustom {

		public int value;

	}

	record Letter(String subject, List<Integer> pages) {

	}

	enum Priority {

		LOW, HIGH

	}

}

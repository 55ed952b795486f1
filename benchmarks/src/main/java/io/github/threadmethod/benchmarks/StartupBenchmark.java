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
package io.github.threadmethod.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Refresh time of a context of 1,000 beans of distinct classes, 100 of them with
 * {@code @FireAndForget} methods: without the starter, with it, and with it finding a
 * call on {@code this} in each of the 100 (the bytecode check's worst case).
 * <p>
 * Each refresh, warm-up or measured, is of classes that no refresh has seen before,
 * generated before it outside the measured time, as an application's start-up sees its
 * classes for the first time: no cache of Spring's (reflection, annotations, proxy
 * classes) or of the starter's is warm from the refresh before. What the warm-up
 * refreshes warm is the code that refreshes (the JIT's work), and every variant gets the
 * same count of them, of a context of the same number of classes. The heap is collected
 * before each refresh, so that no refresh pays for the garbage of the one before.
 *
 * @author threadmethod contributors
 */
@State(Scope.Benchmark)
public class StartupBenchmark {

	static final int BEANS = 1_000;

	static final int FIRE_AND_FORGET_BEANS = 100;

	/**
	 * What the context holds besides the beans.
	 */
	public enum Starter {

		/** No starter: the annotated beans are plain beans. */
		WITHOUT,

		/** The starter, with nothing to report. */
		WITH,

		/** The starter, reporting a call on {@code this} in each annotated bean. */
		WITH_FINDINGS,

		/**
		 * No starter, but {@code @EnableAsync} and {@code @Async} on the same methods:
		 * what proxying those beans costs with Spring's own annotation.
		 */
		ASYNC

	}

	@Param
	public Starter starter;

	private List<Class<?>> beanClasses;

	private GeneratedClasses classLoader;

	private int generation;

	@Setup(Level.Invocation)
	public void generateClasses() {
		Class<?> annotatedBase = switch (this.starter) {
			case WITH_FINDINGS -> SelfCallingBean.class;
			case ASYNC -> AsyncBean.class;
			default -> AnnotatedBean.class;
		};
		this.generation++;
		// A loader per refresh: its classes, and the proxies made of them, go with it
		this.classLoader = new GeneratedClasses(getClass().getClassLoader());
		this.beanClasses = new ArrayList<>(BEANS);
		for (int i = 0; i < BEANS; i++) {
			this.beanClasses.add(subclass((i < FIRE_AND_FORGET_BEANS) ? annotatedBase : PlainBean.class, i));
		}
		// Outside the measured time: no refresh pays for the garbage of the one before
		System.gc();
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public Object refresh() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.setClassLoader(this.classLoader);
		if (this.starter == Starter.ASYNC) {
			context.register(AsyncConfiguration.class);
		}
		else if (this.starter != Starter.WITHOUT) {
			context.register(StarterConfiguration.class);
		}
		for (int i = 0; i < this.beanClasses.size(); i++) {
			context.registerBean("bean" + i, this.beanClasses.get(i));
		}
		context.refresh();
		int count = context.getBeanDefinitionCount();
		context.close();
		return count;
	}

	/**
	 * A public subclass of the base with a constructor alone, as a class of its own that
	 * counts as a user class; written directly, as CGLIB's subclasses (every method
	 * overridden) took longer to make than the refresh took to run.
	 */
	private Class<?> subclass(Class<?> base, int index) {
		String name = base.getName() + "_" + this.starter + "_" + this.generation + "_" + index;
		String superName = Type.getInternalName(base);
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name.replace('.', '/'), null, superName,
				null);
		MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
		constructor.visitCode();
		constructor.visitVarInsn(Opcodes.ALOAD, 0);
		constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
		constructor.visitInsn(Opcodes.RETURN);
		constructor.visitMaxs(1, 1);
		constructor.visitEnd();
		writer.visitEnd();
		return this.classLoader.define(name, writer.toByteArray());
	}

	/**
	 * The class loader of one refresh's generated classes, which gives back their class
	 * files, as an application's class path gives back those of its classes: the start-up
	 * checks that read a bean's bytecode find it as they would in an application, instead
	 * of looking through the whole class path for a file that no application's class
	 * would lack.
	 */
	private static final class GeneratedClasses extends ClassLoader {

		private final Map<String, byte[]> classFiles = new HashMap<>();

		GeneratedClasses(ClassLoader parent) {
			super(parent);
		}

		Class<?> define(String name, byte[] bytes) {
			this.classFiles.put(name.replace('.', '/') + ".class", bytes);
			return defineClass(name, bytes, 0, bytes.length);
		}

		@Override
		public InputStream getResourceAsStream(String name) {
			byte[] classFile = this.classFiles.get(name);
			return (classFile != null) ? new ByteArrayInputStream(classFile) : super.getResourceAsStream(name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadMethodAutoConfiguration.class)
	static class StarterConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

	}

	public static class AsyncBean {

		@Async
		public void work(String item) {
		}

	}

	public static class PlainBean {

		public void work(String item) {
		}

	}

	public static class AnnotatedBean {

		@FireAndForget
		public void work(String item) {
		}

	}

	public static class SelfCallingBean {

		public void place(String item) {
			work(item);
		}

		@FireAndForget
		public void work(String item) {
		}

	}

}

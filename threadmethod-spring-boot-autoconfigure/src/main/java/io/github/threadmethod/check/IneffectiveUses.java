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

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.MethodMatcher;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.NativeDetector;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link FireAndForget @FireAndForget} uses that would silently run
 * synchronously, and reports them as the {@link SelfInvocationCheck} says: calls on
 * {@code this}, beans created before they could be proxied, and {@code @Bean} methods.
 * Findings are logged under the {@link #LOGGER_NAME logger of the annotation}, the name a
 * user looks for, rather than the name of this class.
 *
 * <p>
 * Safe to use from several threads at once, as beans may be created in parallel: each
 * class is read once, and each finding reported once under {@code warn}. Under
 * {@code fail}, a bean created after start-up (a lazy one) fails each time it is created,
 * not only the first.
 *
 * <p>
 * Public for threadmethod's own bean post-processor; not an API, may change in any
 * release.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class IneffectiveUses {

	/**
	 * The name of the logger of every finding.
	 */
	public static final String LOGGER_NAME = FireAndForget.class.getName();

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private static final String MOCKITO = "org.mockito.Mockito";

	// What to do about each kind of finding, for the report of the failure
	private static final String SELF_CALL_ACTION = "Make each call listed above through the bean's proxy (another "
			+ "bean, or an injected reference to the bean itself), or set 'threadmethod.self-invocation' to 'warn' or "
			+ "'ignore'.";

	private static final String CREATED_EARLY_ACTION = "Move the @FireAndForget methods of each bean listed above as "
			+ "created before it could be proxied to a bean that is neither a post-processor nor needed to create "
			+ "one; a post-processor that needs such a bean can inject it @Lazy.";

	private final SelfInvocationCheck check;

	private final MethodMatcher fireAndForget;

	private final SelfInvocationScanner scanner;

	private final BooleanSupplier inNativeImage;

	// The findings of each class read so far, none an empty list: read once, asked at
	// each creation of a bean of the class
	private final Map<Class<?>, List<String>> findingsByClass = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	// Guarded by the lock: what start-up will fail with, what to do about it, and
	// whether it has
	private final List<String> failures = new ArrayList<>();

	private final Set<String> actions = new LinkedHashSet<>();

	private boolean startupComplete;

	private volatile boolean scannerUnavailable;

	/**
	 * Create an instance that reports as the given check says.
	 * @param check what to do about the uses found
	 * @param fireAndForget tells the fire-and-forget methods of a bean class
	 */
	public IneffectiveUses(SelfInvocationCheck check, MethodMatcher fireAndForget) {
		this(check, fireAndForget, NativeDetector::inNativeImage);
	}

	/**
	 * Create an instance that asks the given supplier whether it runs in a native image,
	 * where there are no class files to read.
	 */
	IneffectiveUses(SelfInvocationCheck check, MethodMatcher fireAndForget, BooleanSupplier inNativeImage) {
		this.check = check;
		this.fireAndForget = fireAndForget;
		this.inNativeImage = inNativeImage;
		this.scanner = new SelfInvocationScanner();
	}

	/**
	 * Look for calls on {@code this} in a bean class that has fire-and-forget methods.
	 * Called for each bean created, however many share its class: the class is read the
	 * first time only, and under {@code fail} a bean created after start-up fails each
	 * time.
	 * @param beanClass the user class of the bean
	 * @throws IneffectiveFireAndForgetException under {@code fail}, once start-up is
	 * complete, if the class has findings
	 */
	public void inspect(Class<?> beanClass) {
		if (this.check == SelfInvocationCheck.IGNORE || this.scannerUnavailable) {
			return;
		}
		if (this.inNativeImage.getAsBoolean()) {
			skipInNativeImage();
			return;
		}
		List<String> known = this.findingsByClass.get(beanClass);
		if (known == null) {
			List<String> findings = scan(beanClass);
			if (findings == null) {
				return;
			}
			known = this.findingsByClass.putIfAbsent(beanClass, findings);
			if (known == null) {
				// This thread read the class first: it alone reports what it found
				report(findings, SELF_CALL_ACTION);
				return;
			}
		}
		if (!known.isEmpty() && this.check == SelfInvocationCheck.FAIL) {
			synchronized (this.lock) {
				if (this.startupComplete) {
					throw new IneffectiveFireAndForgetException(known, List.of(SELF_CALL_ACTION));
				}
			}
		}
	}

	/**
	 * Turn the bytecode check off, saying so once: a native image holds no class files,
	 * and a check that cannot look must not pass for one that looked and found nothing.
	 */
	private void skipInNativeImage() {
		synchronized (this.lock) {
			if (this.scannerUnavailable) {
				return;
			}
			this.scannerUnavailable = true;
		}
		logger.info("Calls on 'this' to @FireAndForget methods are not checked: this is a native image, which "
				+ "has no class files to read; run the application on the JVM to check them");
	}

	private @Nullable List<String> scan(Class<?> beanClass) {
		try {
			return List.copyOf(this.scanner.scan(beanClass, (method) -> this.fireAndForget.matches(method, beanClass)));
		}
		catch (LinkageError ex) {
			if (!isFromAsm(ex)) {
				return skip(beanClass, ex);
			}
			// A diagnostic must never stop the application: an incompatible ASM on the
			// class path turns the bytecode check off, once, with a word why
			this.scannerUnavailable = true;
			logger.warn("Calls on 'this' to @FireAndForget methods are not checked: ASM on the class path is "
					+ "missing or older than threadmethod needs (" + ex + ")");
			return null;
		}
		catch (RuntimeException ex) {
			return skip(beanClass, ex);
		}
	}

	/**
	 * Give up on one class that cannot be looked at (a class of its own that cannot be
	 * loaded or introspected): a diagnostic must never stop the application.
	 */
	private @Nullable List<String> skip(Class<?> beanClass, Throwable ex) {
		logger.debug("Calls on 'this' in " + beanClass.getName() + " are not checked: " + ex);
		return null;
	}

	/**
	 * Tell an ASM missing or too old (a class or method of it not found) from a class of
	 * the application's that cannot be linked.
	 */
	private static boolean isFromAsm(LinkageError ex) {
		String message = ex.getMessage();
		if (message != null && (message.contains("org/objectweb/asm") || message.contains("org.objectweb.asm"))) {
			return true;
		}
		StackTraceElement[] stack = ex.getStackTrace();
		return stack.length > 0 && stack[0].getClassName().startsWith("org.objectweb.asm");
	}

	/**
	 * Look, once every singleton exists, for annotations that never took effect, then
	 * fail if asked to and anything was found.
	 * @param beanFactory the bean factory
	 * @param isEligible whether a bean class has fire-and-forget methods
	 * @param isProxied whether a bean carries the fire-and-forget advice
	 */
	public void inspect(ConfigurableListableBeanFactory beanFactory, Predicate<Class<?>> isEligible,
			Predicate<Object> isProxied) {
		if (this.check == SelfInvocationCheck.IGNORE) {
			return;
		}
		report(FactoryMethodFindings.find(beanFactory), FactoryMethodFindings.ACTION);
		List<String> findings = new ArrayList<>();
		for (String name : beanFactory.getSingletonNames()) {
			// An object registered from outside (registerSingleton, a test's mock) was
			// never the container's to proxy: only a bean it created from its definition
			// can have been created too early
			if (!beanFactory.containsBeanDefinition(name)) {
				continue;
			}
			Object bean = beanFactory.getSingleton(name);
			if (bean != null && !isProxied.test(bean) && !isMock(bean) && isEligible.test(bean.getClass())) {
				Class<?> beanClass = ClassUtils.getUserClass(bean.getClass());
				findings.add("@FireAndForget on " + describeMethods(beanClass) + " has no effect: bean '" + name
						+ "' was created before it could be proxied (it is a post-processor, or one depends on it), "
						+ "so its calls run synchronously; move the methods to a bean that post-processors "
						+ "do not need");
			}
		}
		report(findings, CREATED_EARLY_ACTION);
		// Every singleton has been looked at: what was read for it is not needed again
		this.scanner.forgetCode();
		synchronized (this.lock) {
			this.startupComplete = true;
			if (!this.failures.isEmpty()) {
				List<String> all = List.copyOf(this.failures);
				List<String> actions = List.copyOf(this.actions);
				this.failures.clear();
				this.actions.clear();
				throw new IneffectiveFireAndForgetException(all, actions);
			}
		}
	}

	/**
	 * Tell whether the given singleton is a Mockito mock, which a test registers in place
	 * of a bean ({@code @MockitoBean} keeps the bean's definition). Asked of Mockito by
	 * name, so that it need not be on the class path; an inline mock has the class of the
	 * bean it stands in for, so its class name alone cannot tell.
	 */
	static boolean isMock(Object bean) {
		if (bean.getClass().getName().contains("$MockitoMock$")) {
			return true;
		}
		Method mockingDetails = MockitoHolder.MOCKING_DETAILS;
		Method isMock = MockitoHolder.IS_MOCK;
		if (mockingDetails == null || isMock == null) {
			return false;
		}
		try {
			Object details = mockingDetails.invoke(null, bean);
			return Boolean.TRUE.equals(isMock.invoke(details));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Report findings of one kind, with what to do about that kind if start-up fails over
	 * them.
	 */
	private void report(List<String> findings, String action) {
		if (findings.isEmpty()) {
			return;
		}
		if (this.check == SelfInvocationCheck.WARN) {
			findings.forEach(logger::warn);
		}
		else if (this.check == SelfInvocationCheck.FAIL) {
			synchronized (this.lock) {
				if (this.startupComplete) {
					throw new IneffectiveFireAndForgetException(findings, List.of(action));
				}
				this.failures.addAll(findings);
				this.actions.add(action);
			}
		}
	}

	private String describeMethods(Class<?> beanClass) {
		StringJoiner methods = new StringJoiner(", ");
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass)) {
			if (this.fireAndForget.matches(method, beanClass)) {
				methods.add(beanClass.getSimpleName() + "." + method.getName() + "()");
			}
		}
		return methods.toString();
	}

	/**
	 * Mockito's {@code mockingDetails(Object).isMock()}, looked up once, if Mockito is on
	 * the class path.
	 */
	private static final class MockitoHolder {

		static final @Nullable Method MOCKING_DETAILS;

		static final @Nullable Method IS_MOCK;

		static {
			Method mockingDetails = null;
			Method isMock = null;
			ClassLoader classLoader = IneffectiveUses.class.getClassLoader();
			if (ClassUtils.isPresent(MOCKITO, classLoader)) {
				try {
					mockingDetails = ClassUtils.forName(MOCKITO, classLoader).getMethod("mockingDetails", Object.class);
					isMock = mockingDetails.getReturnType().getMethod("isMock");
				}
				catch (ReflectiveOperationException | LinkageError ex) {
					mockingDetails = null;
					isMock = null;
				}
			}
			MOCKING_DETAILS = mockingDetails;
			IS_MOCK = isMock;
		}

	}

}

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
package io.github.threadmethod.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import io.github.threadmethod.check.IneffectiveUses;
import io.github.threadmethod.check.MisuseRules;
import io.github.threadmethod.check.SelfInvocationCheck;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.support.FireAndForgetAnnotations;
import io.github.threadmethod.support.MethodDescriptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Proxies the beans that have {@link FireAndForget @FireAndForget} methods so that each
 * call of such a method is handed to a {@link CallLauncher} and returns at once.
 *
 * <p>
 * The advisor goes in front of any advisors a bean already has, so the call leaves the
 * caller's thread before other advice runs: a {@code @Transactional} method opens its
 * transaction on the new thread. Each bean class is checked once for uses of the
 * annotation that can never work, and left unproxied if it has some: they fail start-up
 * with an {@link InvalidFireAndForgetMethodException} that names the methods, once every
 * singleton exists, so that one failure lists those of every bean and what the other
 * checks found; a bean created after start-up fails its creation.
 *
 * <p>
 * Unless told to {@linkplain SelfInvocationCheck#IGNORE ignore} them, it also reports the
 * uses that would silently run synchronously: calls a bean makes on {@code this} to its
 * own fire-and-forget methods (found by reading the bytecode of the classes that have
 * them, once each), beans created before they could be proxied, and {@code @Bean}
 * methods.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForget
 */
@SuppressWarnings("serial")
public class FireAndForgetBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
		implements SmartInitializingSingleton {

	private final SingletonSupplier<CallLauncher> launcher;

	private final FireAndForgetPointcut pointcut;

	private static final Log logger = LogFactory.getLog(IneffectiveUses.LOGGER_NAME);

	// The proxies checked against the misuse rules, so each is checked once: whether
	// the class passed them. One that failed is kept during start-up only: later, each
	// bean of it fails
	private final Map<ProxyShape, Boolean> checkedShapes = new ConcurrentHashMap<>();

	private final StartupFailures startupFailures = new StartupFailures();

	// The fire-and-forget methods of each bean proxied, by bean name: what start-up
	// reports active, and the tasks the launcher learns before their first call
	private final Map<String, List<ActiveMethod>> activeBeans = new ConcurrentHashMap<>();

	private boolean enabled = true;

	private SelfInvocationCheck selfInvocationCheck = SelfInvocationCheck.WARN;

	private volatile @Nullable IneffectiveUses ineffectiveUses;

	private volatile boolean launcherResolved;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Create a post-processor whose proxies hand calls to the given launcher.
	 * @param launcher supplies the launcher; called once, when all singletons have been
	 * created or on an earlier first call, so that the launcher can be a bean that is
	 * created after this post-processor
	 */
	public FireAndForgetBeanPostProcessor(Supplier<CallLauncher> launcher) {
		this(launcher, (taskName) -> true);
	}

	/**
	 * Create a post-processor whose proxies hand calls to the given launcher, leaving the
	 * methods of disabled tasks as plain synchronous calls.
	 * @param launcher supplies the launcher; called once, when all singletons have been
	 * created or on an earlier first call, so that the launcher can be a bean that is
	 * created after this post-processor
	 * @param enabledTasks tells, by task name, whether a task is fire-and-forget; the
	 * methods of a task it rejects are not intercepted at all
	 */
	public FireAndForgetBeanPostProcessor(Supplier<CallLauncher> launcher, Predicate<String> enabledTasks) {
		Assert.notNull(launcher, "Launcher supplier must not be null");
		Assert.notNull(enabledTasks, "Enabled tasks must not be null");
		setBeforeExistingAdvisors(true);
		this.launcher = SingletonSupplier.of(launcher);
		this.pointcut = new FireAndForgetPointcut(enabledTasks);
		this.advisor = new DefaultPointcutAdvisor(this.pointcut, new FireAndForgetInterceptor(this.launcher));
	}

	/**
	 * Return whether the given advisor is one that this post-processor adds to a proxy,
	 * which hands each call to the launcher: a proxy made with the others only runs the
	 * bean's methods with the rest of their advice, as a stored call must run.
	 * @param advisor an advisor of a proxy
	 * @return whether it launches {@code @FireAndForget} calls
	 */
	public static boolean isFireAndForgetAdvisor(Advisor advisor) {
		return advisor.getAdvice() instanceof FireAndForgetInterceptor;
	}

	/**
	 * Set whether this post-processor proxies anything. When {@code false}, it leaves
	 * every bean as it is and checks nothing, as if it were not registered, so that
	 * {@code @FireAndForget} methods run as plain synchronous calls; start-up says so in
	 * one line. An application whose context was processed ahead of time keeps the
	 * post-processor its build registered: this is how it is switched off when it runs.
	 * Default is {@code true}.
	 * @param enabled whether to proxy beans that have {@code @FireAndForget} methods
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Set what start-up does about calls a bean makes on {@code this} to its own
	 * {@code @FireAndForget} methods, and about annotations that can never take effect.
	 * Default is {@link SelfInvocationCheck#WARN}.
	 * @param selfInvocationCheck what to do
	 */
	public void setSelfInvocationCheck(SelfInvocationCheck selfInvocationCheck) {
		Assert.notNull(selfInvocationCheck, "Self-invocation check must not be null");
		this.selfInvocationCheck = selfInvocationCheck;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	private IneffectiveUses ineffectiveUses() {
		IneffectiveUses uses = this.ineffectiveUses;
		if (uses == null) {
			// Beans may be created on several threads: one instance, or a finding is lost
			synchronized (this) {
				uses = this.ineffectiveUses;
				if (uses == null) {
					uses = new IneffectiveUses(this.selfInvocationCheck, this.pointcut);
					this.ineffectiveUses = uses;
				}
			}
		}
		return uses;
	}

	/**
	 * Resolve the launcher once all singletons exist, so that a call made after the
	 * context has closed meets the launcher that rejects it rather than a closed bean
	 * factory; tell it the tasks known so far, then report what is active.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			logger.info("@FireAndForget not active: threadmethod.enabled is false, so @FireAndForget methods run "
					+ "synchronously on the caller's thread and are not checked");
			return;
		}
		CallLauncher launcher = this.launcher.obtain();
		this.launcherResolved = true;
		this.activeBeans.values().forEach((methods) -> registerTasks(launcher, methods));
		IneffectiveFireAndForgetException ineffective = null;
		if (this.beanFactory != null) {
			try {
				ineffectiveUses().inspect(this.beanFactory, this::isEligible,
						(bean) -> isProxied(bean) || this.startupFailures.isMisused(ClassUtils.getUserClass(bean)));
			}
			catch (IneffectiveFireAndForgetException ex) {
				// Start-up fails once, with this and the misuse of the beans as well
				ineffective = ex;
			}
		}
		this.startupFailures.completeStartup(ineffective);
		logActive(launcher);
	}

	/**
	 * Check the bean against the misuse rules for the proxy Spring will give it, before
	 * advising it, then note its fire-and-forget methods if it was. A bean with misuse is
	 * left as it is: during start-up, its misuse is held back to fail start-up with every
	 * finding at once; later, its creation fails.
	 */
	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!this.enabled || this.advisor == null || bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		// Tasks switched off are checked too: switching one on must not reveal a mistake
		// The cheap first look, cached per class by FireAndForgetAnnotations: most beans
		// stop here
		if (FireAndForgetAnnotations.mentionsFireAndForget(ClassUtils.getUserClass(targetClass))
				&& !passesMisuseRules(bean, beanName)) {
			// Its calls on 'this' are findings too, to be listed with its misuse
			ineffectiveUses().inspect(ClassUtils.getUserClass(targetClass));
			return bean;
		}
		Object result = super.postProcessAfterInitialization(bean, beanName);
		// Once per bean name: a prototype made at every request is not looked at again
		if (!this.activeBeans.containsKey(beanName) && result instanceof Advised && isProxied(result)) {
			noteActive(beanName, targetClass);
		}
		return result;
	}

	@Override
	public Class<?> determineBeanType(Class<?> beanClass, String beanName) {
		// Switched off, no proxy class is predicted either, and no bytecode read for one
		return (this.enabled) ? super.determineBeanType(beanClass, beanName) : beanClass;
	}

	@Override
	protected boolean isEligible(Class<?> targetClass) {
		boolean eligible = super.isEligible(targetClass);
		if (eligible) {
			// Asked for each bean, not each class: a lazy bean with findings fails each
			// time it is created under 'fail'
			ineffectiveUses().inspect(ClassUtils.getUserClass(targetClass));
		}
		return eligible;
	}

	/**
	 * Work out the proxy the bean will get, asking Spring what it asks when it makes one:
	 * an existing proxy keeps its type, and a new one takes the bean's own settings
	 * ({@code @Proxyable}, {@code preserveTargetClass}) before this post-processor's.
	 */
	private ProxyShape proxyShape(Object bean, String beanName) {
		Class<?> beanClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			// The advisor joins the proxy's chain: the proxy stays what it is
			return new ProxyShape(beanClass, AopUtils.isCglibProxy(bean), List.of(advised.getProxiedInterfaces()));
		}
		Class<?> type = bean.getClass();
		if (Proxy.isProxyClass(type) || ClassUtils.isLambdaClass(type) || type.isInterface()) {
			// Spring proxies these by their interfaces whatever it is told
			return new ProxyShape(beanClass, false, List.of(type.getInterfaces()));
		}
		ProxyFactory proxyFactory = prepareProxyFactory(bean, beanName);
		if (!proxyFactory.isProxyTargetClass() && proxyFactory.getProxiedInterfaces().length == 0) {
			evaluateProxyInterfaces(type, proxyFactory);
		}
		return new ProxyShape(beanClass, proxyFactory.isProxyTargetClass(),
				List.of(proxyFactory.getProxiedInterfaces()));
	}

	/**
	 * Tell whether the bean may be proxied, rejecting its misuse if not.
	 * @throws InvalidFireAndForgetMethodException for a bean with misuse once start-up is
	 * over
	 */
	private boolean passesMisuseRules(Object bean, String beanName) {
		ProxyShape shape = proxyShape(bean, beanName);
		Boolean passed = this.checkedShapes.get(shape);
		if (passed != null) {
			return passed;
		}
		InvalidFireAndForgetMethodException misuse = MisuseRules.check(shape.beanClass(), shape.classProxy(),
				shape.interfaces());
		if (misuse != null) {
			if (this.beanFactory == null) {
				// Outside a container nothing says when start-up is over: fail at once
				throw misuse;
			}
			this.startupFailures.reject(beanName, misuse);
		}
		this.checkedShapes.put(shape, misuse == null);
		return misuse == null;
	}

	private boolean isProxied(Object bean) {
		return (bean instanceof AopInfrastructureBean)
				|| (bean instanceof Advised advised && Arrays.asList(advised.getAdvisors()).contains(this.advisor));
	}

	private void noteActive(String beanName, Class<?> targetClass) {
		Class<?> beanClass = ClassUtils.getUserClass(targetClass);
		List<ActiveMethod> methods = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass,
				ReflectionUtils.USER_DECLARED_METHODS)) {
			if (this.pointcut.matches(method, targetClass)) {
				Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
				methods.add(new ActiveMethod(FireAndForgetAnnotations.taskName(specific, beanClass), specific));
			}
		}
		this.activeBeans.put(beanName, List.copyOf(methods));
		// Read after the put, as afterSingletonsInstantiated sets it before reading the
		// map: a bean proxied meanwhile is registered by one of the two, or both
		if (this.launcherResolved) {
			registerTasks(this.launcher.obtain(), methods);
			if (logger.isDebugEnabled()) {
				methods.forEach((method) -> logger.debug(describe(this.launcher.obtain(), beanName, method)));
			}
		}
	}

	private static void registerTasks(CallLauncher launcher, List<ActiveMethod> methods) {
		methods.forEach((method) -> launcher.registerTask(method.taskName()));
	}

	/**
	 * Say in one line what is active, so that "working" and "not active" look different
	 * at a glance, and each task at {@code DEBUG}.
	 */
	private void logActive(CallLauncher launcher) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		int methods = this.activeBeans.values().stream().mapToInt(List::size).sum();
		long beans = this.activeBeans.values().stream().filter((active) -> !active.isEmpty()).count();
		logger.info("@FireAndForget active: " + count(methods, "method") + " in " + count(beans, "bean") + " ("
				+ describeModes(launcher) + ")");
		if (logger.isDebugEnabled()) {
			this.activeBeans.forEach((beanName, active) -> active
				.forEach((method) -> logger.debug(describe(launcher, beanName, method))));
		}
	}

	/**
	 * Describe each mode the active methods run in, with how many run in it when there
	 * are several; the default mode when none is active.
	 */
	private String describeModes(CallLauncher launcher) {
		Map<String, Integer> methodsByMode = new TreeMap<>();
		this.activeBeans.values()
			.forEach((active) -> active.forEach((method) -> methodsByMode
				.merge(launcher.getSettings().forTask(method.taskName()).mode(), 1, Integer::sum)));
		if (methodsByMode.size() <= 1) {
			String mode = methodsByMode.isEmpty() ? launcher.getSettings().defaults().mode()
					: methodsByMode.keySet().iterator().next();
			return describeMode(launcher, mode);
		}
		StringJoiner modes = new StringJoiner(", ");
		methodsByMode.forEach((mode, count) -> modes.add(describeMode(launcher, mode) + " for " + count));
		return modes.toString();
	}

	private static String describe(CallLauncher launcher, String beanName, ActiveMethod method) {
		return "@FireAndForget task '" + method.taskName() + "': " + MethodDescriptions.qualified(method.method())
				+ " of bean '" + beanName + "' ("
				+ describeMode(launcher, launcher.getSettings().forTask(method.taskName()).mode()) + ")";
	}

	private static String describeMode(CallLauncher launcher, String mode) {
		FireAndForgetBackend backend = launcher.getBackends().get(mode);
		return (backend != null) ? backend.describe() : "mode: " + mode;
	}

	private static String count(long count, String noun) {
		return count + " " + noun + ((count != 1) ? "s" : "");
	}

	/**
	 * The proxy a bean gets: class-based, or implementing the given interfaces.
	 */
	private record ProxyShape(Class<?> beanClass, boolean classProxy, List<Class<?>> interfaces) {

	}

	/**
	 * A fire-and-forget method of a bean proxied: its task and the method, described only
	 * when logged at {@code DEBUG}.
	 */
	private record ActiveMethod(String taskName, Method method) {

	}

}

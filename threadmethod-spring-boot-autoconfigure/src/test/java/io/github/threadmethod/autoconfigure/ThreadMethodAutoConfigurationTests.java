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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadmethod.CallRecorder;
import io.github.threadmethod.CallRecorder.Call;
import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.FireAndForgetBackend;
import io.github.threadmethod.FireAndForgetCalls;
import io.github.threadmethod.FireAndForgetExceptionHandler;
import io.github.threadmethod.FireAndForgetExecution;
import io.github.threadmethod.aop.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.launch.CallLauncher;
import io.github.threadmethod.launch.ConcurrencyLimitPolicy;
import io.github.threadmethod.launch.SynchronousBackend;
import io.github.threadmethod.launch.TestLaunchSettings;
import io.github.threadmethod.launch.ThreadPerCallBackend;
import io.github.threadmethod.observation.DefaultFireAndForgetObservationConvention;
import io.github.threadmethod.observation.FireAndForgetObservationContext;
import io.github.threadmethod.observation.FireAndForgetObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadMethodAutoConfiguration}.
 *
 * @author threadmethod contributors
 */
class ThreadMethodAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class))
		.withBean(CallRecorder.class)
		.withBean(Reporter.class);

	@Test
	void registersPostProcessorLauncherAndThreadBackendByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FireAndForgetBeanPostProcessor.class)
				.hasSingleBean(CallLauncher.class)
				.hasSingleBean(ThreadPerCallBackend.class)
				.hasSingleBean(ThreadMethodProperties.class);
			assertThat(context.getBean(FireAndForgetCalls.class))
				.isSameAs(context.getBean(CallLauncher.class).getCalls());
			assertThat(AopUtils.isCglibProxy(context.getBean(Reporter.class))).isTrue();
		});
	}

	@Test
	void launcherBeanIsNamedCallLauncher() {
		this.contextRunner.run(
				(context) -> assertThat(context).getBean("callLauncher").isSameAs(context.getBean(CallLauncher.class)));
	}

	@Test
	void accountBeanOfTheApplicationDoesNotReplaceTheLaunchersOwn() {
		FireAndForgetCalls own = new CallLauncher(TestLaunchSettings.defaults(ThreadPerCallBackend.MODE),
				List.of(new ThreadPerCallBackend()))
			.getCalls();
		this.contextRunner.withBean("ownCalls", FireAndForgetCalls.class, () -> own)
			.run((context) -> assertThat(context.getBeansOfType(FireAndForgetCalls.class)).hasSize(2)
				.containsEntry("ownCalls", own)
				.containsEntry("fireAndForgetCalls", context.getBean(CallLauncher.class).getCalls()));
	}

	@Test
	void observesCallsWithTheObservationRegistryBeanAndAUserConventionBean() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(FireAndForgetObservationConvention.class, TeamConvention::new)
			.run((context) -> {
				context.getBean(Reporter.class).report("observed");
				context.getBean(FireAndForgetCalls.class).awaitIdle(Duration.ofSeconds(10));
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("threadmethod.calls")
					.that()
					.hasLowCardinalityKeyValue("task", "Reporter.report")
					.hasLowCardinalityKeyValue("team", "reports")
					.hasBeenStopped();
			});
	}

	@Test
	void settingsOfATaskNoBeanHasFailStartUpNamingThePropertyAndTheTasks() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Reporter.reprot].enabled=false")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("threadmethod.tasks[Reporter.reprot]");
					assertThat(ex.getReason()).contains("No @FireAndForget method runs as task 'Reporter.reprot'")
						.contains("Reporter.report");
				}));
	}

	@Test
	void settingsOfATaskOfALazyBeanAreKnownWithoutCreatingIt() {
		this.contextRunner
			.withBean("lazyReporter", LazyReporter.class, LazyReporter::new,
					(definition) -> definition.setLazyInit(true))
			.withPropertyValues("threadmethod.tasks[LazyReporter.report].concurrency.limit=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanFactory().containsSingleton("lazyReporter")).isFalse();
			});
	}

	@Test
	void settingsOfATaskOfABeanProxiedByItsInterfacesAreKnown() {
		this.contextRunner
			.withPropertyValues("spring.aop.proxy-target-class=false",
					"threadmethod.tasks[Reporter.report].enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Reporting.class))).isTrue();
			});
	}

	@Test
	void unknownSettingFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.concurency.limit=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("threadmethod.concurency.limit"));
	}

	@Test
	void disabledByPropertyLeavesAnnotatedMethodsAsPlainSynchronousCalls() {
		this.contextRunner.withPropertyValues("threadmethod.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(FireAndForgetBeanPostProcessor.class)
				.doesNotHaveBean(CallLauncher.class)
				.doesNotHaveBean(FireAndForgetBackend.class);
			Reporter reporter = context.getBean(Reporter.class);
			assertThat(AopUtils.isAopProxy(reporter)).isFalse();
			reporter.report("sync");
			assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
				.extracting(Call::thread)
				.isSameAs(Thread.currentThread());
		});
	}

	@Test
	void proxyTargetClassFalseUsesJdkProxiesForBeansWithInterfaces() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.run((context) -> assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Reporting.class))).isTrue());
	}

	@Test
	void userDefinedBackendReplacesTheThreadBackendAndIsEveryTasksDefault() {
		this.contextRunner.withBean("inlineBackend", FireAndForgetBackend.class, () -> new InlineBackend("inline"))
			.run((context) -> {
				assertThat(context).hasSingleBean(FireAndForgetBackend.class)
					.doesNotHaveBean(ThreadPerCallBackend.class);
				assertThat(context.getBean(CallLauncher.class).getSettings().defaults().mode()).isEqualTo("inline");
				context.getBean(Reporter.class).report("inline");
				assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
					.extracting(Call::thread)
					.isSameAs(Thread.currentThread());
			});
	}

	@Test
	void synchronousModeRunsCallsOnTheCallerWithNoBackendBeanAndTheThreadBackendKept() {
		this.contextRunner.withPropertyValues("threadmethod.mode=synchronous").run((context) -> {
			assertThat(context).getBeans(FireAndForgetBackend.class).containsOnlyKeys("threadPerCallBackend");
			CallLauncher launcher = context.getBean(CallLauncher.class);
			assertThat(launcher.getBackends()).containsOnlyKeys("thread", "synchronous");
			assertThat(launcher.getBackends().get("synchronous")).isInstanceOf(SynchronousBackend.class);
			assertThat(launcher.getSettings().defaults().mode()).isEqualTo("synchronous");
			Reporter reporter = context.getBean(Reporter.class);
			assertThat(AopUtils.isCglibProxy(reporter)).isTrue();
			reporter.report("synchronous");
			assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
				.extracting(Call::thread)
				.isSameAs(Thread.currentThread());
			assertThat(context.getBean(FireAndForgetCalls.class).getTotals("Reporter.report").completed()).isEqualTo(1);
		});
	}

	@Test
	void synchronousModeOfOneTaskLeavesTheOthersOnThreads() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Reporter.report].mode=synchronous").run((context) -> {
			CallLauncher launcher = context.getBean(CallLauncher.class);
			assertThat(launcher.getSettings().defaults().mode()).isEqualTo("thread");
			assertThat(launcher.getSettings().forTask("Reporter.report").mode()).isEqualTo("synchronous");
			context.getBean(Reporter.class).report("synchronous");
			assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
				.extracting(Call::thread)
				.isSameAs(Thread.currentThread());
		});
	}

	@Test
	void singleDeclaredBackendStaysTheDefaultBesideTheSynchronousOne() {
		this.contextRunner.withBean("poolBackend", FireAndForgetBackend.class, () -> new InlineBackend("pool"))
			.run((context) -> {
				CallLauncher launcher = context.getBean(CallLauncher.class);
				assertThat(launcher.getBackends()).containsOnlyKeys("pool", "synchronous");
				assertThat(launcher.getSettings().defaults().mode()).isEqualTo("pool");
			});
	}

	@Test
	void declaredBackendOfModeSynchronousReplacesTheOneProvided() {
		InlineBackend backend = new InlineBackend("synchronous");
		this.contextRunner.withBean("mySynchronousBackend", FireAndForgetBackend.class, () -> backend)
			.run((context) -> {
				CallLauncher launcher = context.getBean(CallLauncher.class);
				assertThat(launcher.getBackends()).containsOnlyKeys("synchronous");
				assertThat(launcher.getBackends().get("synchronous")).isSameAs(backend);
			});
	}

	@Test
	void userDefinedThreadBackendDeclaredAsTheInterfaceReplacesTheDefault() {
		ThreadPerCallBackend backend = new ThreadPerCallBackend("custom-", true, false);
		this.contextRunner.withBean("customBackend", FireAndForgetBackend.class, () -> backend).run((context) -> {
			assertThat(context).getBeans(FireAndForgetBackend.class).containsOnlyKeys("customBackend");
			context.getBean(Reporter.class).report("custom");
			assertThat(context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread().getName())
				.isEqualTo("custom-Reporter.report-1");
		});
	}

	@Test
	void tasksChooseTheirBackendByMode() {
		this.contextRunner.withBean("threadBackend", FireAndForgetBackend.class, ThreadPerCallBackend::new)
			.withBean("inlineBackend", FireAndForgetBackend.class, () -> new InlineBackend("inline"))
			.withPropertyValues("threadmethod.tasks[Reporter.report].mode=inline")
			.run((context) -> {
				CallLauncher launcher = context.getBean(CallLauncher.class);
				assertThat(launcher.getSettings().defaults().mode()).isEqualTo("thread");
				assertThat(launcher.getSettings().forTask("Reporter.report").mode()).isEqualTo("inline");
				assertThat(launcher.getBackends()).containsOnlyKeys("thread", "inline", "synchronous");
				context.getBean(Reporter.class).report("inline");
				assertThat(context.getBean(CallRecorder.class).calls()).singleElement()
					.extracting(Call::thread)
					.isSameAs(Thread.currentThread());
			});
	}

	@Test
	void modeThatNamesNoBackendFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Reporter.report].mode=queued").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Reporter.report].mode")
				.hasMessageContaining("the modes known are [synchronous, thread]");
		});
	}

	@Test
	void durableModeWithoutTheDurableModuleFailsStartupNamingThePropertyAndTheArtifacts() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Reporter.report].mode=durable").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("threadmethod.tasks[Reporter.report].mode")
				.hasMessageContaining("io.github.threadmethod:threadmethod-durable")
				.hasMessageContaining("com.github.kagkarlsson:db-scheduler-spring-boot-4-starter");
		});
	}

	@Test
	void twoBackendsOfOneModeFailStartup() {
		this.contextRunner.withBean("one", FireAndForgetBackend.class, () -> new InlineBackend("inline"))
			.withBean("two", FireAndForgetBackend.class, () -> new InlineBackend("inline"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Two @FireAndForget backends have mode 'inline'"));
	}

	@Test
	void userDefinedPostProcessorTakesPrecedence() {
		this.contextRunner
			.withBean("customPostProcessor", FireAndForgetBeanPostProcessor.class,
					() -> new FireAndForgetBeanPostProcessor(() -> new CallLauncher(
							TestLaunchSettings.defaults("thread"), List.of(new ThreadPerCallBackend()))))
			.run((context) -> assertThat(context).getBeanNames(FireAndForgetBeanPostProcessor.class)
				.containsExactly("customPostProcessor"));
	}

	@Test
	void userDefinedExceptionHandlerIsUsed() {
		AtomicReference<Throwable> handled = new AtomicReference<>();
		this.contextRunner.withBean(FireAndForgetExceptionHandler.class, () -> (ex, task, arguments) -> handled.set(ex))
			.run((context) -> {
				context.getBean(Reporter.class).report("fail");
				org.awaitility.Awaitility.await()
					.untilAsserted(() -> assertThat(handled.get()).hasMessage("report failed"));
			});
	}

	@Test
	void threadPropertiesShapeTheCallThreads() {
		this.contextRunner
			.withPropertyValues("threadmethod.thread.name-prefix=mail-", "threadmethod.thread.daemon=true")
			.run((context) -> {
				context.getBean(Reporter.class).report("named");
				Thread thread = context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread();
				assertThat(thread.getName()).isEqualTo("mail-Reporter.report-1");
				assertThat(thread.isDaemon()).isTrue();
			});
	}

	@Test
	void propertiesBind() {
		this.contextRunner.withPropertyValues("threadmethod.shutdown.timeout=5s", "threadmethod.thread.virtual=false")
			.run((context) -> {
				ThreadMethodProperties properties = context.getBean(ThreadMethodProperties.class);
				assertThat(properties.getShutdown().getTimeout()).hasSeconds(5);
				assertThat(properties.getThread().getVirtual()).isFalse();
				assertThat(properties.getThread().getNamePrefix()).isEqualTo("threadmethod-");
			});
	}

	@Test
	void negativeShutdownTimeoutFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.shutdown.timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("Field error in object 'threadmethod' on field 'shutdown.timeout'")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void taskSettingsBindUnderTaskNamesWithDots() {
		this.contextRunner
			.withPropertyValues("threadmethod.tasks[Reporter.report].enabled=false",
					"threadmethod.tasks[Reporter.report].concurrency.limit=2",
					"threadmethod.tasks[Reporter.report].concurrency.policy=caller-runs")
			.run((context) -> {
				ThreadMethodProperties.Task task = context.getBean(ThreadMethodProperties.class)
					.getTasks()
					.get("Reporter.report");
				assertThat(task.isEnabled()).isFalse();
				assertThat(task.getConcurrency().getLimit()).isEqualTo(2);
				assertThat(task.getConcurrency().getPolicy()).isEqualTo(ConcurrencyLimitPolicy.CALLER_RUNS);
				assertThat(task.getConcurrency().getMaxWait()).isNull();
			});
	}

	@Test
	void limitBelowOneFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.concurrency.limit=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("on field 'concurrency.limit'")
				.hasMessageContaining("must be at least 1");
		});
	}

	@Test
	void taskLimitBelowOneFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.tasks[Reporter.report].concurrency.limit=-3")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(BindValidationException.class)
					.hasMessageContaining("on field 'tasks[Reporter.report].concurrency.limit'")
					.hasMessageContaining("must be at least 1");
			});
	}

	@Test
	void negativeSlowCallThresholdFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.slow-call.threshold=-1ms")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("on field 'slow-call.threshold'"));
	}

	@Test
	void unreadableValueFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.thread.daemon=sometimes")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'threadmethod.thread.daemon'"));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsBeforeJava21FailStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadmethod.thread.virtual=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property threadmethod.thread.virtual with value 'true' is invalid: "
						+ "Virtual threads need Java 21 or later, but this JVM is Java ");
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void springVirtualThreadsPropertyIsIgnoredBeforeJava21AsBootIgnoresIt() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			context.getBean(Reporter.class).report("platform");
			assertThat(context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread().getName())
				.isEqualTo("threadmethod-Reporter.report-1");
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunCallsOnNamedVirtualThreads() {
		this.contextRunner.withPropertyValues("threadmethod.thread.virtual=true").run((context) -> {
			context.getBean(Reporter.class).report("virtual");
			Thread thread = context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread();
			assertThat(isVirtual(thread)).isTrue();
			assertThat(thread.getName()).isEqualTo("threadmethod-Reporter.report-1");
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsFollowSpringThreadsVirtualEnabledByDefault() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			context.getBean(Reporter.class).report("virtual");
			assertThat(isVirtual(context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread())).isTrue();
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void explicitPlatformThreadsWinOverSpringThreadsVirtualEnabled() {
		this.contextRunner
			.withPropertyValues("spring.threads.virtual.enabled=true", "threadmethod.thread.virtual=false")
			.run((context) -> {
				context.getBean(Reporter.class).report("platform");
				assertThat(isVirtual(context.getBean(CallRecorder.class).awaitCalls(1).get(0).thread())).isFalse();
			});
	}

	private static boolean isVirtual(Thread thread) throws Exception {
		Method isVirtual = Thread.class.getMethod("isVirtual");
		return (boolean) isVirtual.invoke(thread);
	}

	interface Reporting {

		void report(String what);

	}

	static class Reporter implements Reporting {

		private final CallRecorder recorder;

		Reporter(CallRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		@FireAndForget
		public void report(String what) {
			this.recorder.record("report", what);
			if ("fail".equals(what)) {
				throw new IllegalStateException("report failed");
			}
		}

	}

	/**
	 * Runs each call on the caller's thread.
	 */
	static class InlineBackend implements FireAndForgetBackend {

		private final String mode;

		InlineBackend(String mode) {
			this.mode = mode;
		}

		@Override
		public String getMode() {
			return this.mode;
		}

		@Override
		public void execute(FireAndForgetExecution call) {
			call.run();
		}

	}

	static class TeamConvention extends DefaultFireAndForgetObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(FireAndForgetObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and("team", "reports");
		}

	}

	static class LazyReporter {

		@FireAndForget
		public void report(String what) {
		}

	}

}

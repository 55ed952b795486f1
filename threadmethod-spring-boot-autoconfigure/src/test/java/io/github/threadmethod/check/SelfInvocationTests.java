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

import java.util.List;
import java.util.Map;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.aop.FireAndForgetBeanPostProcessor;
import io.github.threadmethod.autoconfigure.ThreadMethodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.PriorityOrdered;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that start-up finds {@link FireAndForget @FireAndForget} uses that would silently
 * run synchronously.
 *
 * @author threadmethod contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfInvocationTests {

	private static final String OWNER = "SelfInvocationTests.";

	private static final String CHECK_LOGGER = "io.github.threadmethod.check";

	private static final String READING = "Reading the bytecode of ";

	private static final String ANALYSING = "Analysing ";

	private static final String FIX = " on this: that call runs synchronously on the caller's thread; move the "
			+ "body into a private method that the @FireAndForget method calls, or call it through another bean "
			+ "or an injected reference to this bean";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadMethodAutoConfiguration.class));

	@Test
	void callOnThisAfterWideValuesAndBranchesIsReported(CapturedOutput output) {
		// Longs and doubles take two slots: a value sized wrong makes the analysis of the
		// whole method fail, and its call on this go unreported
		this.contextRunner.withBean(WideValuesCaller.class)
			.run((context) -> assertThat(output)
				.contains(OWNER + "WideValuesCaller.place(int, long[], double[], float) calls @FireAndForget " + OWNER
						+ "WideValuesCaller.sendReceipt(long, double)" + FIX));
	}

	@Test
	void bytecodeReadAtStartupIsNotKeptAfterIt() {
		this.contextRunner.withBean(PlainCaller.class).run((context) -> {
			Object ineffectiveUses = ReflectionTestUtils.getField(context.getBean(FireAndForgetBeanPostProcessor.class),
					"ineffectiveUses");
			Object scanner = ReflectionTestUtils.getField(ineffectiveUses, "scanner");
			assertThat((Map<?, ?>) ReflectionTestUtils.getField(scanner, "code")).isEmpty();
		});
	}

	@Test
	void plainCallOnThisIsReported(CapturedOutput output) {
		this.contextRunner.withBean(PlainCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "PlainCaller.place(String) calls @FireAndForget "
					+ OWNER + "PlainCaller.sendReceipt(String)" + FIX));
	}

	@Test
	void callFromALambdaIsReported(CapturedOutput output) {
		this.contextRunner.withBean(LambdaCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "LambdaCaller.place() (from a lambda) calls "
					+ "@FireAndForget " + OWNER + "LambdaCaller.sendReceipt()" + FIX));
	}

	@Test
	void methodReferenceOnThisIsReported(CapturedOutput output) {
		this.contextRunner.withBean(MethodReferenceCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "MethodReferenceCaller.place() calls @FireAndForget "
					+ OWNER + "MethodReferenceCaller.sendReceipt()" + FIX));
	}

	@Test
	void callFromAnAnonymousClassIsReported(CapturedOutput output) {
		this.contextRunner.withBean(AnonymousCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "AnonymousCaller.place() (from "
					+ "SelfInvocationTests.AnonymousCaller.1) calls @FireAndForget " + OWNER
					+ "AnonymousCaller.sendReceipt()" + FIX));
	}

	@Test
	void callFromAnInnerClassIsReported(CapturedOutput output) {
		this.contextRunner.withBean(InnerClassCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "InnerClassCaller.Helper.help() calls "
					+ "@FireAndForget " + OWNER + "InnerClassCaller.sendReceipt()" + FIX));
	}

	@Test
	void callFromAnAnonymousClassInAnAnonymousClassIsReported(CapturedOutput output) {
		this.contextRunner.withBean(NestedAnonymousCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "NestedAnonymousCaller.place() (from "
					+ "SelfInvocationTests.NestedAnonymousCaller.1.1) calls @FireAndForget " + OWNER
					+ "NestedAnonymousCaller.sendReceipt()" + FIX));
	}

	@Test
	void callFromAnInnerClassConstructorIsReported(CapturedOutput output) {
		this.contextRunner.withBean(InnerConstructorCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "InnerConstructorCaller.Helper.<init>() calls "
					+ "@FireAndForget " + OWNER + "InnerConstructorCaller.sendReceipt()" + FIX));
	}

	@Test
	void callsFromALocalClassAndAnAnonymousInitializerAreReported(CapturedOutput output) {
		this.contextRunner.withBean(LocalClassCaller.class)
			.run((context) -> assertThat(output)
				.contains(OWNER + "LocalClassCaller.place() (from SelfInvocationTests.LocalClassCaller.1Task) calls "
						+ "@FireAndForget " + OWNER + "LocalClassCaller.sendReceipt()" + FIX)
				.contains(OWNER + "LocalClassCaller.prepare() (from SelfInvocationTests.LocalClassCaller.1) calls "
						+ "@FireAndForget " + OWNER + "LocalClassCaller.sendReceipt()" + FIX));
	}

	@Test
	void callFromAnInterfaceDefaultMethodIsReported(CapturedOutput output) {
		this.contextRunner.withBean(DefaultMethodCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "Greeter.greet() calls @FireAndForget " + OWNER
					+ "DefaultMethodCaller.sendReceipt()" + FIX));
	}

	@Test
	void callThroughAnInterfaceTypedLocalIsReported(CapturedOutput output) {
		this.contextRunner.withBean(InterfaceLocalCaller.class)
			.run((context) -> assertThat(output).contains(OWNER + "InterfaceLocalCaller.place() calls @FireAndForget "
					+ OWNER + "InterfaceLocalCaller.handle(String)" + FIX));
	}

	@Test
	void callToAnInheritedMethodIsReported(CapturedOutput output) {
		this.contextRunner.withBean(InheritingCaller.class)
			.run((context) -> assertThat(output).contains(
					OWNER + "InheritingCaller.place() calls @FireAndForget " + OWNER + "Sender.sendReceipt()" + FIX));
	}

	@Test
	void callsThroughAnotherReferenceAreNotReported(CapturedOutput output) {
		this.contextRunner.withBean(SelfReferenceCaller.class)
			.withBean(AnotherInstanceCaller.class)
			.withBean(OtherBeanCaller.class)
			.withBean(Sender.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("calls @FireAndForget");
			});
	}

	@Test
	void superCallFromTheOverrideIsNotReported(CapturedOutput output) {
		this.contextRunner.withBean(DecoratingSender.class).withBean(GenericDecoratingSender.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("calls @FireAndForget");
		});
	}

	@Test
	void superCallFromAnotherMethodNamesTheSuperclassMethod(CapturedOutput output) {
		this.contextRunner.withBean(SuperCaller.class)
			.run((context) -> assertThat(output)
				.contains(OWNER + "SuperCaller.place() calls @FireAndForget " + OWNER + "Sender.sendReceipt()" + FIX));
	}

	@Test
	void callToAPrivateMethodOfASuperclassIsNotReported(CapturedOutput output) {
		this.contextRunner.withBean(PrivateNameClashCaller.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("calls @FireAndForget");
		});
	}

	@Test
	void failStopsStartupListingEveryFinding() {
		this.contextRunner.withPropertyValues("threadmethod.self-invocation=fail")
			.withBean(PlainCaller.class)
			.withBean(LambdaCaller.class)
			.withUserConfiguration(BeanMethodConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
				assertThat(failure).isInstanceOf(IneffectiveFireAndForgetException.class);
				assertThat(((IneffectiveFireAndForgetException) failure).getFindings()).hasSize(3)
					.anyMatch((finding) -> finding.startsWith(OWNER + "PlainCaller.place(String) calls"))
					.anyMatch((finding) -> finding.startsWith(OWNER + "LambdaCaller.place() (from a lambda) calls"))
					.anyMatch((finding) -> finding.startsWith("@FireAndForget on @Bean method " + OWNER
							+ "BeanMethodConfiguration.mailer() has no effect"));
			});
	}

	@Test
	void ignoreIsSilentAndReadsNoBytecode(CapturedOutput output) {
		traceClassReads(() -> this.contextRunner.withPropertyValues("threadmethod.self-invocation=ignore")
			.withBean(PlainCaller.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("calls @FireAndForget").doesNotContain(READING);
			}));
	}

	@Test
	void classesWithoutTheAnnotationAreNeverRead(CapturedOutput output) {
		traceClassReads(
				() -> this.contextRunner.withBean(PlainCaller.class).withBean(Unannotated.class).run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(output).contains(READING + PlainCaller.class.getName() + " ")
						.doesNotContain(READING + Unannotated.class.getName());
					assertThat(output.toString().lines().filter((line) -> line.contains(READING)))
						.allMatch((line) -> line.contains(READING + PlainCaller.class.getName()));
				}));
	}

	@Test
	void onlyMethodsThatNameAFireAndForgetMethodAreAnalysed(CapturedOutput output) {
		traceClassReads(() -> this.contextRunner.withBean(SelectiveCaller.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains(ANALYSING + SelectiveCaller.class.getName() + ".place ")
				.doesNotContain(ANALYSING + SelectiveCaller.class.getName() + ".audit ")
				.doesNotContain(ANALYSING + QuietBase.class.getName());
		}));
	}

	@Test
	void annotationOnABeanMethodIsReportedNotRejected(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(BeanMethodConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("@FireAndForget on @Bean method " + OWNER
					+ "BeanMethodConfiguration.mailer() has no effect: the container calls a @Bean method to create "
					+ "the bean, never through a proxy; annotate the methods of the bean's class");
		});
	}

	@Test
	void beanCreatedBeforeItCouldBeProxiedIsReported(CapturedOutput output) {
		this.contextRunner.withBean("earlyProcessor", EarlyPostProcessor.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("@FireAndForget on EarlyPostProcessor.audit() has no effect: bean "
					+ "'earlyProcessor' was created before it could be proxied");
		});
	}

	/**
	 * Run with the bytecode reads of the checks logged, as a user who asks for TRACE sees
	 * them.
	 */
	private static void traceClassReads(Runnable test) {
		LoggingSystem loggingSystem = LoggingSystem.get(SelfInvocationTests.class.getClassLoader());
		loggingSystem.setLogLevel(CHECK_LOGGER, LogLevel.TRACE);
		try {
			test.run();
		}
		finally {
			loggingSystem.setLogLevel(CHECK_LOGGER, null);
		}
	}

	static class Sender {

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class WideValuesCaller {

		private static final long BASE = 7L;

		private long total;

		public void place(int count, long[] amounts, double[] rates, float factor) {
			long sum = BASE + 1L + 123_456_789_012L;
			double average = 0.0 + 1.0 + 2.5;
			for (int i = 0; i < count; i++) {
				sum = (sum * amounts[i] - i) / 2 % 1_000 << 1 >> 1 >>> 1;
				sum = (sum & 0xFF) | (sum ^ 3L);
				average = (average + rates[i] - i) * 2 / 3 % 5;
			}
			long converted = (long) factor + (long) average + (long) -average + -sum + count;
			double widened = (double) count + (double) converted + factor;
			this.total = (sum > 0) ? converted : (long) widened;
			// Each of these duplicates a two-slot value (dup2, dup2_x1, dup2_x2), which
			// the
			// analysis refuses if it sized the value wrong
			long before = this.total++;
			double previousRate = rates[0]++;
			amounts[0] += before + (long) previousRate;
			WideValuesCaller self = this;
			self.sendReceipt(this.total + converted, (count > 1) ? widened : average);
		}

		@FireAndForget
		public void sendReceipt(long amount, double rate) {
		}

	}

	static class PlainCaller {

		public void place(String order) {
			sendReceipt(order);
		}

		@FireAndForget
		public void sendReceipt(String order) {
		}

	}

	static class LambdaCaller {

		public void place() {
			List.of("a").forEach((order) -> sendReceipt());
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class MethodReferenceCaller {

		public void place() {
			Runnable send = this::sendReceipt;
			send.run();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class AnonymousCaller {

		public void place() {
			new Runnable() {

				@Override
				public void run() {
					sendReceipt();
				}

			}.run();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class InnerClassCaller {

		public void place() {
			new Helper().help();
		}

		@FireAndForget
		public void sendReceipt() {
		}

		class Helper {

			void help() {
				sendReceipt();
			}

		}

	}

	static class NestedAnonymousCaller {

		public void place() {
			new Runnable() {

				@Override
				public void run() {
					new Runnable() {

						@Override
						public void run() {
							sendReceipt();
						}

					}.run();
				}

			}.run();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class InnerConstructorCaller {

		public void place() {
			new Helper();
		}

		@FireAndForget
		public void sendReceipt() {
		}

		class Helper {

			Helper() {
				sendReceipt();
			}

		}

	}

	static class LocalClassCaller {

		public void place() {
			class Task {

				void run() {
					sendReceipt();
				}

			}
			new Task().run();
		}

		public Object prepare() {
			return new Object() {

				{
					sendReceipt();
				}

			};
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	interface Greeter {

		default void greet() {
			sendReceipt();
		}

		void sendReceipt();

	}

	static class DefaultMethodCaller implements Greeter {

		@Override
		@FireAndForget
		public void sendReceipt() {
		}

	}

	interface Handler<T> {

		void handle(T item);

	}

	static class InterfaceLocalCaller implements Handler<String> {

		public void place() {
			Handler<String> handler = this;
			handler.handle("order");
		}

		@Override
		@FireAndForget
		public void handle(String item) {
		}

	}

	static class InheritingCaller extends Sender {

		public void place() {
			sendReceipt();
		}

	}

	static class SelfReferenceCaller {

		@Autowired
		@Lazy
		private SelfReferenceCaller self;

		public void place() {
			this.self.sendReceipt();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class AnotherInstanceCaller {

		public void place(AnotherInstanceCaller another) {
			another.sendReceipt();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class OtherBeanCaller {

		@Autowired
		private Sender sender;

		public void place() {
			this.sender.sendReceipt();
		}

		@FireAndForget
		public void audit() {
		}

	}

	static class DecoratingSender extends Sender {

		@Override
		@FireAndForget
		public void sendReceipt() {
			super.sendReceipt();
		}

	}

	static class GenericSender<T> {

		@FireAndForget
		public void send(T item) {
		}

	}

	static class GenericDecoratingSender extends GenericSender<String> {

		@Override
		public void send(String item) {
			super.send(item.trim());
		}

	}

	static class SuperCaller extends Sender {

		public void place() {
			super.sendReceipt();
		}

		@Override
		public void sendReceipt() {
		}

	}

	static class PrivateSendingBase {

		public void place() {
			sendReceipt();
		}

		private void sendReceipt() {
		}

	}

	static class PrivateNameClashCaller extends PrivateSendingBase {

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class QuietBase {

		public void work() {
			log();
		}

		void log() {
		}

	}

	static class SelectiveCaller extends QuietBase {

		public void place() {
			sendReceipt();
		}

		public void audit() {
			log();
		}

		@FireAndForget
		public void sendReceipt() {
		}

	}

	static class Unannotated {

		public void work() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BeanMethodConfiguration {

		@Bean
		@FireAndForget
		Sender mailer() {
			return new Sender();
		}

	}

	static class EarlyPostProcessor implements BeanPostProcessor, PriorityOrdered {

		@FireAndForget
		public void audit() {
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

}

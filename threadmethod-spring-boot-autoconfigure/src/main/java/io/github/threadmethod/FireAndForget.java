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

package io.github.threadmethod;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method whose every call returns to the caller at once while the body runs
 * on a fresh thread made for that call: no pool, no queue, no waiting for a free worker.
 * The thread is a platform thread, or a virtual thread where configured (Java 21+). That
 * is the default {@link FireAndForgetBackend backend}; another one, chosen for the task
 * by configuration, may run the body elsewhere, with the same guarantees.
 *
 * <p>
 * On a type, the annotation applies to the {@code public void} instance methods that the
 * type declares (and to the methods that override them); the type's other methods stay
 * plain synchronous calls.
 *
 * <p>
 * The contract and its limits:
 * <ul>
 * <li>Only {@code void} methods can be fire-and-forget, since the caller has moved on
 * before the body produces anything. A method-level annotation on a method that returns a
 * value, or on one that a proxy cannot intercept ({@code private}, {@code final},
 * {@code static}), fails application start-up with a message naming the method.</li>
 * <li>The annotation takes effect through a Spring proxy, so only calls that go through
 * the proxy are fire-and-forget. A call on {@code this} from inside the same bean runs
 * synchronously on the caller's thread.</li>
 * <li>An exception thrown by the body never reaches the caller. It goes to the
 * {@link FireAndForgetExceptionHandler} (by default, logged at {@code ERROR}).</li>
 * <li>Arguments are handed over as passed, not copied: do not change them after the call,
 * and pass the values the body needs rather than request-scoped objects that may be
 * recycled once the caller returns.</li>
 * <li>Work in flight lives only in memory: if the JVM dies, it is lost. Closing the
 * application context waits for running calls up to a configured timeout.</li>
 * </ul>
 *
 * <p>
 * The annotation is {@link Reflective @Reflective}: processed ahead of time, an
 * application registers the reflection its proxies need to call these methods in a native
 * image.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 * @see FireAndForgetExceptionHandler
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(FireAndForgetReflectiveProcessor.class)
public @interface FireAndForget {

	/**
	 * Alias for {@link #name()}.
	 * @return the name of the task
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * The name of the task, used in thread names, logs and metrics. Defaults to
	 * {@code SimpleClassName.methodName} of the bean's class.
	 * @return the name of the task
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * A Spring Expression Language (SpEL) expression that gives each call a business key,
	 * worked out from its arguments on the caller's thread as the {@code key} of Spring's
	 * cache annotations is: {@code #p0} or {@code #a0} for the first argument,
	 * {@code #order} for the argument named {@code order} (where the parameter names are
	 * compiled in, {@code -parameters}), {@code #root.args} and {@code #root.methodName}.
	 * The value's {@code toString()} is the key: {@code "#order.id"},
	 * {@code "#p0 + ':' + #p1"}.
	 * <p>
	 * What a key does is the {@code threadmethod.tasks[<task>].key-policy} of the task:
	 * {@code unique} starts no call while a call of the task with the same key is still
	 * waiting or running (the call is counted deduplicated, and in the durable mode the
	 * stored call's id is made of the task and the key, so that the whole cluster
	 * deduplicates it); {@code serial} runs the calls of one key one after another, in
	 * the order they were made, never two at once. Without a policy, the key only names
	 * the call in logs and in its observation. A call made in a transaction, which starts
	 * once it commits ({@code threadmethod.dispatch}), gets its key when it is made, from
	 * the arguments as passed, and is held to the policy when it starts: one discarded by
	 * a rollback never held its key.
	 * <p>
	 * An expression that does not parse fails application start-up naming the method and
	 * the expression. At a call, an expression that fails, or yields {@code null},
	 * rejects that call with a
	 * {@link org.springframework.core.task.TaskRejectedException} naming the task and the
	 * expression.
	 * <p>
	 * On a type, the expression applies to each method the annotation covers there; a
	 * method annotated itself has its own annotation's key, or none.
	 * @return the key expression, or an empty string (the default) for calls without a
	 * key
	 * @since 0.1.0
	 */
	String key() default "";

}

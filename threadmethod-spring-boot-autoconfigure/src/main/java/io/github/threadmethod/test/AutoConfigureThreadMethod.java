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
package io.github.threadmethod.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation for a test class whose Spring Boot test slice ({@code @WebMvcTest},
 * {@code @DataJpaTest}, {@code @JsonTest}...) includes beans with
 * {@link io.github.threadmethod.FireAndForget @FireAndForget} methods, and should call
 * them as the application does. A slice applies only the auto-configurations it lists, so
 * without this annotation such a bean is not proxied there: its methods run as plain
 * synchronous calls, unchecked and uncounted.
 *
 * <p>
 * With it, the slice gets what {@code @SpringBootTest} gets: the proxies and their
 * start-up checks, the {@link io.github.threadmethod.FireAndForgetCalls account of
 * calls}, the exception handler, the {@code threadmethod.*} properties; and metrics and
 * the actuator endpoint too if the slice has a {@code MeterRegistry} or exposes
 * endpoints. Add {@code threadmethod.mode=synchronous} to the test's properties to run
 * every call on the test's thread.
 *
 * <p>
 * The auto-configurations it imports are listed in
 * {@code META-INF/spring/io.github.threadmethod.test.AutoConfigureThreadMethod.imports}.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureThreadMethod {

}

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

import java.util.ArrayList;
import java.util.List;

import io.github.threadmethod.IneffectiveFireAndForgetException;
import io.github.threadmethod.InvalidFireAndForgetMethodException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;

/**
 * The misuse that the beans created during start-up were found with, held back so that
 * start-up fails once, when every singleton exists, listing the misuse of every bean and
 * what the other checks found, rather than stopping at the first bean. Misuse found once
 * start-up is over (a lazy bean) is thrown at once, failing the bean's creation.
 *
 * <p>
 * Safe to use from several threads at once, as beans may be created in parallel.
 *
 * @author threadmethod contributors
 */
final class StartupFailures {

	private final Object lock = new Object();

	// Guarded by the lock: the beans found with misuse, in the order found, and whether
	// start-up is over
	private final List<Misused> misused = new ArrayList<>();

	private boolean startupComplete;

	/**
	 * Reject the misuse of the given bean: keep it for the end of start-up, or throw it
	 * if start-up is over.
	 * @param beanName the name of the bean
	 * @param misuse what is wrong with its methods
	 * @throws InvalidFireAndForgetMethodException once start-up is over
	 */
	void reject(String beanName, InvalidFireAndForgetMethodException misuse) {
		synchronized (this.lock) {
			if (!this.startupComplete) {
				this.misused.add(new Misused(beanName, misuse));
				return;
			}
		}
		throw misuse;
	}

	/**
	 * Return whether start-up holds back misuse of the given bean class: its beans are
	 * left unproxied, and need no other report.
	 * @param beanClass the user class of a bean
	 * @return whether the class is held back as misused
	 */
	boolean isMisused(Class<?> beanClass) {
		synchronized (this.lock) {
			// Asked of every singleton after start-up: no stream for the usual empty list
			for (Misused found : this.misused) {
				if (found.misuse().getBeanClass() == beanClass) {
					return true;
				}
			}
			return false;
		}
	}

	/**
	 * End start-up, failing it with all that was found: the misuse of every bean class,
	 * the first bean's exception suppressing the others' and the given one.
	 * @param ineffective what the check of uses that run synchronously found, or
	 * {@code null}
	 * @throws BeanCreationException naming the first bean with misuse, caused by its
	 * misuse, if any was found
	 * @throws IneffectiveFireAndForgetException the given one, if no bean has misuse
	 */
	void completeStartup(@Nullable IneffectiveFireAndForgetException ineffective) {
		List<Misused> found;
		synchronized (this.lock) {
			this.startupComplete = true;
			found = List.copyOf(this.misused);
			this.misused.clear();
		}
		if (found.isEmpty()) {
			if (ineffective != null) {
				throw ineffective;
			}
			return;
		}
		Misused first = found.get(0);
		found.stream().skip(1).forEach((other) -> first.misuse().addSuppressed(other.misuse()));
		if (ineffective != null) {
			first.misuse().addSuppressed(ineffective);
		}
		// As the failure of the bean's creation, which it was before it was held back
		throw new BeanCreationException(first.beanName(),
				"Invalid @FireAndForget methods" + ((found.size() > 1 || ineffective != null)
						? "; the cause suppresses the other findings of start-up" : ""),
				first.misuse());
	}

	/**
	 * A bean found with misuse, and its misuse.
	 */
	private record Misused(String beanName, InvalidFireAndForgetMethodException misuse) {

	}

}

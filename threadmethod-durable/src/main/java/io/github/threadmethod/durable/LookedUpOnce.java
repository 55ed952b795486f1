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

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What a lookup returns, looked up when first asked for, then kept: the beans and the
 * database that every stored or run call needs. Without a lock, unlike Spring's
 * {@code SingletonSupplier}: the first call may come from any thread while the context
 * still creates beans, and a lock held across the bean factory's own would let two such
 * threads wait on each other for good. Two threads that ask at once both look it up, and
 * each lookup must give an equivalent result (the same singleton bean, or a value built
 * from them); a lookup that throws is tried again by the next caller.
 *
 * <p>
 * Public for threadmethod's durable auto-configuration; not an API, may change in any
 * release.
 *
 * @param <T> the type of what is looked up
 * @author threadmethod contributors
 * @since 0.1.0
 */
public final class LookedUpOnce<T> implements Supplier<T> {

	private final Supplier<T> lookup;

	private volatile @Nullable T found;

	/**
	 * Keep what the given lookup returns, once first asked for.
	 * @param lookup the lookup, which must not return {@code null}
	 */
	public LookedUpOnce(Supplier<T> lookup) {
		this.lookup = lookup;
	}

	@Override
	public T get() {
		T found = this.found;
		if (found == null) {
			found = this.lookup.get();
			this.found = found;
		}
		return found;
	}

}

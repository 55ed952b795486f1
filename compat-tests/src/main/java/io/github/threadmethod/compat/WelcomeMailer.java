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
package io.github.threadmethod.compat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Sends welcome mails off the caller's thread, and remembers which thread sent each.
 *
 * @author threadmethod contributors
 */
@Service
public class WelcomeMailer {

	private final Map<String, Thread> senders = new ConcurrentHashMap<>();

	/**
	 * Send a welcome mail to a user; returns at once.
	 * @param user the user to welcome
	 */
	@FireAndForget
	public void sendWelcome(String user) {
		this.senders.put(user, Thread.currentThread());
	}

	/**
	 * Remind a user, once the given latch is released; returns at once. A user is
	 * reminded once at a time: a reminder made while one is waiting or running is not
	 * sent ({@code key-policy=unique} in {@code application.properties}).
	 * @param user the user to remind
	 * @param sent released when the reminder may go
	 * @throws InterruptedException if interrupted while waiting for the latch
	 */
	@FireAndForget(key = "#p0")
	public void remind(String user, CountDownLatch sent) throws InterruptedException {
		sent.await(10, TimeUnit.SECONDS);
	}

	/**
	 * Return the thread that sent the welcome mail to a user.
	 * @param user the user
	 * @return the thread, or {@code null} if none was sent
	 */
	public @Nullable Thread senderOf(String user) {
		return this.senders.get(user);
	}

}

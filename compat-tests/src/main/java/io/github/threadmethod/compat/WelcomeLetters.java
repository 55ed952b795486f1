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

import io.github.threadmethod.FireAndForget;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends welcome letters off the caller's thread, and remembers for each whether the
 * user's registration was found when it was sent.
 *
 * @author threadmethod contributors
 */
@Service
public class WelcomeLetters {

	private final JdbcTemplate jdbc;

	private final Map<String, Boolean> sent = new ConcurrentHashMap<>();

	public WelcomeLetters(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Send a welcome letter to a registered user; returns at once.
	 * @param user the user
	 */
	@FireAndForget
	public void send(String user) {
		Integer found = this.jdbc.queryForObject("select count(*) from registration where username = ?", Integer.class,
				user);
		this.sent.put(user, found != null && found == 1);
	}

	/**
	 * Return whether the registration was found when the letter to a user was sent.
	 * @param user the user
	 * @return whether it was found, or {@code null} if no letter was sent
	 */
	public @Nullable Boolean registrationFoundFor(String user) {
		return this.sent.get(user);
	}

}

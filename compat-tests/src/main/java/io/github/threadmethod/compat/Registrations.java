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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users, each in a transaction that also sends their welcome letter.
 *
 * @author threadmethod contributors
 */
@Service
public class Registrations {

	private final JdbcTemplate jdbc;

	private final WelcomeLetters letters;

	public Registrations(JdbcTemplate jdbc, WelcomeLetters letters) {
		this.jdbc = jdbc;
		this.letters = letters;
	}

	/**
	 * Register a user and send the welcome letter, in one transaction.
	 * @param user the user
	 */
	@Transactional
	public void register(String user) {
		this.jdbc.update("insert into registration (username) values (?)", user);
		this.letters.send(user);
	}

	/**
	 * Register a user and send the welcome letter, then fail, which rolls the
	 * registration back.
	 * @param user the user
	 */
	@Transactional
	public void registerAndFail(String user) {
		register(user);
		throw new IllegalStateException("Registration of " + user + " rolled back on purpose");
	}

}

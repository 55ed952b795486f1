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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import io.github.threadmethod.FireAndForget;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An instance of an application, in a JVM of its own, whose durable task inserts one row
 * per call, and which kills its own JVM with SIGKILL at the points a directory of kill
 * files names: {@code <call>.body} inside the body, after its write and before its
 * commit; {@code <call>.committed} once the body's transaction has committed, before
 * db-scheduler records the call's completion. A kill file is deleted as it is taken, by
 * the one instance that gets to delete it, so that each kill happens once, whatever
 * instance runs the call and however often. With {@code --calls=N}, the instance first
 * makes the calls 1 to N, in one transaction, so that none runs before all are stored.
 *
 * @author threadmethod contributors
 */
public final class CrashingInstance {

	private CrashingInstance() {
	}

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args);
		// db-scheduler's threads run the calls until the JVM is killed or the test ends
		Thread.currentThread().join();
	}

	/**
	 * Kill this JVM as {@code kill -9} does, and never return: nothing after the kill
	 * point runs, neither a commit nor db-scheduler's completion.
	 */
	static void killThisJvm() {
		try {
			new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
		}
		catch (IOException | InterruptedException ex) {
			Runtime.getRuntime().halt(137);
		}
		while (true) {
			LockSupport.park();
		}
	}

	public static class Rows {

		private final JdbcTemplate jdbc;

		private final Path kills;

		public Rows(JdbcTemplate jdbc, Path kills) {
			this.jdbc = jdbc;
			this.kills = kills;
		}

		@FireAndForget
		@Transactional
		public void insert(int call) {
			this.jdbc.update("insert into effects (call_no, pid) values (?, ?)", call, ProcessHandle.current().pid());
			if (taken(this.kills.resolve(call + ".body"))) {
				killThisJvm();
			}
			Path committed = this.kills.resolve(call + ".committed");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					if (taken(committed)) {
						killThisJvm();
					}
				}

			});
		}

		/**
		 * Take the given kill file: only one instance deletes it.
		 */
		private static boolean taken(Path kill) {
			try {
				return Files.deleteIfExists(kill);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BootDataAutoConfigurations.Selector.class)
	static class App {

		@Bean
		JdbcTemplate jdbcTemplate(javax.sql.DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		Rows rows(JdbcTemplate jdbc, Environment environment) {
			return new Rows(jdbc, Path.of(environment.getRequiredProperty("kills")));
		}

		@Bean
		ApplicationRunner makeCalls(Rows rows, TransactionTemplate transaction, Environment environment) {
			int calls = environment.getProperty("calls", Integer.class, 0);
			return (arguments) -> transaction.executeWithoutResult((status) -> {
				for (int call = 1; call <= calls; call++) {
					rows.insert(call);
				}
			});
		}

	}

}

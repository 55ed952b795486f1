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

import java.util.List;

import javax.sql.DataSource;

import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An application that saves orders in transactions on an in-memory H2 database (each
 * context its own), and sends their receipts with {@code @FireAndForget} methods that
 * read the order, for the tests of calls made in a transaction. Its beans need a
 * {@link CallRecorder} bean.
 *
 * @author threadmethod contributors
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
public class OrdersApplication {

	/**
	 * The task of {@link Receipts#send(int)}.
	 */
	public static final String SEND = "Receipts.send";

	/**
	 * The task of {@link Receipts#file(int, boolean)}.
	 */
	public static final String FILE = "Receipts.file";

	@Bean(destroyMethod = "shutdown")
	EmbeddedDatabase dataSource() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
	}

	@Bean
	DataSourceTransactionManager transactionManager(DataSource dataSource) {
		return new DataSourceTransactionManager(dataSource);
	}

	@Bean
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	@Bean
	JdbcTemplate jdbcTemplate(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("create table orders (id int primary key)");
		jdbc.execute("create table receipts (id int primary key)");
		return jdbc;
	}

	@Bean
	Receipts receipts(JdbcTemplate jdbc, CallRecorder recorder) {
		return new Receipts(jdbc, recorder);
	}

	@Bean
	Orders orders(JdbcTemplate jdbc, Receipts receipts) {
		return new Orders(jdbc, receipts);
	}

	/**
	 * Saves orders, each with its receipt sent in the same transaction.
	 */
	public static class Orders {

		private final JdbcTemplate jdbc;

		private final Receipts receipts;

		Orders(JdbcTemplate jdbc, Receipts receipts) {
			this.jdbc = jdbc;
			this.receipts = receipts;
		}

		/**
		 * Save an order, in the caller's transaction if there is one.
		 * @param id the order's id
		 */
		public void save(int id) {
			this.jdbc.update("insert into orders (id) values (?)", id);
		}

		/**
		 * Save an order and send its receipt, in a transaction.
		 * @param id the order's id
		 */
		@Transactional
		public void place(int id) {
			save(id);
			this.receipts.send(id);
		}

		/**
		 * Save an order and send its receipt, then fail, which rolls the transaction
		 * back.
		 * @param id the order's id
		 */
		@Transactional
		public void placeAndFail(int id) {
			place(id);
			throw new IllegalStateException("rolled back on purpose");
		}

		/**
		 * Return the ids of the receipts filed.
		 * @return the ids
		 */
		public List<Integer> filedReceipts() {
			return this.jdbc.queryForList("select id from receipts order by id", Integer.class);
		}

	}

	/**
	 * Sends receipts, recording for each call whether the order was found, the caller's
	 * MDC entry {@code order}, and whether a transaction was active in the body.
	 */
	public static class Receipts {

		private final JdbcTemplate jdbc;

		private final CallRecorder recorder;

		Receipts(JdbcTemplate jdbc, CallRecorder recorder) {
			this.jdbc = jdbc;
			this.recorder = recorder;
		}

		/**
		 * Send the receipt of an order: record whether it was found.
		 * @param id the order's id
		 */
		@FireAndForget
		public void send(int id) {
			Integer found = this.jdbc.queryForObject("select count(*) from orders where id = ?", Integer.class, id);
			this.recorder.record("send", id, found != null && found == 1, String.valueOf(MDC.get("order")),
					TransactionSynchronizationManager.isActualTransactionActive());
		}

		/**
		 * File the receipt of an order in a transaction of the body's own, then fail if
		 * asked to, which rolls it back.
		 * @param id the order's id
		 * @param fail whether to fail
		 */
		@FireAndForget
		@Transactional
		public void file(int id, boolean fail) {
			this.jdbc.update("insert into receipts (id) values (?)", id);
			this.recorder.record("file", id);
			if (fail) {
				throw new IllegalStateException("failed on purpose");
			}
		}

	}

}

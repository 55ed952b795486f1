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
package io.github.threadmethod.testsupport.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL cluster of a test class's own, made from the machine's PostgreSQL server
 * binaries (see {@link #BINARIES_MISSING}) and thrown away after the class: initialized
 * in a temporary directory, listening on {@code 127.0.0.1} only, on a free port, with
 * trust authentication for the {@code postgres} superuser, and a database {@code test}.
 * When the tests run as root, the cluster runs as {@code nobody}.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final ThrowawayPostgreSql postgres = new ThrowawayPostgreSql();
 * </pre>
 *
 * <p>
 * The cluster is stopped with {@code pg_ctl stop -m immediate} after the class, when
 * starting it failed, and when the JVM exits before that. Without PostgreSQL binaries the
 * class's tests are skipped, naming what is missing; under CI ({@code CI=true}) they fail
 * instead, since CI must install PostgreSQL ({@code .ci/run} does).
 *
 * <p>
 * Outside JUnit (the benchmarks'), {@link #start()} starts it and {@link #close()} stops
 * it.
 *
 * @author threadmethod contributors
 */
public final class ThrowawayPostgreSql implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/**
	 * What a test is told when this machine has no PostgreSQL server binaries.
	 */
	public static final String BINARIES_MISSING = "No PostgreSQL server binaries (initdb, pg_ctl, createdb) in "
			+ PostgreSqlBinaries.DEBIAN_LOCATION + "/<version>/bin or on the PATH: install them, e.g. "
			+ "apt-get install postgresql";

	private static final String SUPERUSER = "postgres";

	private static final String DATABASE = "test";

	private Path directory;

	private Path data;

	private ClusterCommands commands;

	private int port;

	private Thread stopOnExit;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Optional<Path> binaries = PostgreSqlBinaries.find();
		if (binaries.isEmpty()) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(BINARIES_MISSING);
			}
			Assumptions.abort(BINARIES_MISSING);
		}
		start(binaries.get());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Start the cluster outside JUnit; {@link #close()} stops it.
	 * @throws IllegalStateException when this machine has no PostgreSQL server binaries
	 * ({@link #BINARIES_MISSING}), or the cluster cannot start
	 */
	public void start() {
		Path binaries = PostgreSqlBinaries.find().orElseThrow(() -> new IllegalStateException(BINARIES_MISSING));
		try {
			start(binaries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stop the cluster and delete its files.
	 */
	@Override
	public void close() {
		stop();
	}

	private void start(Path binaries) throws IOException, InterruptedException {
		this.directory = Files.createTempDirectory("threadmethod-postgresql-");
		this.data = this.directory.resolve("data");
		this.stopOnExit = new Thread(this::stopCluster, "stop-throwaway-postgresql");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
		try {
			this.commands = new ClusterCommands(binaries, this.directory);
			this.commands.run("initdb", "--pgdata=" + this.data, "--username=" + SUPERUSER, "--auth=trust",
					"--encoding=UTF8", "--no-locale", "--no-sync");
			this.port = freePort();
			// Loopback only, no Unix socket (its default directory is not ours), and no
			// durability: the cluster is thrown away
			Files.writeString(this.data.resolve("postgresql.conf"),
					"\nlisten_addresses = '127.0.0.1'\nport = " + this.port + "\nunix_socket_directories = ''\n"
							+ "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
					StandardCharsets.UTF_8, StandardOpenOption.APPEND);
			this.commands.run("pg_ctl", "start", "--pgdata=" + this.data,
					"--log=" + this.directory.resolve("server.log"), "--wait", "--timeout=60");
			createDatabase(DATABASE);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			String log = serverLog();
			stop();
			throw new IllegalStateException("Could not start a throwaway PostgreSQL cluster; its log: " + log, ex);
		}
	}

	/**
	 * Create a database in the cluster.
	 * @param name the database's name
	 * @return its JDBC URL
	 */
	public String createDatabase(String name) {
		try {
			this.commands.run("createdb", "--host=127.0.0.1", "--port=" + this.port, "--username=" + SUPERUSER, name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return jdbcUrl(name);
	}

	/**
	 * Return the JDBC URL of the {@code test} database.
	 * @return the URL
	 */
	public String getJdbcUrl() {
		return jdbcUrl(DATABASE);
	}

	/**
	 * Return the user to connect as, with any password or none.
	 * @return the user
	 */
	public String getUsername() {
		return SUPERUSER;
	}

	/**
	 * Return the port the cluster listens on, on {@code 127.0.0.1}.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	private void stop() {
		if (this.stopOnExit != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
			}
			catch (IllegalStateException ex) {
				// The JVM is exiting: the hook stops the cluster
				return;
			}
			this.stopOnExit = null;
		}
		stopCluster();
	}

	private synchronized void stopCluster() {
		if (this.directory == null) {
			return;
		}
		try {
			if (this.commands != null && Files.exists(this.data.resolve("postmaster.pid"))) {
				this.commands.run("pg_ctl", "stop", "--pgdata=" + this.data, "--mode=immediate", "--wait");
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not stop the throwaway PostgreSQL cluster in " + this.directory + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			delete(this.directory);
			this.directory = null;
		}
	}

	private String serverLog() {
		try {
			Path log = this.directory.resolve("server.log");
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory: left for the system to clean
		}
	}

}

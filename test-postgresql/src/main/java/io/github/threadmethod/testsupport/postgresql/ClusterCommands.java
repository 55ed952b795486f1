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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's binaries as the cluster's owner. PostgreSQL refuses to run as root:
 * when the tests run as root (as CI does), the binaries run as {@value #UNPRIVILEGED},
 * through {@code runuser}, and the cluster's directory belongs to that user; otherwise
 * they run as the current user.
 *
 * @author threadmethod contributors
 */
final class ClusterCommands {

	static final String UNPRIVILEGED = "nobody";

	private static final long TIMEOUT_SECONDS = 120;

	private final Path binaries;

	private final Path directory;

	private final boolean root;

	/**
	 * Make the given directory the cluster's, owned by the user the binaries will run as.
	 */
	ClusterCommands(Path binaries, Path directory) throws IOException, InterruptedException {
		this.binaries = binaries;
		this.directory = directory;
		this.root = isRoot(directory);
		if (this.root) {
			UserPrincipal owner = directory.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName(UNPRIVILEGED);
			Files.setOwner(directory, owner);
		}
	}

	/**
	 * Run the given PostgreSQL binary with the given arguments, and wait for it.
	 * @return what it printed
	 * @throws IllegalStateException if it fails, with what it printed
	 */
	String run(String binary, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (this.root) {
			command.addAll(List.of(runuser(), "-u", UNPRIVILEGED, "--"));
		}
		command.add(this.binaries.resolve(binary).toString());
		command.addAll(List.of(arguments));
		// To a file rather than a pipe: a server that pg_ctl starts must not hold the
		// pipe open, nor block on it once nobody reads it
		Path output = Files.createTempFile(this.directory, binary + "-", ".out");
		try {
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
						+ " seconds: " + Files.readString(output, StandardCharsets.UTF_8));
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + printed);
			}
			return printed;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static String runuser() {
		// Not always on the PATH of a build
		for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return "runuser";
	}

	private static boolean isRoot(Path directory) throws IOException {
		// The owner of a directory this process has just made is the user it runs as
		return "root".equals(Files.getOwner(directory).getName());
	}

}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL server binaries of this machine: Debian's
 * {@code /usr/lib/postgresql/<version>/bin}, the newest version first, then the
 * directories of {@code PATH}.
 *
 * @author threadmethod contributors
 */
final class PostgreSqlBinaries {

	static final String DEBIAN_LOCATION = "/usr/lib/postgresql";

	private static final List<String> NEEDED = List.of("initdb", "pg_ctl", "createdb");

	private PostgreSqlBinaries() {
	}

	/**
	 * Return the directory that holds {@code initdb}, {@code pg_ctl} and
	 * {@code createdb}, if this machine has one.
	 */
	static Optional<Path> find() {
		List<Path> candidates = new ArrayList<>(debianDirectories());
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(java.io.File.pathSeparator)) {
				if (!directory.isEmpty()) {
					candidates.add(Path.of(directory));
				}
			}
		}
		return candidates.stream().filter(PostgreSqlBinaries::hasAll).findFirst();
	}

	private static List<Path> debianDirectories() {
		Path root = Path.of(DEBIAN_LOCATION);
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.sorted(Comparator.comparingDouble(PostgreSqlBinaries::version).reversed())
				.map((version) -> version.resolve("bin"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double version(Path directory) {
		try {
			return Double.parseDouble(directory.getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean hasAll(Path directory) {
		return NEEDED.stream().allMatch((name) -> Files.isExecutable(directory.resolve(name)));
	}

}

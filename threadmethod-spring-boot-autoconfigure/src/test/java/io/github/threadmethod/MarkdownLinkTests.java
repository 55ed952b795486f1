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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the links of the project's Markdown files (README.md, docs/*.md,
 * sample-app/README.md): a relative link must name a file or directory that exists, and
 * an anchor ({@code #...}) one that a heading of the linked file produces, by GitHub's
 * rules. External links are not fetched, only checked to be well-formed {@code http(s)}
 * addresses.
 *
 * @author threadmethod contributors
 */
class MarkdownLinkTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");

	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	/** An inline link or image: {@code [text](target "title")}. */
	private static final Pattern LINK = Pattern
		.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	/** A link reference definition: {@code [label]: target}. */
	private static final Pattern DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

	private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]*)>");

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyLinkOfTheDocsResolves() throws IOException {
		List<Path> files = markdownFiles();
		assertThat(files).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/configuration.md"),
				ROOT.resolve("sample-app/README.md"));
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			problems.addAll(check(file, Files.readString(file, StandardCharsets.UTF_8)));
		}
		assertThat(problems).as("broken links").isEmpty();
	}

	@Test
	void slugsFollowGitHub() {
		assertThat(slug("Calls on `this`, found at start-up")).isEqualTo("calls-on-this-found-at-start-up");
		assertThat(slug("Two instances, one PostgreSQL database: jobs that survive `kill -9`"))
			.isEqualTo("two-instances-one-postgresql-database-jobs-that-survive-kill--9");
		assertThat(slug("Test slices: `@AutoConfigureThreadMethod`"))
			.isEqualTo("test-slices-autoconfigurethreadmethod");
		assertThat(slug("What [the docs](docs/x.md) say_here")).isEqualTo("what-the-docs-say_here");
	}

	@Test
	void brokenLinksAreFound() {
		String markdown = """
				# Title

				## Same
				## Same

				[ok](#title) [ok](#same-1) [ok](README.md#threadmethod) [ok](docs/configuration.md) [ok](https://example.com/a?b#c)
				[bad anchor](#nowhere) [bad file](docs/missing.md) [bad anchor elsewhere](README.md#nowhere)
				![bad image](docs/images/missing.png) [bad url](https://) [odd](ftp://example.com)
				`[in code](#nowhere-either)`

				```
				[in a fence](#nowhere-at-all)
				```
				""";
		assertThat(check(ROOT.resolve("test.md"), markdown)).hasSize(6)
			.anySatisfy((problem) -> assertThat(problem).contains("#nowhere"))
			.anySatisfy((problem) -> assertThat(problem).contains("docs/missing.md"))
			.anySatisfy((problem) -> assertThat(problem).contains("README.md#nowhere"))
			.anySatisfy((problem) -> assertThat(problem).contains("docs/images/missing.png"))
			.anySatisfy((problem) -> assertThat(problem).contains("https://"))
			.anySatisfy((problem) -> assertThat(problem).contains("ftp://example.com"));
	}

	private static List<Path> markdownFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		files.add(ROOT.resolve("sample-app/README.md"));
		return files;
	}

	/**
	 * Return a line for each broken link of the given Markdown text, read as the given
	 * file.
	 */
	private List<String> check(Path file, String markdown) {
		this.anchors.put(file, headingAnchors(markdown));
		List<String> problems = new ArrayList<>();
		List<String> lines = proseLines(markdown);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line == null) {
				continue;
			}
			String where = ROOT.relativize(file) + ":" + (i + 1) + ": ";
			for (String target : targets(line)) {
				String problem = problem(file, target);
				if (problem != null) {
					problems.add(where + target + ": " + problem);
				}
			}
		}
		return problems;
	}

	/**
	 * Return the lines of the text with code spans removed, and {@code null} for the
	 * lines of fenced code blocks, which hold no links.
	 */
	private static List<String> proseLines(String markdown) {
		List<String> lines = new ArrayList<>();
		boolean fenced = false;
		for (String line : markdown.split("\n", -1)) {
			if (FENCE.matcher(line).matches()) {
				fenced = !fenced;
				lines.add(null);
			}
			else {
				lines.add(fenced ? null : CODE_SPAN.matcher(line).replaceAll(""));
			}
		}
		return lines;
	}

	private static List<String> targets(String line) {
		List<String> targets = new ArrayList<>();
		for (Pattern pattern : List.of(LINK, DEFINITION, AUTOLINK)) {
			Matcher matcher = pattern.matcher(line);
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	private String problem(Path file, String target) {
		if (target.isEmpty()) {
			return "empty link";
		}
		if (SCHEME.matcher(target).matches()) {
			return externalProblem(target);
		}
		int hash = target.indexOf('#');
		String path = (hash < 0) ? target : target.substring(0, hash);
		Path linked = file;
		if (!path.isEmpty()) {
			String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
			linked = (decoded.startsWith("/") ? ROOT.resolve(decoded.substring(1)) : file.getParent().resolve(decoded))
				.normalize();
			if (!linked.startsWith(ROOT)) {
				return "outside the repository";
			}
			if (!Files.exists(linked)) {
				return "no such file";
			}
		}
		if (hash >= 0) {
			String anchor = target.substring(hash + 1);
			if (!linked.toString().endsWith(".md")) {
				return "an anchor in a file that is not Markdown";
			}
			if (!anchors(linked).contains(anchor)) {
				return "no heading makes this anchor";
			}
		}
		return null;
	}

	private static String externalProblem(String target) {
		try {
			URI uri = new URI(target);
			if ("mailto".equals(uri.getScheme())) {
				return (uri.getSchemeSpecificPart().contains("@")) ? null : "not a mail address";
			}
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				return "not an http(s) link";
			}
			return (uri.getHost() != null) ? null : "no host";
		}
		catch (URISyntaxException ex) {
			return ex.getMessage();
		}
	}

	private Set<String> anchors(Path file) {
		return this.anchors.computeIfAbsent(file, (key) -> {
			try {
				return headingAnchors(Files.readString(key, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Return the anchors GitHub makes for the headings of the given Markdown text: the
	 * slug of each, and for a slug seen before, the slug, a dash and how many times it
	 * was seen before.
	 */
	private static Set<String> headingAnchors(String markdown) {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		for (String line : markdown.split("\n")) {
			if (FENCE.matcher(line).matches()) {
				fenced = !fenced;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!fenced && heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	/**
	 * Return GitHub's slug of a heading: the text it shows (code spans' text, links'
	 * text), lower case, with every character but letters, digits, spaces, dashes and
	 * underscores dropped, and each space made a dash.
	 */
	private static String slug(String heading) {
		String text = CODE_SPAN.matcher(heading).replaceAll("$2");
		text = text.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		text = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "");
		return text.replace(' ', '-');
	}

}

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
package io.github.threadmethod.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What the work finds in a text: how many words it has, how many distinct ones, the most
 * frequent ones, and its SHA-256 digest.
 *
 * @param words the number of words
 * @param distinctWords the number of distinct words, ignoring case
 * @param topWords the most frequent words, most frequent first
 * @param sha256 the hex SHA-256 digest of the text's UTF-8 bytes
 * @author threadmethod contributors
 */
public record TextAnalysis(int words, int distinctWords, List<String> topWords, String sha256) {

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

	private static final int TOP_WORDS = 5;

	/**
	 * Analyse the given text.
	 * @param text the text
	 * @return what was found
	 */
	public static TextAnalysis of(String text) {
		Map<String, Integer> counts = new HashMap<>();
		int words = 0;
		for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
			if (!word.isEmpty()) {
				counts.merge(word, 1, Integer::sum);
				words++;
			}
		}
		List<String> topWords = counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP_WORDS)
			.map(Map.Entry::getKey)
			.toList();
		return new TextAnalysis(words, counts.size(), topWords, sha256(text));
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}

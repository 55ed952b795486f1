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
package io.github.threadmethod.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.threadmethod.autoconfigure.ThreadMethodProperties.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a setting of {@code threadmethod.tasks} that Spring Boot left unbound because
 * the name of its task was written without brackets. A task name has dots in it
 * ({@code Notifier.send}), and the binder reads each dot of a key as a level:
 * {@code threadmethod.tasks.Notifier.send.mode}, or the YAML key {@code Notifier.send:},
 * is the setting {@code send.mode} of a task {@code Notifier}, which no task has. The
 * report names the task the setting was meant for, taken as what comes before the last
 * part of the key that a task's setting starts with, and shows its key in brackets, in
 * YAML and in properties.
 *
 * <p>
 * Any other unbound property is left to Spring Boot's own analysis, which this one runs
 * before, as Boot's is not ordered.
 *
 * @author threadmethod contributors
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DottedTaskKeyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	private static final ConfigurationPropertyName TASKS = ConfigurationPropertyName.of("threadmethod.tasks");

	private static final String NEW_LINE = System.lineSeparator();

	// What a setting of a task starts with, in the dashed form: mode, enabled, ...
	private static final Set<String> SETTINGS = Stream.of(BeanUtils.getPropertyDescriptors(Task.class))
		.map(PropertyDescriptor::getName)
		.filter((name) -> !name.equals("class"))
		.map(DataObjectPropertyName::toDashedForm)
		.collect(Collectors.toUnmodifiableSet());

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<SplitKey> split = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (ConfigurationProperty property : cause.getUnboundProperties()) {
			SplitKey key = SplitKey.of(property);
			if (key != null) {
				split.add(key);
			}
			else {
				others.add(written(property.getName()));
			}
		}
		if (split.isEmpty()) {
			return null;
		}
		return new FailureAnalysis(description(split, others), action(split), cause);
	}

	private static String description(List<SplitKey> split, List<String> others) {
		StringBuilder description = new StringBuilder("Settings of threadmethod.tasks were left unbound, as the name "
				+ "of their task was split at its dots: Spring Boot reads each dot of a key as a level, so it took "
				+ "the first part of the name for the task and the rest for a setting, which tasks do not have:");
		for (SplitKey key : split) {
			description.append(NEW_LINE)
				.append("- ")
				.append(written(key.property().getName()))
				.append(" (")
				.append(key.describeValue())
				.append(") is meant for task '")
				.append(key.task())
				.append("'");
		}
		if (!others.isEmpty()) {
			description.append(NEW_LINE).append("Left unbound as well: ").append(String.join(", ", others));
		}
		return description.toString();
	}

	private static String action(List<SplitKey> split) {
		Map<String, List<SplitKey>> byTask = new LinkedHashMap<>();
		split.forEach((key) -> byTask.computeIfAbsent(key.task(), (task) -> new ArrayList<>()).add(key));
		String tasks = byTask.keySet().stream().map((task) -> "'" + task + "'").collect(Collectors.joining(", "));
		StringBuilder action = new StringBuilder(
				(byTask.size() > 1) ? "Write the names of tasks " : "Write the name of task ")
			.append(tasks)
			.append(" in brackets: the binder keeps the dots of a key in brackets. In YAML, quote the key with its "
					+ "brackets:")
			.append(NEW_LINE)
			.append(NEW_LINE)
			.append("\tthreadmethod:")
			.append(NEW_LINE)
			.append("\t  tasks:");
		byTask.forEach((task, keys) -> action.append(NEW_LINE).append(yaml(task, keys)));
		action.append(NEW_LINE)
			.append(NEW_LINE)
			.append("In a .properties file, or on the command line (quoted for the shell):")
			.append(NEW_LINE);
		byTask.values()
			.forEach((keys) -> keys.forEach((key) -> action.append(NEW_LINE).append("\t").append(key.bracketed())));
		return action.toString();
	}

	/**
	 * Write the settings of one task as YAML under {@code threadmethod.tasks}, sharing
	 * the levels they have in common ({@code concurrency}).
	 */
	private static String yaml(String task, List<SplitKey> keys) {
		StringBuilder yaml = new StringBuilder("\t    '[").append(task).append("]':");
		List<String> written = new ArrayList<>();
		for (SplitKey key : keys) {
			List<String> setting = key.setting();
			for (int level = 0; level < setting.size(); level++) {
				String path = String.join(".", setting.subList(0, level + 1));
				if (written.contains(path)) {
					continue;
				}
				written.add(path);
				yaml.append(NEW_LINE)
					.append("\t      ")
					.append("  ".repeat(level))
					.append(setting.get(level))
					.append(":");
				if (level == setting.size() - 1) {
					yaml.append(" ").append(key.value());
				}
			}
		}
		return yaml.toString();
	}

	/**
	 * Return the name as it was written, where Boot's own form is in lower case.
	 */
	private static String written(ConfigurationPropertyName name) {
		return IntStream.range(0, name.getNumberOfElements())
			.mapToObj((index) -> name.getElement(index, Form.ORIGINAL))
			.collect(Collectors.joining("."));
	}

	/**
	 * An unbound setting whose key split the name of its task at its dots.
	 *
	 * @param property the setting
	 * @param task the name of the task it was meant for
	 * @param setting the levels of the setting, in the dashed form: {@code mode}, or
	 * {@code concurrency} and {@code limit}
	 */
	private record SplitKey(ConfigurationProperty property, String task, List<String> setting) {

		/**
		 * Return the key of the given property as a split task key, or {@code null} if it
		 * is not one: not under {@code threadmethod.tasks}, or with no part after the
		 * first two that a setting of a task starts with.
		 */
		static @Nullable SplitKey of(ConfigurationProperty property) {
			ConfigurationPropertyName name = property.getName();
			if (!TASKS.isAncestorOf(name)) {
				return null;
			}
			int first = TASKS.getNumberOfElements();
			int size = name.getNumberOfElements();
			// The last part that starts a setting, so that a task named after a setting
			// ('Settings.mode') keeps its last part; a task name has two parts at least
			for (int start = size - 1; start >= first + 2; start--) {
				if (SETTINGS.contains(name.getElement(start, Form.DASHED))) {
					String task = IntStream.range(first, start)
						.mapToObj((index) -> name.getElement(index, Form.ORIGINAL))
						.collect(Collectors.joining("."));
					List<String> setting = IntStream.range(start, size)
						.mapToObj((index) -> name.getElement(index, Form.DASHED))
						.toList();
					return new SplitKey(property, task, setting);
				}
			}
			return null;
		}

		/**
		 * Return the setting as a properties line, its task's name in brackets.
		 */
		String bracketed() {
			return TASKS + "[" + this.task + "]." + String.join(".", this.setting) + "=" + value();
		}

		String value() {
			return String.valueOf(this.property.getValue());
		}

		String describeValue() {
			Origin origin = this.property.getOrigin();
			return "value '" + value() + "'" + ((origin != null) ? ", from " + origin : "");
		}

	}

}

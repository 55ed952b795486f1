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
package io.github.threadmethod.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadmethod.benchmarks.BenchmarkPlots.Figure;
import io.github.threadmethod.benchmarks.BenchmarkPlots.Plot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.util.ListStatistics;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link BenchmarkPlots}.
 *
 * @author threadmethod contributors
 */
class BenchmarkPlotsTests {

	@TempDir
	Path directory;

	@Test
	void drawsTheBareThreadsAndAsyncAsReferences() throws Exception {
		BenchmarkPlots plots = BenchmarkPlots.startIn(this.directory, "Java 25, 2 CPUs");
		Map<Variant, Figure> nanos = new EnumMap<>(Variant.class);
		nanos.put(Variant.DIRECT, new Figure(52, 51, 53));
		nanos.put(Variant.THREAD, new Figure(63_560, 60_000, 70_000));
		nanos.put(Variant.FIRE_AND_FORGET, new Figure(67_834, 66_000, 69_000));
		nanos.put(Variant.ASYNC_BOOT_POOL, new Figure(4_994, 4_900, 5_100));
		Plot plot = plots.callerReturn(nanos);
		assertThat(plot.file()).isEqualTo(this.directory.resolve("caller-return.svg"));
		Element svg = SvgBarChartTests.parse(Files.readString(plot.file())).getDocumentElement();
		assertThat(SvgBarChartTests.texts(svg, "label")).containsExactly("DIRECT", "THREAD", "FIRE_AND_FORGET",
				"ASYNC_BOOT_POOL");
		assertThat(SvgBarChartTests.texts(svg, "legend-entry")).containsExactly(BenchmarkPlots.FLOOR.name(),
				BenchmarkPlots.BARE_THREAD.name(), BenchmarkPlots.FIRE_AND_FORGET.name(), BenchmarkPlots.ASYNC.name());
		assertThat(SvgBarChartTests.texts(svg, "note")).last().isEqualTo("Java 25, 2 CPUs");
		assertThat(SvgBarChartTests.elements(svg, "path", "whisker")).hasSize(4);
		assertThat(BenchmarkPlots.series(Variant.VIRTUAL_THREAD)).isEqualTo(BenchmarkPlots.BARE_THREAD);
		assertThat(BenchmarkPlots.series(Variant.ASYNC_SIMPLE_VIRTUAL)).isEqualTo(BenchmarkPlots.ASYNC);
		assertThat(BenchmarkPlots.series(Variant.FIRE_AND_FORGET_VIRTUAL_ALL))
			.isEqualTo(BenchmarkPlots.FIRE_AND_FORGET);
	}

	@Test
	void aFigureThatWasNotMeasuredIsDrawnAsNotAvailable() throws Exception {
		BenchmarkPlots plots = BenchmarkPlots.startIn(this.directory, "run");
		Plot plot = plots.durableCallerReturn(new Figure(194, 150, 250), null);
		Element svg = SvgBarChartTests.parse(Files.readString(plot.file())).getDocumentElement();
		assertThat(SvgBarChartTests.texts(svg, "value")).containsExactly("194", "n/a");
	}

	@Test
	void startsInADirectoryWithoutTheFormerRunsPlots() throws Exception {
		Path former = Files.writeString(this.directory.resolve("burst-rate.svg"), "<svg/>");
		Path other = Files.writeString(this.directory.resolve("notes.txt"), "kept");
		BenchmarkPlots.startIn(this.directory, "run");
		assertThat(former).doesNotExist();
		assertThat(other).exists();
	}

	@Test
	void copiesEveryPlotWrittenToAnotherDirectory() throws Exception {
		BenchmarkPlots plots = BenchmarkPlots.startIn(this.directory.resolve("target"), "run");
		Path docs = this.directory.resolve("docs").resolve("images");
		Files.createDirectories(docs);
		Files.writeString(docs.resolve("durable-drain.svg"), "stale");
		Map<String, Double> rates = new LinkedHashMap<>();
		rates.put("fetch", 1_153.0);
		rates.put("lock_and_fetch", 152.0);
		Plot drain = plots.durableDrain(10_000, rates);
		Plot latency = plots.durableCommitToBodyStart(200, new Figure(2.25, 1.5, 6.71), new Figure(2.12, 1.4, 18.99));
		List<Path> copies = plots.copyTo(docs);
		assertThat(copies).containsExactly(docs.resolve("durable-drain.svg"),
				docs.resolve("durable-commit-to-body-start.svg"));
		assertThat(docs.resolve("durable-drain.svg")).hasSameTextualContentAs(drain.file());
		assertThat(docs.resolve("durable-commit-to-body-start.svg")).hasSameTextualContentAs(latency.file());
	}

	@Test
	void figuresOfIterationsSpanTheFastestToTheSlowest() {
		Figure figure = Figure.ofIterations(new ListStatistics(new double[] { 3, 1, 2, 100, 4 }));
		assertThat(figure).isEqualTo(new Figure(3, 1, 100));
	}

	@Test
	void figuresOfSamplesSpanTheTenthToTheNinetiethPercentileNotTheOutliers() {
		ListStatistics samples = new ListStatistics();
		for (int i = 1; i <= 100; i++) {
			samples.addValue(i);
		}
		samples.addValue(1_000_000);
		Figure figure = Figure.ofSamples(samples);
		assertThat(figure)
			.isEqualTo(new Figure(samples.getPercentile(50), samples.getPercentile(10), samples.getPercentile(90)));
		assertThat(figure.low()).isCloseTo(10, within(1.0));
		assertThat(figure.high()).isCloseTo(91, within(1.0));
	}

	@Test
	void aTimePerCallAsARateTurnsTheSlowestTimeIntoTheLowestRate() {
		Figure rate = new Figure(100, 50, 200).rate(1e9);
		assertThat(rate).isEqualTo(new Figure(1e7, 5e6, 2e7));
		assertThat(new Figure(2_000, 1_000, 4_000).dividedBy(1_000)).isEqualTo(new Figure(2, 1, 4));
	}

}

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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.github.threadmethod.benchmarks.SvgBarChart.Fill;
import io.github.threadmethod.benchmarks.SvgBarChart.Scale;
import io.github.threadmethod.benchmarks.SvgBarChart.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SvgBarChart}: each chart is parsed back as XML and read as a browser
 * would draw it.
 *
 * @author threadmethod contributors
 */
class SvgBarChartTests {

	private static final String SVG = "http://www.w3.org/2000/svg";

	private static final Series MAIN = new Series("main", "#0072B2", Fill.SOLID);

	private static final Series REFERENCE = new Series("reference", "#E69F00", Fill.HATCHED);

	@Test
	void writesAnAccessibleSvgDocument() throws Exception {
		SvgBarChart chart = new SvgBarChart("Caller return per variant", "caller return", "ns")
			.description("How long each way keeps its caller.")
			.bar("THREAD", 63_560, REFERENCE)
			.bar("FIRE_AND_FORGET", 67_834, MAIN);
		Element svg = parse(chart.toSvg()).getDocumentElement();
		assertThat(svg.getNamespaceURI()).isEqualTo(SVG);
		assertThat(svg.getLocalName()).isEqualTo("svg");
		assertThat(svg.getAttribute("role")).isEqualTo("img");
		Element title = (Element) svg.getElementsByTagNameNS(SVG, "title").item(0);
		Element desc = (Element) svg.getElementsByTagNameNS(SVG, "desc").item(0);
		assertThat(title.getParentNode()).isSameAs(svg);
		assertThat(title.getTextContent()).isEqualTo("Caller return per variant");
		assertThat(svg.getAttribute("aria-labelledby").split(" ")).containsExactly(title.getAttribute("id"),
				desc.getAttribute("id"));
		assertThat(desc.getTextContent()).startsWith("How long each way keeps its caller.")
			.contains("THREAD (reference): 63,560 ns")
			.contains("FIRE_AND_FORGET (main): 67,834 ns");
		assertThat(texts(svg, "axis-label")).containsExactly("caller return (ns)");
		assertThat(Integer.parseInt(svg.getAttribute("width"))).isGreaterThanOrEqualTo(800);
	}

	@Test
	void labelsEveryBarWithItsCategoryAndItsValue() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").bar("DIRECT", 52.36, MAIN)
			.bar("THREAD", 63_560.4, REFERENCE)
			.toSvg()).getDocumentElement();
		assertThat(texts(svg, "label")).containsExactly("DIRECT", "THREAD");
		assertThat(texts(svg, "value")).containsExactly("52.36", "63,560");
	}

	@Test
	void barsOnALinearAxisAreProportionalToTheirValues() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "rate", "calls/s").scale(Scale.LINEAR)
			.bar("a", 10, MAIN)
			.bar("b", 20, MAIN)
			.bar("c", 40, MAIN)
			.toSvg()).getDocumentElement();
		List<Double> widths = barWidths(svg);
		assertThat(widths).hasSize(3);
		assertThat(widths.get(1) / widths.get(0)).isCloseTo(2, within(0.01));
		assertThat(widths.get(2) / widths.get(0)).isCloseTo(4, within(0.01));
		assertThat(texts(svg, "tick")).containsExactly("0", "10", "20", "30", "40");
		assertThat(texts(svg, "axis-label")).containsExactly("rate (calls/s)");
	}

	@Test
	void barsOnALogarithmicAxisAreProportionalToTheLogarithmsOfTheirValues() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").scale(Scale.LOGARITHMIC)
			.bar("a", 10, MAIN)
			.bar("b", 1_000, MAIN)
			.bar("c", 100_000, MAIN)
			.toSvg()).getDocumentElement();
		List<Double> widths = barWidths(svg);
		// The axis starts a decade below the smallest value: 1, 10, ... 100k
		assertThat(texts(svg, "tick")).containsExactly("1", "10", "100", "1k", "10k", "100k");
		assertThat(widths.get(0)).isCloseTo(widths.get(2) / 5, within(0.2));
		assertThat(widths.get(1) - widths.get(0)).isCloseTo(widths.get(2) - widths.get(1), within(0.2));
		assertThat(texts(svg, "axis-label")).containsExactly("time (ns, log scale)");
	}

	@Test
	void anAutomaticAxisIsLogarithmicOnlyWhenTheValuesSpanMoreThanTwentyTimes() throws Exception {
		String wide = new SvgBarChart("Chart", "time", "ns").bar("a", 1, MAIN).bar("b", 21, MAIN).toSvg();
		String narrow = new SvgBarChart("Chart", "time", "ns").bar("a", 1, MAIN).bar("b", 20, MAIN).toSvg();
		assertThat(texts(parse(wide).getDocumentElement(), "axis-label")).containsExactly("time (ns, log scale)");
		assertThat(texts(parse(narrow).getDocumentElement(), "axis-label")).containsExactly("time (ns)");
	}

	@Test
	void whiskersSpanFromLowToHighOnTheValueAxis() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ms").scale(Scale.LINEAR)
			.bar("spread", 50, 40, 80, MAIN)
			.bar("full", 100, MAIN)
			.bar("no spread", 30, 30, 30, MAIN)
			.bar("unknown spread", 30, Double.NaN, Double.NaN, MAIN)
			.toSvg()).getDocumentElement();
		List<Element> bars = elements(svg, "rect", "bar");
		double left = Double.parseDouble(bars.get(0).getAttribute("x"));
		// The axis ends at 100: the full bar is the plot's width
		double plotWidth = Double.parseDouble(bars.get(1).getAttribute("width"));
		List<Element> whiskers = elements(svg, "path", "whisker");
		assertThat(whiskers).hasSize(1);
		Matcher path = Pattern.compile("M([0-9.]+) [0-9.]+ H([0-9.]+) ").matcher(whiskers.get(0).getAttribute("d"));
		assertThat(path.lookingAt()).isTrue();
		assertThat(Double.parseDouble(path.group(1))).isCloseTo(left + 0.4 * plotWidth, within(0.2));
		assertThat(Double.parseDouble(path.group(2))).isCloseTo(left + 0.8 * plotWidth, within(0.2));
		Element desc = (Element) svg.getElementsByTagNameNS(SVG, "desc").item(0);
		assertThat(desc.getTextContent()).contains("spread (main): 50.00 ms, whiskers from 40.00 to 80.00");
	}

	@Test
	void aValueThatIsNotANumberGetsItsLabelAndNoBar() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").bar("measured", 42, MAIN)
			.bar("missing", Double.NaN, MAIN)
			.toSvg()).getDocumentElement();
		assertThat(texts(svg, "label")).containsExactly("measured", "missing");
		assertThat(texts(svg, "value")).containsExactly("42.00", "n/a");
		assertThat(elements(svg, "rect", "bar")).hasSize(1);
		assertThat(svg.getElementsByTagNameNS(SVG, "desc").item(0).getTextContent()).contains("missing (main): n/a");
	}

	@Test
	void valuesThatALogarithmicAxisCannotShowDoNotBreakIt() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").scale(Scale.LOGARITHMIC)
			.bar("zero", 0, MAIN)
			.bar("negative", -5, MAIN)
			.bar("infinite", Double.POSITIVE_INFINITY, MAIN)
			.bar("missing", Double.NaN, -1, Double.NaN, MAIN)
			.toSvg()).getDocumentElement();
		assertThat(elements(svg, "rect", "bar")).isEmpty();
		assertThat(elements(svg, "path", "whisker")).isEmpty();
		assertThat(texts(svg, "label")).containsExactly("zero", "negative", "infinite", "missing");
		assertThat(texts(svg, "tick")).containsExactly("1", "10");
	}

	@Test
	void aChartWithoutBarsIsStillADocument() throws Exception {
		Element svg = parse(new SvgBarChart("Nothing measured", "time", "ns").toSvg()).getDocumentElement();
		assertThat(texts(svg, "no-data")).containsExactly("no data");
		assertThat(elements(svg, "g", "row")).isEmpty();
		assertThat(svg.getElementsByTagNameNS(SVG, "desc").item(0).getTextContent()).endsWith("No values.");
	}

	@Test
	void seriesDifferByPatternAsWellAsByColourAndAreNamedInTheLegend() throws Exception {
		Element svg = parse(
				new SvgBarChart("Chart", "time", "ns").bar("ours", 10, MAIN).bar("theirs", 12, REFERENCE).toSvg())
			.getDocumentElement();
		assertThat(texts(svg, "legend-entry")).containsExactly("main", "reference");
		List<Element> bars = elements(svg, "rect", "bar");
		assertThat(bars.get(0).getAttribute("fill")).isEqualTo("#0072B2");
		String hatched = bars.get(1).getAttribute("fill");
		assertThat(hatched).startsWith("url(#");
		Element pattern = (Element) svg.getElementsByTagNameNS(SVG, "pattern").item(0);
		assertThat("url(#" + pattern.getAttribute("id") + ")").isEqualTo(hatched);
	}

	@Test
	void aSingleSeriesNeedsNoLegend() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").bar("a", 10, MAIN).bar("b", 12, MAIN).toSvg())
			.getDocumentElement();
		assertThat(texts(svg, "legend-entry")).isEmpty();
	}

	@Test
	void textIsEscapedAndParsesBackUnchanged() throws Exception {
		Element svg = parse(new SvgBarChart("A <chart> & \"more\"", "time", "ns").note("x < y & z")
			.bar("<A & \"B\">", 1, MAIN)
			.toSvg()).getDocumentElement();
		assertThat(svg.getElementsByTagNameNS(SVG, "title").item(0).getTextContent()).isEqualTo("A <chart> & \"more\"");
		assertThat(texts(svg, "note")).containsExactly("x < y & z");
		assertThat(texts(svg, "label")).containsExactly("<A & \"B\">");
	}

	@Test
	void wrapsLongNotesAtSpaces() throws Exception {
		String note = "word ".repeat(60).trim();
		Element svg = parse(new SvgBarChart("Chart", "time", "ns").note(note).bar("a", 1, MAIN).toSvg())
			.getDocumentElement();
		List<String> lines = texts(svg, "note");
		assertThat(lines).hasSizeGreaterThan(1);
		assertThat(String.join(" ", lines)).isEqualTo(note);
		assertThat(SvgBarChart.wrap("a bb ccc", 4)).containsExactly("a bb", "ccc");
		assertThat(SvgBarChart.wrap("unbreakable", 4)).containsExactly("unbreakable");
	}

	@Test
	void aLinearAxisEndsAtARoundValueJustAboveTheLargest() throws Exception {
		Element svg = parse(new SvgBarChart("Chart", "refresh", "ms").bar("a", 38.55, 33, 47, MAIN)
			.bar("b", 87.81, 80, 101, MAIN)
			.toSvg()).getDocumentElement();
		assertThat(texts(svg, "tick")).containsExactly("0", "20", "40", "60", "80", "100", "120");
	}

	@Test
	void writesTheDocumentToAFileInADirectoryItCreates(@TempDir Path directory) throws Exception {
		SvgBarChart chart = new SvgBarChart("Chart", "time", "ns").bar("a", 1, MAIN);
		Path file = directory.resolve("plots").resolve("chart.svg");
		chart.writeTo(file);
		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(chart.toSvg());
	}

	@Test
	void formatsValuesAsTheReportsTablesDo() {
		assertThat(SvgBarChart.format(52.357)).isEqualTo("52.36");
		assertThat(SvgBarChart.format(365_667_634.2)).isEqualTo("365,667,634");
		assertThat(SvgBarChart.format(Double.NaN)).isEqualTo("n/a");
	}

	@Test
	void labelsTicksCompactly() {
		assertThat(SvgBarChart.tickLabel(0)).isEqualTo("0");
		assertThat(SvgBarChart.tickLabel(0.1)).isEqualTo("0.1");
		assertThat(SvgBarChart.tickLabel(0.1 * 3)).isEqualTo("0.3");
		assertThat(SvgBarChart.tickLabel(250)).isEqualTo("250");
		assertThat(SvgBarChart.tickLabel(1_500)).isEqualTo("1.5k");
		assertThat(SvgBarChart.tickLabel(1e6)).isEqualTo("1M");
		assertThat(SvgBarChart.tickLabel(1e9)).isEqualTo("1G");
	}

	static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

	static List<String> texts(Element svg, String role) {
		return elements(svg, "text", role).stream().map(Node::getTextContent).toList();
	}

	static List<Element> elements(Element svg, String name, String role) {
		List<Element> elements = new ArrayList<>();
		NodeList nodes = svg.getElementsByTagNameNS(SVG, name);
		for (int i = 0; i < nodes.getLength(); i++) {
			Element element = (Element) nodes.item(i);
			if (element.getAttribute("class").equals(role)) {
				elements.add(element);
			}
		}
		return elements;
	}

	private static List<Double> barWidths(Element svg) {
		return elements(svg, "rect", "bar").stream()
			.map((bar) -> Double.parseDouble(bar.getAttribute("width")))
			.toList();
	}

}

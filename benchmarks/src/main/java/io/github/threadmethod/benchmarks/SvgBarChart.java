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

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A horizontal bar chart written as a standalone SVG document: one bar per category, each
 * bar labelled with its value and optionally given whiskers (a spread such as the fastest
 * and slowest iteration), on a linear or logarithmic value axis.
 * <p>
 * The document is meant to be read by everyone: it has a {@code <title>} and a
 * {@code <desc>} that lists every value (what a screen reader announces), an axis label
 * with the unit, fonts of at least 12 pixels on a white background, and series that
 * differ by fill pattern as well as by colour (the colours are from the Okabe-Ito
 * palette, distinguishable with the common colour-vision deficiencies). Values that
 * cannot be drawn (not a number, or not positive on a logarithmic axis) get their label
 * and no bar.
 *
 * @author threadmethod contributors
 */
final class SvgBarChart {

	/**
	 * Above this ratio between the largest and the smallest value, an
	 * {@link Scale#AUTOMATIC automatic} axis is logarithmic: on a linear one the smallest
	 * bar would be under 5% of the largest, too short to compare with its neighbours.
	 */
	static final double LOGARITHMIC_ABOVE = 20;

	private static final int WIDTH = 800;

	private static final int MARGIN = 16;

	private static final int ROW = 28;

	private static final int BAR = 18;

	private static final int FONT = 13;

	private static final int SMALL_FONT = 12;

	private static final int TITLE_FONT = 18;

	/**
	 * Width of a character of the monospaced category labels, as a share of the font
	 * size.
	 */
	private static final double MONOSPACED_WIDTH = 0.6;

	/**
	 * Width of a character in the proportional font, as a share of the font size: a
	 * generous estimate (digits, and most lower-case letters, are narrower).
	 */
	private static final double PROPORTIONAL_WIDTH = 0.56;

	private static final int MINIMUM_PLOT_WIDTH = 300;

	private static final String INK = "#1a1a1a";

	private static final String MUTED_INK = "#444444";

	private static final String GRID = "#d9d9d9";

	private static final String SANS_SERIF = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

	private static final String MONOSPACE = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

	private final String title;

	private final String quantity;

	private final String unit;

	private final String id;

	private final List<String> notes = new ArrayList<>();

	private final List<Bar> bars = new ArrayList<>();

	private String description = "";

	private Scale scale = Scale.AUTOMATIC;

	/**
	 * A chart with no bars yet.
	 * @param title what the chart shows, its heading and its accessible name
	 * @param quantity what the value axis measures, such as {@code caller return}
	 * @param unit the unit of the values, such as {@code ns}
	 */
	SvgBarChart(String title, String quantity, String unit) {
		this.title = title;
		this.quantity = quantity;
		this.unit = unit;
		this.id = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
	}

	String title() {
		return this.title;
	}

	/**
	 * Sets what the chart compares and how to read it: the start of its {@code <desc>}.
	 * @param description one or more sentences
	 * @return this chart
	 */
	SvgBarChart description(String description) {
		this.description = description;
		return this;
	}

	/**
	 * Adds a line under the title, such as what the whiskers are or which run this is.
	 * @param note the line
	 * @return this chart
	 */
	SvgBarChart note(String note) {
		this.notes.add(note);
		return this;
	}

	SvgBarChart scale(Scale scale) {
		this.scale = scale;
		return this;
	}

	/**
	 * Adds a bar without whiskers.
	 * @param label the category, drawn left of the bar
	 * @param value the bar's value
	 * @param series the group the bar belongs to
	 * @return this chart
	 */
	SvgBarChart bar(String label, double value, Series series) {
		return bar(label, value, Double.NaN, Double.NaN, series);
	}

	/**
	 * Adds a bar with whiskers from {@code low} to {@code high}; whiskers that are not
	 * numbers, or span nothing, are left out.
	 * @param label the category, drawn left of the bar
	 * @param value the bar's value
	 * @param low where the whiskers start
	 * @param high where the whiskers end
	 * @param series the group the bar belongs to
	 * @return this chart
	 */
	SvgBarChart bar(String label, double value, double low, double high, Series series) {
		this.bars.add(new Bar(label, value, low, high, series));
		return this;
	}

	/**
	 * Writes the chart to a file, creating its directory if needed.
	 * @param file where to write
	 * @throws IOException if the file cannot be written
	 */
	void writeTo(Path file) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		if (directory != null) {
			Files.createDirectories(directory);
		}
		Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
	}

	/**
	 * Renders the chart.
	 * @return the SVG document
	 */
	String toSvg() {
		Axis axis = Axis.fit(this.scale, this.bars);
		List<Series> series = new ArrayList<>(seriesInOrder());
		int labelWidth = textWidth(this.bars.stream().map(Bar::label).toList(), FONT, MONOSPACED_WIDTH);
		int valueWidth = textWidth(this.bars.stream().map((bar) -> format(bar.value())).toList(), FONT,
				PROPORTIONAL_WIDTH);
		int plotLeft = MARGIN + labelWidth + 10;
		// Wider than the default when the labels need it, so that the bars keep room
		int width = Math.max(WIDTH, plotLeft + MINIMUM_PLOT_WIDTH + valueWidth + 10 + MARGIN);
		Svg svg = new Svg();
		int plotTop = heading(svg, series, width) + 16;
		Plot plot = new Plot(plotLeft, plotTop, width - MARGIN - valueWidth - 10 - plotLeft,
				plotTop + Math.max(1, this.bars.size()) * ROW);
		axis(svg, axis, plot);
		if (this.bars.isEmpty()) {
			svg.text(plot.left() + 8, plot.top() + ROW / 2.0 + 4, "no-data", "fill=\"" + MUTED_INK + "\"", "no data");
		}
		for (int i = 0; i < this.bars.size(); i++) {
			row(svg, axis, plot, series, this.bars.get(i), plot.top() + i * ROW + ROW / 2.0);
		}
		return document(width, plot.bottom() + 40 + MARGIN, axis, series, svg);
	}

	/**
	 * Draws the title, the notes and the legend.
	 * @return the baseline of the last line drawn
	 */
	private int heading(Svg svg, List<Series> series, int width) {
		int y = MARGIN + TITLE_FONT;
		svg.text(MARGIN, y, "title", "font-size=\"" + TITLE_FONT + "\" font-weight=\"bold\"", this.title);
		int noteCharacters = (int) ((width - 2 * MARGIN) / (FONT * PROPORTIONAL_WIDTH));
		for (String note : this.notes) {
			for (String line : wrap(note, noteCharacters)) {
				y += 20;
				svg.text(MARGIN, y, "note", "fill=\"" + MUTED_INK + "\"", line);
			}
		}
		return (series.size() > 1) ? legend(svg, series, y + 24, width) : y;
	}

	private void axis(Svg svg, Axis axis, Plot plot) {
		svg.open("g", "class=\"axis\" font-size=\"" + SMALL_FONT + "\"");
		for (double tick : axis.ticks()) {
			double x = plot.x(axis, tick);
			svg.line(x, plot.top(), x, plot.bottom(), GRID);
			svg.line(x, plot.bottom(), x, plot.bottom() + 5, INK);
			svg.text(x, plot.bottom() + 19, "tick", "text-anchor=\"middle\"", tickLabel(tick));
		}
		svg.line(plot.left(), plot.bottom(), plot.left() + plot.width(), plot.bottom(), INK);
		svg.line(plot.left(), plot.top(), plot.left(), plot.bottom(), INK);
		svg.text(plot.left() + plot.width() / 2.0, plot.bottom() + 40, "axis-label",
				"text-anchor=\"middle\" font-size=\"" + FONT + "\"", axisLabel(axis));
		svg.close("g");
	}

	/**
	 * Draws one bar: its label, the bar, its whiskers and its value, right of whichever
	 * ends last.
	 */
	private void row(Svg svg, Axis axis, Plot plot, List<Series> series, Bar bar, double centre) {
		svg.open("g", "class=\"row\"");
		svg.text(plot.left() - 8, centre + 4, "label", "text-anchor=\"end\" font-family=\"" + MONOSPACE + "\"",
				bar.label());
		double end = plot.left();
		if (axis.shows(bar.value())) {
			end = plot.x(axis, bar.value());
			svg.element("rect",
					"class=\"bar\" x=\"" + coordinate(plot.left()) + "\" y=\"" + coordinate(centre - BAR / 2.0)
							+ "\" width=\"" + coordinate(end - plot.left()) + "\" height=\"" + BAR + "\" fill=\""
							+ fill(bar.series(), series) + "\" stroke=\"" + INK + "\" stroke-width=\"1\"",
					bar.label() + ": " + format(bar.value()) + " " + this.unit);
		}
		if (bar.hasWhiskers() && axis.shows(bar.low()) && axis.shows(bar.high())) {
			String low = coordinate(plot.x(axis, bar.low()));
			double high = plot.x(axis, bar.high());
			String top = coordinate(centre - 5);
			String bottom = coordinate(centre + 5);
			svg.element("path",
					"class=\"whisker\" d=\"M" + low + " " + coordinate(centre) + " H" + coordinate(high) + " M" + low
							+ " " + top + " V" + bottom + " M" + coordinate(high) + " " + top + " V" + bottom
							+ "\" fill=\"none\" stroke=\"" + INK + "\" stroke-width=\"1.5\"",
					null);
			end = Math.max(end, high);
		}
		svg.text(end + 6, centre + 4, "value", "", format(bar.value()));
		svg.close("g");
	}

	private String document(int width, int height, Axis axis, List<Series> series, Svg svg) {
		StringBuilder document = new StringBuilder();
		document.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		document.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
				+ "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-labelledby=\"" + this.id
				+ "-title " + this.id + "-desc\" font-family=\"" + SANS_SERIF + "\" font-size=\"" + FONT + "\" fill=\""
				+ INK + "\">\n");
		document.append("<title id=\"" + this.id + "-title\">" + escape(this.title) + "</title>\n");
		document.append("<desc id=\"" + this.id + "-desc\">" + escape(describe(axis)) + "</desc>\n");
		document.append(patterns(series));
		// Not transparent: a dark page would hide the dark text
		document.append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		document.append(svg.body);
		document.append("</svg>\n");
		return document.toString();
	}

	private Set<Series> seriesInOrder() {
		Set<Series> series = new LinkedHashSet<>();
		this.bars.forEach((bar) -> series.add(bar.series()));
		return series;
	}

	private int legend(Svg svg, List<Series> series, int y, int width) {
		int x = MARGIN;
		svg.open("g", "class=\"legend\"");
		for (int i = 0; i < series.size(); i++) {
			Series entry = series.get(i);
			int itemWidth = 14 + 6 + textWidth(List.of(entry.name()), FONT, PROPORTIONAL_WIDTH) + 14;
			if (x > MARGIN && x + itemWidth > width - MARGIN) {
				x = MARGIN;
				y += 22;
			}
			svg.element("rect", "x=\"" + x + "\" y=\"" + (y - 11) + "\" width=\"14\" height=\"14\" fill=\""
					+ fill(entry, series) + "\" stroke=\"" + INK + "\" stroke-width=\"1\"", null);
			svg.text(x + 20, y, "legend-entry", "", entry.name());
			x += itemWidth;
		}
		svg.close("g");
		return y;
	}

	private String fill(Series entry, List<Series> series) {
		return (entry.fill() == Fill.SOLID) ? entry.colour()
				: "url(#" + this.id + "-fill-" + series.indexOf(entry) + ")";
	}

	private String patterns(List<Series> series) {
		StringBuilder patterns = new StringBuilder();
		for (int i = 0; i < series.size(); i++) {
			Series entry = series.get(i);
			if (entry.fill() == Fill.SOLID) {
				continue;
			}
			patterns.append("<pattern id=\"")
				.append(this.id)
				.append("-fill-")
				.append(i)
				.append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
				.append((entry.fill() == Fill.HATCHED) ? " patternTransform=\"rotate(45)\"" : "")
				.append("><rect width=\"6\" height=\"6\" fill=\"")
				.append(entry.colour())
				.append("\"/>")
				.append((entry.fill() == Fill.HATCHED)
						? "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
						: "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#ffffff\"/>")
				.append("</pattern>");
		}
		return (patterns.length() > 0) ? "<defs>" + patterns + "</defs>\n" : "";
	}

	private String axisLabel(Axis axis) {
		return this.quantity + " (" + this.unit + (axis.logarithmic ? ", log scale" : "") + ")";
	}

	private String describe(Axis axis) {
		StringJoiner values = new StringJoiner("; ", " Values: ", ".");
		values.setEmptyValue(" No values.");
		for (Bar bar : this.bars) {
			String value = bar.label() + " (" + bar.series().name() + "): " + format(bar.value())
					+ (Double.isNaN(bar.value()) ? "" : " " + this.unit);
			if (bar.hasWhiskers()) {
				value += ", whiskers from " + format(bar.low()) + " to " + format(bar.high());
			}
			values.add(value);
		}
		String lead = this.description.isEmpty() ? this.title + "." : this.description;
		return lead + " A horizontal bar chart of " + axisLabel(axis) + "." + values;
	}

	/**
	 * A bar's value as the report's tables print it.
	 * @param value the value
	 * @return its text, {@code n/a} if it is not a number
	 */
	static String format(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, (value >= 100) ? "%,.0f" : "%.2f", value);
	}

	/**
	 * An axis tick compactly, with an SI prefix from a thousand on: {@code 500},
	 * {@code 1.5k}, {@code 10M}.
	 */
	static String tickLabel(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 1e9) {
			return plain(value / 1e9) + "G";
		}
		if (magnitude >= 1e6) {
			return plain(value / 1e6) + "M";
		}
		if (magnitude >= 1e3) {
			return plain(value / 1e3) + "k";
		}
		return plain(value);
	}

	private static String plain(double value) {
		if (value == 0) {
			return "0";
		}
		return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
	}

	private static int textWidth(List<String> texts, int fontSize, double characterWidth) {
		int characters = texts.stream().mapToInt(String::length).max().orElse(0);
		return (int) Math.ceil(characters * fontSize * characterWidth);
	}

	/**
	 * Splits a line of text at spaces into lines of at most {@code characters} (a longer
	 * word stands on a line of its own): SVG text does not wrap by itself.
	 */
	static List<String> wrap(String text, int characters) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > characters) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append((line.length() > 0) ? " " : "").append(word);
		}
		lines.add(line.toString());
		return lines;
	}

	private static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * The value axis.
	 */
	enum Scale {

		LINEAR,

		LOGARITHMIC,

		/**
		 * Logarithmic when the values span more than {@link #LOGARITHMIC_ABOVE} times,
		 * otherwise linear.
		 */
		AUTOMATIC

	}

	/**
	 * How a series' bars are filled, so that series differ by more than their colour.
	 */
	enum Fill {

		SOLID, HATCHED, DOTTED

	}

	/**
	 * A group of bars drawn alike and named in the legend (shown when there are two or
	 * more).
	 *
	 * @param name the name in the legend
	 * @param colour a CSS colour
	 * @param fill the pattern over the colour
	 */
	record Series(String name, String colour, Fill fill) {
	}

	/**
	 * Where the bars are drawn, in pixels.
	 */
	private record Plot(int left, int top, int width, int bottom) {

		double x(Axis axis, double value) {
			return this.left + axis.fraction(value) * this.width;
		}

	}

	private record Bar(String label, double value, double low, double high, Series series) {

		boolean hasWhiskers() {
			return Double.isFinite(this.low) && Double.isFinite(this.high) && this.high > this.low;
		}

	}

	/**
	 * Where values fall along the plot's width: from zero (linear) or from the power of
	 * ten below the smallest value (logarithmic), to a round value at or above the
	 * largest, whiskers included.
	 */
	private static final class Axis {

		final boolean logarithmic;

		final double min;

		final double max;

		private final double step;

		private Axis(boolean logarithmic, double min, double max, double step) {
			this.logarithmic = logarithmic;
			this.min = min;
			this.max = max;
			this.step = step;
		}

		static Axis fit(Scale scale, List<Bar> bars) {
			double smallest = Double.POSITIVE_INFINITY;
			double largest = 0;
			double lowest = Double.POSITIVE_INFINITY;
			double highest = 0;
			for (Bar bar : bars) {
				for (double value : new double[] { bar.value(), bar.low(), bar.high() }) {
					if (Double.isFinite(value) && value > 0) {
						lowest = Math.min(lowest, value);
						highest = Math.max(highest, value);
					}
				}
				if (Double.isFinite(bar.value()) && bar.value() > 0) {
					smallest = Math.min(smallest, bar.value());
					largest = Math.max(largest, bar.value());
				}
			}
			boolean logarithmic = (scale == Scale.LOGARITHMIC)
					|| (scale == Scale.AUTOMATIC && largest / smallest > LOGARITHMIC_ABOVE);
			if (logarithmic) {
				if (highest == 0) {
					return new Axis(true, 1, 10, 1);
				}
				// A decade below the smallest value's: a value that is a power of ten
				// still gets a bar
				double min = Math.pow(10, Math.ceil(Math.log10(lowest)) - 1);
				double max = Math.pow(10, Math.ceil(Math.log10(highest)));
				return new Axis(true, min, max, 1);
			}
			double top = (highest > 0) ? highest : 1;
			// At most six intervals: enough ticks to read a bar by, few enough to label
			double step = niceStep(top / 6);
			return new Axis(false, 0, Math.ceil(top / step - 1e-9) * step, step);
		}

		private static double niceStep(double raw) {
			double power = Math.pow(10, Math.floor(Math.log10(raw)));
			double fraction = raw / power;
			double nice = (fraction <= 1) ? 1
					: (fraction <= 2) ? 2 : (fraction <= 2.5) ? 2.5 : (fraction <= 5) ? 5 : 10;
			return nice * power;
		}

		boolean shows(double value) {
			return Double.isFinite(value) && (this.logarithmic ? value > 0 : value >= 0);
		}

		double fraction(double value) {
			double fraction = this.logarithmic
					? (Math.log10(value) - Math.log10(this.min)) / (Math.log10(this.max) - Math.log10(this.min))
					: (value - this.min) / (this.max - this.min);
			return Math.max(0, Math.min(1, fraction));
		}

		List<Double> ticks() {
			List<Double> ticks = new ArrayList<>();
			if (this.logarithmic) {
				long first = Math.round(Math.log10(this.min));
				long last = Math.round(Math.log10(this.max));
				for (long exponent = first; exponent <= last; exponent++) {
					ticks.add(Math.pow(10, exponent));
				}
			}
			else {
				long count = Math.round(this.max / this.step);
				for (long i = 0; i <= count; i++) {
					ticks.add(i * this.step);
				}
			}
			return ticks;
		}

	}

	/**
	 * The body of the document, element by element.
	 */
	private static final class Svg {

		private final StringBuilder body = new StringBuilder();

		private int depth;

		void open(String element, String attributes) {
			indent().append('<').append(element).append(' ').append(attributes).append(">\n");
			this.depth++;
		}

		void close(String element) {
			this.depth--;
			indent().append("</").append(element).append(">\n");
		}

		/**
		 * An element, with a tooltip ({@code <title>}) when one is given.
		 */
		void element(String element, String attributes, String tooltip) {
			indent().append('<').append(element).append(' ').append(attributes);
			if (tooltip == null) {
				this.body.append("/>\n");
			}
			else {
				this.body.append("><title>").append(escape(tooltip)).append("</title></").append(element).append(">\n");
			}
		}

		void line(double x1, double y1, double x2, double y2, String stroke) {
			element("line", "x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2)
					+ "\" y2=\"" + coordinate(y2) + "\" stroke=\"" + stroke + "\" stroke-width=\"1\"", null);
		}

		void text(double x, double y, String role, String attributes, String text) {
			indent().append("<text class=\"")
				.append(role)
				.append("\" x=\"")
				.append(coordinate(x))
				.append("\" y=\"")
				.append(coordinate(y))
				.append('"')
				.append(attributes.isEmpty() ? "" : " " + attributes)
				.append('>')
				.append(escape(text))
				.append("</text>\n");
		}

		private StringBuilder indent() {
			return this.body.append("  ".repeat(this.depth));
		}

	}

}

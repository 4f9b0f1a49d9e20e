package org.bonelesion.report;

import java.util.List;
import java.util.Locale;

/**
 * A strip plot with box plots (one box per group: quartiles, median, whiskers to the smallest
 * and largest value) drawn as SVG, with the measurement and its unit on the y axis.
 */
public final class StripPlot {

	private StripPlot() {}

	/**
	 * One group's values.
	 *
	 * @param colour index into the plot colours (the same group keeps its colour across timepoints)
	 */
	public record Series(String label, double[] values, int colour) {}

	static final String[] COLOURS = { "#4d4d4d", "#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#17a589", "#a04000" };

	/**
	 * The plot as an SVG document.
	 *
	 * @param title  the plot title
	 * @param yLabel the y axis label, with its unit ({@code "BV/TV (%)"})
	 * @param series the groups, left to right
	 */
	public static String svg(String title, String yLabel, List<Series> series) {
		int w = Math.max(300, 90 + 80 * series.size()), h = 280;
		int left = 70, right = 15, top = 30, bottom = 60;
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (Series s : series) {
			for (double v : Statistics.finite(s.values())) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		if (min == Double.POSITIVE_INFINITY) {
			min = 0;
			max = 1;
		}
		if (min > 0) min = 0;
		if (max <= min) max = min + 1;
		double step = niceStep((max - min) / 5);
		double lo = Math.floor(min / step) * step, hi = Math.ceil(max / step) * step;
		int plotH = h - top - bottom, plotW = w - left - right;
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT,
			"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
			w, h, w, h));
		sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
		sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>", left, esc(title)));
		// y axis, ticks and grid
		for (double t = lo; t <= hi + step / 2; t += step) {
			double y = top + plotH * (1 - (t - lo) / (hi - lo));
			sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", left, y, w - right, y));
			sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 6, y + 4, esc(tick(t, step))));
		}
		sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", left, top, left, top + plotH));
		sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", left, top + plotH, w - right, top + plotH));
		sb.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>", top + plotH / 2,
			esc(yLabel)));
		double slot = plotW / (double) Math.max(1, series.size());
		for (int g = 0; g < series.size(); g++) {
			Series s = series.get(g);
			double cx = left + slot * (g + 0.5);
			String colour = COLOURS[Math.floorMod(s.colour(), COLOURS.length)];
			double[] v = Statistics.finite(s.values());
			if (v.length > 0) {
				double q1 = Statistics.quantile(v, 0.25), q3 = Statistics.quantile(v, 0.75), med = Statistics.median(v);
				double vmin = Statistics.quantile(v, 0), vmax = Statistics.quantile(v, 1);
				double bw = Math.min(40, slot * 0.5);
				sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", cx, y(vmin, lo, hi, top, plotH), cx,
					y(vmax, lo, hi, top, plotH), colour));
				sb.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.15\" stroke=\"%s\"/>", cx - bw / 2,
					y(q3, lo, hi, top, plotH), bw, Math.max(0.5, y(q1, lo, hi, top, plotH) - y(q3, lo, hi, top, plotH)), colour, colour));
				sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>", cx - bw / 2,
					y(med, lo, hi, top, plotH), cx + bw / 2, y(med, lo, hi, top, plotH), colour));
				for (int i = 0; i < v.length; i++) {
					// deterministic spread: alternate left and right of the centre
					double dx = (i % 2 == 0 ? 1 : -1) * ((i + 1) / 2) * Math.min(4, bw / (v.length + 1));
					sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" fill-opacity=\"0.8\"/>", cx + dx,
						y(v[i], lo, hi, top, plotH), colour));
				}
			}
			sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", cx, top + plotH + 18, esc(s.label())));
			sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">n = %d</text>", cx, top + plotH + 34,
				v.length));
		}
		sb.append("</svg>");
		return sb.toString();
	}

	private static double y(double v, double lo, double hi, int top, int plotH) {
		return top + plotH * (1 - (v - lo) / (hi - lo));
	}

	/** 1, 2 or 5 times a power of ten, at least {@code raw}. */
	static double niceStep(double raw) {
		double p = Math.pow(10, Math.floor(Math.log10(raw)));
		for (double m : new double[] { 1, 2, 5, 10 }) if (m * p >= raw) return m * p;
		return 10 * p;
	}

	private static String tick(double t, double step) {
		int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
		if (Math.abs(t) < step / 1e6) t = 0;
		return String.format(Locale.ROOT, "%." + decimals + "f", t);
	}

	static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}

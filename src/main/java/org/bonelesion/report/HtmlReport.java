package org.bonelesion.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.bonelesion.core.Table;
import org.bonelesion.core.Version;
import org.bonelesion.io.AtomicFiles;
import org.bonelesion.stage.StageRules;

/**
 * {@code report.html}: one self-contained file (CSS inline, images as {@code data:} URIs, no
 * script, nothing fetched from the network) with the study design, the stage distribution,
 * plots of the key endpoints, a table per modality, the comparisons with the control group,
 * thumbnails of every image's lesion map and overlay, the parameters and the errors.
 */
public final class HtmlReport {

	private HtmlReport() {}

	/** The key endpoints plotted by group, by symbol, when present. */
	public static final List<String> KEY_ENDPOINTS = List.of("Lytic.V", "Blastic.V", "BV/TV", "N.Oc/B.Pm", "Tm.Ar/T.Ar");

	/** The picture files shown as thumbnails when an analysis folder has them. */
	public static final List<String> THUMBNAILS = List.of("lesion_map.png", "overlay.png");

	/** Largest thumbnail side in pixels. */
	public static final int THUMBNAIL_SIZE = 240;

	/** Everything the report shows. */
	public record Study(StudyDesign design, List<ImageResult> images, Table specimens, Table groups, Table comparisons, StageRules rules,
		String control, Table errors, StudyRunner.Settings settings, Map<String, Map<String, String>> parameters) {}

	/** Writes the report atomically. */
	public static void write(Path file, Study s) throws IOException {
		AtomicFiles.writeString(file, html(s));
	}

	/** The report's HTML text. */
	public static String html(Study s) throws IOException {
		StringBuilder b = new StringBuilder(1 << 16);
		b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Bone Lesion study report</title>\n<style>\n")
			.append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;")
			.append("padding-bottom:4px;margin-top:32px}h3{font-size:15px}table{border-collapse:collapse;margin:8px 0;font-size:12px}")
			.append("th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f0f0f0}td.n{text-align:right}")
			.append(".plots img,.thumbs figure{display:inline-block;margin:6px;vertical-align:top}.thumbs figure{font-size:11px}")
			.append("pre{background:#f7f7f7;padding:8px;font-size:11px;overflow:auto}.bar{display:inline-block;height:12px}.muted{color:#666}")
			.append("\n</style></head><body>\n");
		b.append("<h1>Bone Lesion study report</h1>\n<p class=\"muted\">Study folder ").append(esc(s.settings().input().toString()))
			.append(", results in ").append(esc(s.settings().out().toString())).append(". Bone Lesion ").append(esc(Version.get())).append(", ")
			.append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(". ")
			.append(s.specimens().size()).append(" specimen rows, ").append(s.errors().size()).append(" error(s).</p>\n");
		design(b, s);
		stages(b, s);
		plots(b, s);
		modalities(b, s);
		comparisons(b, s);
		thumbnails(b, s);
		parameters(b, s);
		b.append("<h2 id=\"errors\">Errors</h2>\n");
		if (s.errors().size() == 0) b.append("<p>None: every image was analysed.</p>\n");
		else table(b, s.errors(), s.errors().headers());
		b.append("</body></html>\n");
		return b.toString();
	}

	private static void design(StringBuilder b, Study s) {
		b.append("<h2 id=\"design\">Study design</h2>\n");
		b.append("<p>Control group: <b>").append(s.control() == null ? "none (no comparisons)" : esc(s.control())).append("</b>.</p>\n");
		Table sizes = new Table().column("Group", null).column("Timepoint", null).column("Specimens", null).column("Images", null);
		Map<String, Set<String>> specimens = new LinkedHashMap<>();
		Map<String, Integer> images = new LinkedHashMap<>();
		for (StudyDesign.Entry e : s.design().entries()) {
			String key = e.group() + "\u0000" + e.timepoint();
			specimens.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(e.specimen());
			images.merge(key, 1, Integer::sum);
		}
		for (Map.Entry<String, Set<String>> e : specimens.entrySet()) {
			String[] k = e.getKey().split("\u0000", -1);
			sizes.addRow().put("Group", k[0] + (k[0].equals(s.control()) ? " (control)" : "")).put("Timepoint", k[1]).put("Specimens", e.getValue().size())
				.put("Images", images.get(e.getKey()));
		}
		b.append("<h3>Group sizes</h3>\n");
		table(b, sizes, sizes.headers());
		b.append("<h3>design.csv</h3>\n");
		Table d = new Table();
		for (String h : s.design().headers()) d.column(h, null);
		for (Map<String, String> r : s.design().rows()) {
			Table.Row row = d.addRow();
			for (Map.Entry<String, String> c : r.entrySet()) row.put(c.getKey(), c.getValue());
		}
		table(b, d, d.headers());
	}

	private static void stages(StringBuilder b, Study s) {
		b.append("<h2 id=\"stages\">Stages of bone metastasis</h2>\n");
		List<String> stages = new ArrayList<>(s.rules().stages());
		Map<String, Map<String, Integer>> counts = GroupSummary.stageCounts(s.specimens(), s.control(), stages);
		for (Map<String, Integer> c : counts.values()) for (String k : c.keySet()) if (!stages.contains(k)) stages.add(k);
		b.append("<table><tr><th>Group</th>");
		for (String st : stages) b.append("<th>").append(esc(st)).append("</th>");
		b.append("<th>Distribution</th></tr>\n");
		for (Map.Entry<String, Map<String, Integer>> g : counts.entrySet()) {
			int total = g.getValue().values().stream().mapToInt(Integer::intValue).sum();
			b.append("<tr><td>").append(esc(g.getKey())).append("</td>");
			for (String st : stages) b.append("<td class=\"n\">").append(g.getValue().getOrDefault(st, 0)).append("</td>");
			b.append("<td>");
			for (int i = 0; i < stages.size(); i++) {
				int n = g.getValue().getOrDefault(stages.get(i), 0);
				if (n == 0) continue;
				b.append("<span class=\"bar\" title=\"").append(esc(stages.get(i))).append(": ").append(n).append("\" style=\"width:")
					.append(Math.round(200.0 * n / total)).append("px;background:").append(stageColour(stages.get(i))).append("\"></span>");
			}
			b.append("</td></tr>\n");
		}
		b.append("</table>\n<p class=\"muted\">Stage colours: ");
		for (String st : stages) {
			b.append("<span class=\"bar\" style=\"width:12px;background:").append(stageColour(st)).append("\"></span> ").append(esc(st)).append(" &nbsp; ");
		}
		b.append("</p>\n<h3>Stage of each specimen and its evidence</h3>\n");
		table(b, s.specimens(), List.of("Specimen", "Group", "Timepoint", "Stage", "Evidence"));
	}

	static String stageColour(String stage) {
		if (stage.startsWith("4")) return "#7b241c";
		if (stage.equals("3-lytic")) return "#c0392b";
		if (stage.equals("3-blastic")) return "#2471a3";
		if (stage.startsWith("3")) return "#8e44ad";
		if (stage.startsWith("2")) return "#e67e22";
		if (stage.startsWith("1")) return "#f4d03f";
		if (stage.startsWith("0")) return "#abebc6";
		return "#bbbbbb";
	}

	private static void plots(StringBuilder b, Study s) {
		b.append("<h2 id=\"endpoints\">Key endpoints by group</h2>\n<p class=\"muted\">Each dot is one specimen; boxes span the quartiles "
			+ "with the median as a thick line, whiskers reach the smallest and largest value.</p>\n<div class=\"plots\">\n");
		List<String> groups = GroupSummary.groupOrder(s.specimens(), s.control());
		List<String> timepoints = GroupSummary.timepoints(s.specimens());
		int drawn = 0;
		for (String symbol : KEY_ENDPOINTS) {
			String header = headerOf(s.specimens(), symbol);
			if (header == null) continue;
			List<StripPlot.Series> series = new ArrayList<>();
			for (String tp : timepoints) {
				for (String g : groups) {
					double[] v = GroupSummary.values(s.specimens(), g, tp, header);
					if (Statistics.finite(v).length == 0) continue;
					series.add(new StripPlot.Series(timepoints.size() > 1 ? g + " " + tp : g, v, groups.indexOf(g)));
				}
			}
			String svg = StripPlot.svg(symbol + " by group", header, series);
			b.append("<img alt=\"").append(esc(header)).append(" by group\" src=\"data:image/svg+xml;base64,")
				.append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8))).append("\">\n");
			drawn++;
		}
		if (drawn == 0) b.append("<p>None of the key endpoints (").append(esc(String.join(", ", KEY_ENDPOINTS))).append(") was measured.</p>\n");
		b.append("</div>\n");
	}

	private static String headerOf(Table t, String symbol) {
		for (String h : t.headers()) if (GroupSummary.symbol(h).equals(symbol)) return h;
		return null;
	}

	private static void modalities(StringBuilder b, Study s) {
		b.append("<h2 id=\"measurements\">Measurements by modality</h2>\n");
		Map<String, String> titles = Map.of("ct", "Micro-CT", "histo", "TRAP histology (tissue)", "culture", "TRAP culture");
		for (String kind : StudyDesign.KINDS) {
			List<ImageResult> rs = s.images().stream().filter(r -> r.ok() && r.entry().kind().equals(kind)).toList();
			if (rs.isEmpty()) continue;
			Table t = new Table().column("Specimen", null).column("Group", null).column("Timepoint", null);
			for (ImageResult r : rs) {
				Table.Row row = t.addRow().put("Specimen", r.entry().specimen()).put("Group", r.entry().group()).put("Timepoint", r.entry().timepoint());
				for (Map.Entry<String, Object> c : r.summary().entrySet()) if (!c.getKey().equals("Specimen")) row.put(c.getKey(), c.getValue());
			}
			b.append("<h3>").append(titles.get(kind)).append(" (").append(rs.size()).append(" images)</h3>\n");
			table(b, t, t.headers());
		}
		b.append("<h3>Groups (groups.csv)</h3>\n<p class=\"muted\">Mean &plusmn; SD (n) per group and timepoint.</p>\n");
		List<String> ms = new ArrayList<>();
		for (String h : s.groups().headers()) if (h.endsWith(" mean")) ms.add(h.substring(0, h.length() - 5));
		Table g = new Table().column("Group", null).column("Timepoint", null).column("n", null);
		for (String m : ms) g.column(m, null);
		for (Table.Row r : s.groups().rows()) {
			Table.Row row = g.addRow().put("Group", r.get("Group")).put("Timepoint", r.get("Timepoint")).put("n", r.get("n"));
			for (String m : ms) {
				row.put(m, number(r.getDouble(m + " mean")) + " \u00b1 " + number(r.getDouble(m + " SD")) + " (" + Table.format(r.get(m + " n")) + ")");
			}
		}
		table(b, g, g.headers());
	}

	private static void comparisons(StringBuilder b, Study s) {
		b.append("<h2 id=\"comparisons\">Comparisons with the control group</h2>\n");
		if (s.control() == null) {
			b.append("<p>No control group: name it with --control, flag it in a Control column of design.csv, or call it vehicle, control or sham.</p>\n");
			return;
		}
		b.append("<p class=\"muted\">Each treatment group against ").append(esc(s.control()))
			.append(" at the same timepoint: difference of means, % change, two-sided Mann-Whitney U test and Welch's t test "
				+ "(no correction for multiple comparisons).</p>\n");
		table(b, s.comparisons(), List.of("Timepoint", "Measurement", "Unit", "Group", "n", "n control", "Mean", "Mean control", "Difference",
			"Change (%)", "Mann-Whitney p", "Welch p"));
	}

	private static void thumbnails(StringBuilder b, Study s) throws IOException {
		b.append("<h2 id=\"images\">Lesion maps and overlays</h2>\n<div class=\"thumbs\">\n");
		int n = 0;
		for (ImageResult r : s.images()) {
			if (!r.ok()) continue;
			for (String name : THUMBNAILS) {
				Path f = r.folder().resolve(name);
				if (!Files.isRegularFile(f)) continue;
				String uri = thumbnail(f);
				if (uri == null) continue;
				b.append("<figure><img alt=\"").append(esc(r.entry().specimen() + " " + name)).append("\" src=\"").append(uri)
					.append("\"><figcaption>").append(esc(r.entry().specimen() + " \u00b7 " + r.entry().group()
						+ (r.entry().timepoint().isEmpty() ? "" : " \u00b7 " + r.entry().timepoint()) + " \u00b7 " + name))
					.append("</figcaption></figure>\n");
				n++;
			}
		}
		if (n == 0) b.append("<p>No analysis folder has a lesion_map.png or overlay.png.</p>\n");
		b.append("</div>\n");
	}

	/** A PNG data URI of the picture shrunk to at most {@link #THUMBNAIL_SIZE} pixels a side, or null if unreadable. */
	static String thumbnail(Path file) throws IOException {
		BufferedImage img = ImageIO.read(file.toFile());
		if (img == null) return null;
		double scale = Math.min(1, THUMBNAIL_SIZE / (double) Math.max(img.getWidth(), img.getHeight()));
		int w = Math.max(1, (int) Math.round(img.getWidth() * scale)), h = Math.max(1, (int) Math.round(img.getHeight() * scale));
		BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = small.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.drawImage(img, 0, 0, w, h, null);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(small, "png", out);
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
	}

	private static void parameters(StringBuilder b, Study s) {
		b.append("<h2 id=\"parameters\">Parameters</h2>\n");
		StudyRunner.Settings st = s.settings();
		Table t = new Table().column("Parameter", null).column("Value", null);
		t.addRow().put("Parameter", "--input").put("Value", st.input().toString());
		t.addRow().put("Parameter", "--out").put("Value", st.out().toString());
		t.addRow().put("Parameter", "--control").put("Value", st.control() == null ? "(from design.csv or the group name)" : st.control());
		t.addRow().put("Parameter", "--stages").put("Value", st.stages() == null ? "(defaults)" : st.stages().toString());
		t.addRow().put("Parameter", "--force").put("Value", st.force() ? "yes" : "no");
		t.addRow().put("Parameter", "--threads").put("Value", st.threads());
		table(b, t, t.headers());
		for (Map.Entry<String, Map<String, String>> k : s.parameters().entrySet()) {
			b.append("<h3>").append(esc(k.getKey())).append(" analysis defaults</h3>\n<p class=\"muted\">design.csv columns named like an option override it per image.</p>\n");
			Table p = new Table().column("Option", null).column("Value", null);
			for (Map.Entry<String, String> e : k.getValue().entrySet()) p.addRow().put("Option", "--" + e.getKey()).put("Value", e.getValue());
			table(b, p, p.headers());
		}
		b.append("<h3>Stage rules: ").append(esc(s.rules().name())).append("</h3>\n<p>From ").append(esc(s.rules().source())).append(", thresholds ")
			.append(esc(s.rules().thresholds())).append(". Rules are tried in order; the first that holds gives the stage.</p>\n");
		Table r = new Table().column("Stage", null).column("Why", null);
		for (String[] d : s.rules().describe()) r.addRow().put("Stage", d[0]).put("Why", d[1]);
		table(b, r, r.headers());
		b.append("<details><summary>The rules file</summary><pre>").append(esc(s.rules().text())).append("</pre></details>\n");
	}

	private static void table(StringBuilder b, Table t, List<String> columns) {
		b.append("<table><tr>");
		for (String c : columns) b.append("<th>").append(esc(c)).append("</th>");
		b.append("</tr>\n");
		for (Table.Row r : t.rows()) {
			b.append("<tr>");
			for (String c : columns) {
				Object v = r.get(c);
				boolean num = v instanceof Number;
				b.append(num ? "<td class=\"n\">" : "<td>").append(esc(num ? number(((Number) v).doubleValue(), v) : Table.format(v))).append("</td>");
			}
			b.append("</tr>\n");
		}
		b.append("</table>\n");
	}

	private static String number(double d) {
		return number(d, d);
	}

	/** Numbers for reading: integers as such, others with 4 significant digits. */
	private static String number(double d, Object original) {
		if (original instanceof Integer || original instanceof Long) return original.toString();
		if (Double.isNaN(d)) return "NaN";
		if (d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString((long) d);
		return Table.format(new java.math.BigDecimal(d).round(new java.math.MathContext(4)).doubleValue());
	}

	static String esc(String s) {
		return StripPlot.esc(s == null ? "" : s);
	}
}

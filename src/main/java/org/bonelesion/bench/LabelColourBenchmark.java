package org.bonelesion.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.FloatVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;
import org.bonelesion.ops.ColourDeconvolution;
import org.bonelesion.ops.Connectivity;
import org.bonelesion.ops.Labeling;
import org.bonelesion.ops.StainMatrix;
import org.bonelesion.ops.StainVector;

/**
 * Times 3D labelling (26-connectivity) of a random-spheres mask and colour deconvolution of a
 * rendered H&amp;E-DAB image, on 1 and 2 threads, against scipy.ndimage.label and
 * skimage.color.rgb2hed run on the same bytes by {@code bench/labelcolour_peer.py} with
 * {@code /usr/bin/python3}. Prints a Markdown table.
 *
 * <p>Usage: {@code LabelColourBenchmark [--size 512] [--rgb 4000] [--repeats 3] [--big]}
 * ({@code --big} adds a 1024^3 labelling, Java only: needs about 6 GB of heap).
 */
public final class LabelColourBenchmark {

	private LabelColourBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int size = 512, rgbSize = 4000, repeats = 3;
		boolean big = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--size" -> size = Integer.parseInt(args[++i]);
				case "--rgb" -> rgbSize = Integer.parseInt(args[++i]);
				case "--repeats" -> repeats = Integer.parseInt(args[++i]);
				case "--big" -> big = true;
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		ByteVolume mask = randomSpheres(size, 7);
		RgbImage rgb = renderedSection(rgbSize, 3);
		Path dir = Files.createTempDirectory("labelcolour-bench");
		Path maskFile = dir.resolve("mask.raw"), rgbFile = dir.resolve("rgb.raw");
		writeMask(mask, maskFile);
		writeRgb(rgb, rgbFile);

		List<String[]> rows = new ArrayList<>();
		double[] label = new double[3];
		int[] count = new int[1];
		for (int t = 1; t <= 2; t++) {
			Parallel p = Parallel.of(t);
			label[t] = bestOf(repeats, () -> {
				count[0] = Labeling.label(mask, Connectivity.TWENTY_SIX, p).count();
				return count[0];
			});
		}
		ColourDeconvolution cd = new ColourDeconvolution(StainMatrix.of(StainVector.HAEMATOXYLIN, StainVector.EOSIN, StainVector.DAB));
		double[] colour = new double[3];
		for (int t = 1; t <= 2; t++) {
			Parallel p = Parallel.of(t);
			colour[t] = bestOf(repeats, () -> {
				FloatVolume[] c = cd.concentrations(rgb, p);
				return c.length;
			});
		}
		String peerJson = runPeer(maskFile, size, rgbFile, rgbSize, repeats);
		double peerLabel = jsonNumber(peerJson, "label_s"), peerHed = jsonNumber(peerJson, "rgb2hed_s");
		long peerCount = (long) jsonNumber(peerJson, "label_count");
		rows.add(row("label 3D 26-conn, " + size + "^3 random spheres (" + count[0] + " components; scipy: " + peerCount + ")",
				"scipy.ndimage.label", peerLabel, label[1], label[2]));
		rows.add(row("colour deconvolution " + rgbSize + "x" + rgbSize + " RGB, 3 stains", "skimage.color.rgb2hed", peerHed, colour[1], colour[2]));
		if (big) {
			ByteVolume large = randomSpheres(1024, 7);
			double[] l = new double[3];
			for (int t = 1; t <= 2; t++) {
				Parallel p = Parallel.of(t);
				l[t] = bestOf(1, () -> Labeling.label(large, Connectivity.TWENTY_SIX, p).count());
			}
			rows.add(row("label 3D 26-conn, 1024^3 random spheres", "(not run)", Double.NaN, l[1], l[2]));
		}
		Files.deleteIfExists(maskFile);
		Files.deleteIfExists(rgbFile);
		Files.deleteIfExists(dir);

		StringBuilder sb = new StringBuilder();
		sb.append("| op | peer | peer (s) | Java 1 thread (s) | Java 2 threads (s) | speed-up vs peer, 1 thread | speed-up vs peer, 2 threads |\n");
		sb.append("|---|---|---|---|---|---|---|\n");
		for (String[] r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
		System.out.print(sb);
		System.out.println();
		System.out.println("Best of " + repeats + " runs each; " + Runtime.getRuntime().availableProcessors() + " processors, Java "
				+ System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB.");
	}

	private static String[] row(String op, String peer, double peerS, double j1, double j2) {
		return new String[] { op, peer, fmt(peerS), fmt(j1), fmt(j2), ratio(peerS, j1), ratio(peerS, j2) };
	}

	private static String fmt(double s) {
		return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.3f", s);
	}

	private static String ratio(double peer, double java) {
		return Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.2fx", peer / java);
	}

	private static double bestOf(int repeats, Supplier<Object> op) {
		op.get(); // warm-up
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < repeats; i++) {
			long t0 = System.nanoTime();
			op.get();
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		return best;
	}

	/** Spheres of radius 2 to 10 voxels at seeded random centres until about 15 % is filled. */
	static ByteVolume randomSpheres(int n, long seed) {
		ByteVolume m = new ByteVolume(n, n, n, Spacing.isotropicMicrons(10));
		Random r = new Random(seed);
		long target = (long) (0.15 * n * (double) n * n);
		long filled = 0;
		while (filled < target) {
			int cx = r.nextInt(n), cy = r.nextInt(n), cz = r.nextInt(n);
			int rad = 2 + r.nextInt(9);
			for (int z = Math.max(0, cz - rad); z <= Math.min(n - 1, cz + rad); z++) {
				byte[] s = m.slice(z);
				for (int y = Math.max(0, cy - rad); y <= Math.min(n - 1, cy + rad); y++) {
					for (int x = Math.max(0, cx - rad); x <= Math.min(n - 1, cx + rad); x++) {
						int dx = x - cx, dy = y - cy, dz = z - cz;
						if (dx * dx + dy * dy + dz * dz <= rad * rad && s[y * n + x] == 0) {
							s[y * n + x] = 1;
							filled++;
						}
					}
				}
			}
		}
		return m;
	}

	/** H, E and DAB amounts that vary smoothly plus noise, rendered by Beer-Lambert. */
	static RgbImage renderedSection(int n, long seed) {
		Random r = new Random(seed);
		StainVector[] st = { StainVector.HAEMATOXYLIN, StainVector.EOSIN, StainVector.DAB };
		int[] px = new int[n * n];
		// a table of 4096 random colours, indexed by a cheap hash: rendering 16 M pixels with pow() would dominate the set-up
		int[] palette = new int[4096];
		for (int i = 0; i < palette.length; i++) {
			int rgb = 0;
			double[] a = { r.nextDouble(), r.nextDouble() * 0.8, r.nextDouble() * 0.5 };
			for (int c = 0; c < 3; c++) {
				double od = 0;
				for (int k = 0; k < 3; k++) od += a[k] * st[k].toArray()[c];
				rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, Math.round(256 * Math.pow(10, -od) - 1)));
			}
			palette[i] = rgb;
		}
		for (int i = 0; i < px.length; i++) px[i] = palette[r.nextInt(4096)];
		return new RgbImage(n, n, px, Spacing.isotropicMicrons(0.5));
	}

	private static void writeMask(ByteVolume m, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			for (int z = 0; z < m.depth(); z++) out.write(m.slice(z));
		}
	}

	private static void writeRgb(RgbImage img, Path file) throws IOException {
		int[] px = img.pixels();
		byte[] row = new byte[img.width() * 3];
		try (OutputStream out = Files.newOutputStream(file)) {
			for (int y = 0; y < img.height(); y++) {
				for (int x = 0; x < img.width(); x++) {
					int p = px[y * img.width() + x];
					row[3 * x] = (byte) (p >> 16);
					row[3 * x + 1] = (byte) (p >> 8);
					row[3 * x + 2] = (byte) p;
				}
				out.write(row);
			}
		}
	}

	private static String runPeer(Path mask, int size, Path rgb, int rgbSize, int repeats) throws IOException, InterruptedException {
		Path script = Path.of("bench", "labelcolour_peer.py");
		if (!Files.exists(Path.of("/usr/bin/python3")) || !Files.exists(script)) return "{}";
		ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), mask.toString(), "" + size, "" + size, "" + size,
				rgb.toString(), "" + rgbSize, "" + rgbSize, "" + repeats);
		pb.redirectError(ProcessBuilder.Redirect.INHERIT);
		Process proc = pb.start();
		String out;
		try (BufferedReader br = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
			out = br.lines().reduce("", (a, b) -> a + b);
		}
		proc.waitFor();
		return out;
	}

	private static double jsonNumber(String json, String key) {
		int i = json.indexOf("\"" + key + "\"");
		if (i < 0) return Double.NaN;
		int c = json.indexOf(':', i);
		int e = c + 1;
		while (e < json.length() && ",}".indexOf(json.charAt(e)) < 0) e++;
		return Double.parseDouble(json.substring(c + 1, e).trim());
	}
}

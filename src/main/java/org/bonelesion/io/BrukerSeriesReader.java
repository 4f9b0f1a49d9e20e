package org.bonelesion.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads a Bruker SkyScan NRecon reconstruction: a folder of slices named like
 * {@code sample_rec00000123.bmp} (8-bit BMP, or TIFF/PNG), in natural order, with the
 * reconstruction log ({@code sample_rec.log}) beside them. The voxel size is "Pixel Size (um)"
 * from the log's [Reconstruction] section, else from [System], else "Image Pixel Size (um)"
 * from [Acquisition]; slices are taken to be as thick as the pixel size (NRecon reconstructs
 * isotropic voxels). The log's grey-to-attenuation range is recorded in the metadata only.
 */
public final class BrukerSeriesReader {

	private BrukerSeriesReader() {}

	/** The reconstruction log in a folder (a .log file with a [Reconstruction] section), or null. */
	static Path findLog(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> logs = new ArrayList<>();
			for (Path p : (Iterable<Path>) s::iterator) {
				if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".log") && Files.isRegularFile(p)) logs.add(p);
			}
			logs.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
			for (Path p : logs) {
				if (p.getFileName().toString().toLowerCase(Locale.ROOT).contains("_rec") && hasSection(p, "Reconstruction")) return p;
			}
			for (Path p : logs) if (hasSection(p, "Reconstruction")) return p;
			return null;
		} catch (IOException e) {
			throw new UserInputException("cannot list the folder " + dir + ": " + e.getMessage(), e);
		}
	}

	private static boolean hasSection(Path log, String section) {
		return parseLog(log).containsKey(section);
	}

	/** Sections of an INI-like log: section -> (key -> value). Unreadable or huge files give an empty map. */
	static Map<String, Map<String, String>> parseLog(Path log) {
		Map<String, Map<String, String>> out = new LinkedHashMap<>();
		try {
			if (Files.size(log) > 10_000_000) return out;
			Map<String, String> cur = null;
			for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
				String t = line.trim();
				if (t.startsWith("[") && t.endsWith("]")) {
					cur = out.computeIfAbsent(t.substring(1, t.length() - 1).trim(), k -> new LinkedHashMap<>());
				} else if (cur != null && t.indexOf('=') > 0) {
					cur.put(t.substring(0, t.indexOf('=')).trim(), t.substring(t.indexOf('=') + 1).trim());
				}
			}
		} catch (IOException e) {
			return out;
		}
		return out;
	}

	/** The slice files of the reconstruction in a folder, natural order. */
	static List<Path> slices(Path dir) {
		List<Path> all = ImageIo.listImages(dir, ".bmp", ".tif", ".tiff", ".png");
		List<Path> rec = new ArrayList<>();
		for (Path p : all) {
			String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
			if (n.matches(".*_rec\\D*\\d+\\.(bmp|tiff?|png)")) rec.add(p);
		}
		return rec.isEmpty() ? all : rec;
	}

	/** Reads the reconstruction in {@code dir} with the log {@code log}. */
	public static LoadedVolume read(Path dir, Path log) {
		Map<String, Map<String, String>> ini = parseLog(log);
		double um = Double.NaN;
		String from = null;
		String[][] places = { { "Reconstruction", "Pixel Size (um)" }, { "System", "Pixel Size (um)" }, { "Acquisition", "Image Pixel Size (um)" } };
		for (String[] p : places) {
			String v = ini.getOrDefault(p[0], Map.of()).get(p[1]);
			double d = v == null ? Double.NaN : TiffCalibration.parse(v);
			if (d > 0) {
				um = d;
				from = "[" + p[0] + "] " + p[1];
				break;
			}
		}
		List<Path> files = slices(dir);
		if (files.isEmpty()) throw new UserInputException("the folder " + dir + " holds no reconstructed slices (*_rec*.bmp, .tif or .png)");
		String log0 = log.getFileName().toString();
		short[][] slices = new short[files.size()][];
		int w = -1, h = -1;
		ValueCalibration values = ValueCalibration.NONE;
		for (int z = 0; z < files.size(); z++) {
			Path f = files.get(z);
			String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
			short[] s;
			int fw, fh;
			if (n.endsWith(".tif") || n.endsWith(".tiff")) {
				LoadedVolume v = TiffVolumeReader.read(f);
				if (v.volume().depth() != 1) throw new UserInputException(f.getFileName() + " holds " + v.volume().depth() + " slices; expected one");
				s = v.volume().slice(0);
				fw = v.volume().width();
				fh = v.volume().height();
				if (z == 0) values = v.values();
			} else {
				BufferedImage img = readImage(f);
				fw = img.getWidth();
				fh = img.getHeight();
				s = greyOf(img, f);
			}
			if (z == 0) {
				w = fw;
				h = fh;
			} else if (fw != w || fh != h) {
				throw new UserInputException("slice " + f.getFileName() + " is " + fw + " x " + fh + ", unlike the first slice " + files.get(0).getFileName()
					+ " (" + w + " x " + h + ")");
			}
			slices[z] = s;
		}
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("log", log0);
		info.put("slices", files.size());
		info.put("pixelSizeFrom", from == null ? "none" : from);
		Map<String, String> rec = ini.getOrDefault("Reconstruction", Map.of());
		for (String k : new String[] { "Minimum for CS to Image Conversion", "Maximum for CS to Image Conversion", "Reconstruction Program",
			"Program Version", "Result File Type", "Result Image Bit Depth" }) {
			if (rec.containsKey(k)) info.put(k, rec.get(k));
		}
		String scanner = ini.getOrDefault("System", Map.of()).get("Scanner");
		if (scanner != null) info.put("scanner", scanner);
		Spacing sp = um > 0 ? Spacing.isotropicMicrons(um) : null;
		return new LoadedVolume(new ShortVolume(w, h, sp, slices), values, "Bruker NRecon series", info);
	}

	private static BufferedImage readImage(Path f) {
		FileChecks.length(f);
		BufferedImage img;
		try {
			img = ImageIO.read(f.toFile());
		} catch (IOException | RuntimeException e) {
			throw new UserInputException(f.getFileName() + " could not be read as an image (damaged file?): " + e.getMessage(), e);
		}
		if (img == null) throw new UserInputException(f.getFileName() + " could not be read as an image (unknown format or damaged file)");
		return img;
	}

	/** Grey values of an 8-bit grey or grey-palette image (a colour palette is read through its red channel). */
	private static short[] greyOf(BufferedImage img, Path f) {
		Raster r = img.getRaster();
		if (r.getNumBands() != 1) throw new UserInputException(f.getFileName() + " is a colour image; NRecon slices are grey-level");
		int w = img.getWidth(), h = img.getHeight();
		int[] row = new int[w];
		short[] s = new short[w * h];
		IndexColorModel icm = img.getColorModel() instanceof IndexColorModel m ? m : null;
		for (int y = 0; y < h; y++) {
			r.getSamples(0, y, w, 1, 0, row);
			for (int x = 0; x < w; x++) s[y * w + x] = (short) (icm != null ? icm.getRed(row[x]) : row[x]);
		}
		return s;
	}
}

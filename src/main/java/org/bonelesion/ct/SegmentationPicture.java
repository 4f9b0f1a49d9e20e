package org.bonelesion.ct;

import java.util.Arrays;
import java.util.Locale;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;

/**
 * A picture to check a segmentation at a glance: three axial slices of the volume of interest
 * (at a quarter, half and three quarters of it) and two orthogonal views (x-z and y-z through
 * the bone's centre), grey values with the cortex outlined in red, trabecular bone in green,
 * the periosteal envelope in yellow and the VOI limits in cyan, each row with a scale bar.
 * Voxels are drawn at their true aspect ratio.
 */
public final class SegmentationPicture {

	/** Pixels along the longer side of an axial panel. */
	public static final int PANEL = 256;

	static final int CORTEX = 0xff3c3c;
	static final int TRABECULAR = 0x3cdc3c;
	static final int ENVELOPE = 0xffdc00;
	static final int VOI = 0x00dcdc;
	private static final int GAP = 6;
	private static final int BAR_ROW = 22;

	private SegmentationPicture() {
	}

	/** Renders the picture. */
	public static RgbImage render(CtSegmentation s) {
		ShortVolume img = s.image();
		Spacing sp = s.spacing();
		int w = img.width(), h = img.height(), d = img.depth();
		double scale = PANEL / Math.max(w * sp.x(), h * sp.y()); // px per mm
		int aw = Math.max(1, (int) Math.round(w * sp.x() * scale)), ah = Math.max(1, (int) Math.round(h * sp.y() * scale));
		double oscale = Math.min(scale, 2.0 * PANEL / (d * sp.z()));
		int ow = Math.max(1, (int) Math.round(w * sp.x() * oscale)), oh = Math.max(1, (int) Math.round(d * sp.z() * oscale));
		int ow2 = Math.max(1, (int) Math.round(h * sp.y() * oscale));
		int width = Math.max(3 * aw + 4 * GAP, ow + ow2 + 3 * GAP);
		int height = GAP + ah + BAR_ROW + GAP + oh + BAR_ROW;
		RgbImage out = new RgbImage(width, height, null);
		Arrays.fill(out.pixels(), 0x202020);
		int[] window = window(s);
		int n = s.voiSlices();
		for (int k = 0; k < 3; k++) {
			int z = Math.min(d - 1, s.voiStart() + (int) ((k + 1) * n / 4.0));
			int ox = GAP + k * (aw + GAP);
			int fz = z;
			panel(out, ox, GAP, aw, ah, window, s, (u, v) -> new int[] { (int) (u / scale / sp.x()), (int) (v / scale / sp.y()), fz }, false);
			Font.draw(out, ox + 2, GAP + 2, "z=" + (z + 1), 0xffffff);
		}
		bar(out, GAP, GAP + ah + 4, scale);
		int cx = (int) Math.round(centre(s.bone(), 0)), cy = (int) Math.round(centre(s.bone(), 1));
		int oy = GAP + ah + BAR_ROW + GAP;
		panel(out, GAP, oy, ow, oh, window, s, (u, v) -> new int[] { (int) (u / oscale / sp.x()), cy, (int) (v / oscale / sp.z()) }, true);
		Font.draw(out, GAP + 2, oy + 2, "xz y=" + (cy + 1), 0xffffff);
		panel(out, 2 * GAP + ow, oy, ow2, oh, window, s, (u, v) -> new int[] { cx, (int) (u / oscale / sp.y()), (int) (v / oscale / sp.z()) }, true);
		Font.draw(out, 2 * GAP + ow + 2, oy + 2, "yz x=" + (cx + 1), 0xffffff);
		bar(out, GAP, oy + oh + 4, oscale);
		return out;
	}

	@FunctionalInterface
	private interface Sampler {
		int[] voxel(int u, int v);
	}

	private static void panel(RgbImage out, int ox, int oy, int pw, int ph, int[] window, CtSegmentation s, Sampler at, boolean showVoi) {
		ShortVolume img = s.image();
		int[] label = new int[pw * ph];
		int[] env = new int[pw * ph];
		int[] zOf = new int[pw * ph];
		for (int v = 0; v < ph; v++) {
			for (int u = 0; u < pw; u++) {
				int[] p = at.voxel(u, v);
				int x = Math.min(img.width() - 1, p[0]), y = Math.min(img.height() - 1, p[1]), z = Math.min(img.depth() - 1, p[2]);
				int g = img.get(x, y, z);
				int grey = (int) Math.max(0, Math.min(255, Math.round(255.0 * (g - window[0]) / Math.max(1, window[1] - window[0]))));
				out.set(ox + u, oy + v, grey << 16 | grey << 8 | grey);
				int i = v * pw + u;
				label[i] = s.cortical().get(x, y, z) != 0 ? 1 : s.trabecular().get(x, y, z) != 0 ? 2 : 0;
				env[i] = s.hasCortex() && s.envelope().get(x, y, z) != 0 ? 1 : 0;
				zOf[i] = z;
			}
		}
		for (int v = 0; v < ph; v++) {
			for (int u = 0; u < pw; u++) {
				int i = v * pw + u;
				if (env[i] != 0 && edge(env, pw, ph, u, v)) out.set(ox + u, oy + v, ENVELOPE);
				if (label[i] != 0 && edge(label, pw, ph, u, v)) out.set(ox + u, oy + v, label[i] == 1 ? CORTEX : TRABECULAR);
				if (showVoi && v > 0 && (zOf[i] == s.voiStart() || zOf[i] == s.voiEnd()) && zOf[i - pw] != zOf[i] && (u / 3) % 2 == 0) {
					out.set(ox + u, oy + v, VOI);
				}
			}
		}
	}

	/** True if pixel (u, v) has a 4-neighbour of another value (or lies on the panel's edge). */
	private static boolean edge(int[] m, int pw, int ph, int u, int v) {
		int i = v * pw + u;
		int c = m[i];
		return u == 0 || v == 0 || u == pw - 1 || v == ph - 1 || m[i - 1] != c || m[i + 1] != c || m[i - pw] != c || m[i + pw] != c;
	}

	/** A scale bar of a round length about a quarter of a panel, with its label. */
	private static void bar(RgbImage out, int x, int y, double pxPerMm) {
		double[] nice = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50 };
		double len = nice[0];
		for (double c : nice) if (c * pxPerMm <= PANEL / 3.0) len = c;
		int px = Math.max(1, (int) Math.round(len * pxPerMm));
		for (int yy = y; yy < y + 4 && yy < out.height(); yy++) for (int xx = x; xx < x + px && xx < out.width(); xx++) out.set(xx, yy, 0xffffff);
		String text = len >= 1 ? String.format(Locale.ROOT, "%.0f mm", len) : String.format(Locale.ROOT, "%.0f um", len * 1000);
		Font.draw(out, x + px + 6, y - 3, text, 0xffffff);
	}

	/** Mean voxel index of the mask along axis 0 (x) or 1 (y); the middle if empty. */
	static double centre(ByteVolume m, int axis) {
		double s = 0;
		long n = 0;
		int w = m.width();
		for (int z = 0; z < m.depth(); z++) {
			byte[] b = m.slice(z);
			for (int i = 0; i < b.length; i++) {
				if (b[i] != 0) {
					s += axis == 0 ? i % w : i / w;
					n++;
				}
			}
		}
		return n == 0 ? (axis == 0 ? m.width() : m.height()) / 2.0 : s / n;
	}

	/** Grey window: the 0.5 and 99.5 percentiles of a sample of the VOI's voxels. */
	static int[] window(CtSegmentation s) {
		ShortVolume img = s.image();
		int n = 4096;
		int[] vals = new int[n];
		long total = (long) img.sliceSize() * s.voiSlices();
		for (int k = 0; k < n; k++) {
			long idx = total * k / n;
			int z = s.voiStart() + (int) (idx / img.sliceSize());
			vals[k] = img.slice(z)[(int) (idx % img.sliceSize())] & 0xffff;
		}
		Arrays.sort(vals);
		return new int[] { vals[n / 200], vals[n - 1 - n / 200] };
	}

	/** A tiny 3 x 5 bitmap font, drawn twice the size, for labels without AWT fonts (headless-safe). */
	static final class Font {
		private static final String CHARS = "0123456789.mu =xyz";
		private static final String[] GLYPHS = {
			"111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001", "111100111001111",
			"111100111101111", "111001001001001", "111101111101111", "111101111001111", "000000000000010", "000000111111101",
			"000000101101111", "000000000000000", "000111000111000", "000000101010101", "000000101111001", "000000111010111" };

		private Font() {
		}

		static void draw(RgbImage img, int x, int y, String text, int colour) {
			int cx = x;
			for (char c : text.toCharArray()) {
				int g = CHARS.indexOf(c);
				if (g >= 0) {
					String bits = GLYPHS[g];
					for (int r = 0; r < 5; r++) for (int q = 0; q < 3; q++) {
						if (bits.charAt(r * 3 + q) != '1') continue;
						for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) {
							int px = cx + q * 2 + a, py = y + r * 2 + b;
							if (px >= 0 && py >= 0 && px < img.width() && py < img.height()) img.set(px, py, colour);
						}
					}
				}
				cx += 8;
			}
		}
	}
}

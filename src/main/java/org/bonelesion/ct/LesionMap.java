package org.bonelesion.ct;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;

/**
 * {@code lesion_map.png}: maximum projections of a lesion label image along z (top left), y
 * (below it) and x (right of it), with bone grey (brighter where more bone lies along the
 * ray), lytic lesions red and blastic lesions blue (red wins where both lie on a ray), and a
 * white scale bar with its length in mm under the views.
 *
 * <p>Each view is resampled to square pixels of the smallest voxel size times an integer
 * factor chosen so that the picture stays under about 1600 pixels wide.
 */
public final class LesionMap {

	private static final int GAP = 6;
	private static final int BONE_RGB_MAX = 0xd0;

	private LesionMap() {
	}

	/** Renders the map of a label image (0 background, 1 bone, 2 lytic, 3 blastic). */
	public static RgbImage render(ByteVolume labels) {
		Spacing s = labels.requireSpacing();
		int w = labels.width(), h = labels.height(), d = labels.depth();
		double pix0 = Math.min(s.x(), Math.min(s.y(), s.z()));
		double extentX = w * s.x(), extentY = h * s.y(), extentZ = d * s.z();
		int factor = 1;
		while ((extentX + extentZ) / (pix0 * factor) > 1600) factor++;
		double pix = pix0 * factor;
		int pw = Math.max(1, (int) Math.round(extentX / pix)), ph = Math.max(1, (int) Math.round(extentY / pix)), pd = Math.max(1, (int) Math.round(extentZ / pix));
		// projections on the voxel grid: counts of bone, presence of lesions
		int[] xyBone = new int[w * h], xzBone = new int[w * d], yzBone = new int[d * h];
		byte[] xyLes = new byte[w * h], xzLes = new byte[w * d], yzLes = new byte[d * h];
		for (int z = 0; z < d; z++) {
			byte[] a = labels.slice(z);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				int v = a[y * w + x] & 0xff;
				if (v == 0) continue;
				xyBone[y * w + x]++;
				xzBone[z * w + x]++;
				yzBone[y * d + z]++;
				if (v >= 2) {
					xyLes[y * w + x] = merge(xyLes[y * w + x], v);
					xzLes[z * w + x] = merge(xzLes[z * w + x], v);
					yzLes[y * d + z] = merge(yzLes[y * d + z], v);
				}
			}
		}
		int bottom = 30;
		int width = pw + GAP + pd, height = ph + GAP + pd + bottom;
		int[] rgb = new int[width * height];
		view(rgb, width, 0, 0, pw, ph, xyBone, xyLes, w, h, d);
		view(rgb, width, 0, ph + GAP, pw, pd, xzBone, xzLes, w, d, h);
		view(rgb, width, pw + GAP, 0, pd, ph, yzBone, yzLes, d, h, w);
		scaleBar(rgb, width, height, pix, ph + GAP + pd + 8);
		return new RgbImage(width, height, rgb, new Spacing(pix, pix, pix));
	}

	private static byte merge(byte old, int v) {
		return (byte) (old == 2 || v == 2 ? 2 : 3);
	}

	/** Draws a projection (grid gw x gh, rays of length n) scaled to pw x ph at (ox, oy). */
	private static void view(int[] rgb, int width, int ox, int oy, int pw, int ph, int[] bone, byte[] les, int gw, int gh, int n) {
		for (int y = 0; y < ph; y++) {
			int gy = Math.min(gh - 1, (int) ((y + 0.5) * gh / ph));
			for (int x = 0; x < pw; x++) {
				int gx = Math.min(gw - 1, (int) ((x + 0.5) * gw / pw));
				int i = gy * gw + gx;
				int c;
				if (les[i] == 2) c = 0xff2020;
				else if (les[i] == 3) c = 0x3070ff;
				else if (bone[i] > 0) {
					int g = 0x40 + (int) Math.round((BONE_RGB_MAX - 0x40) * Math.min(1.0, bone[i] / (0.25 * n)));
					c = g << 16 | g << 8 | g;
				} else c = 0;
				rgb[(oy + y) * width + ox + x] = c;
			}
		}
	}

	/** A bar of a round length (1, 2 or 5 x 10^k mm) about a fifth of the width, with its label. */
	private static void scaleBar(int[] rgb, int width, int height, double pix, int y0) {
		double target = width * pix / 5;
		double p10 = Math.pow(10, Math.floor(Math.log10(target)));
		double len = p10;
		for (double m : new double[] { 2, 5, 10 }) if (m * p10 <= target) len = m * p10;
		int px = Math.max(1, (int) Math.round(len / pix));
		for (int y = y0; y < Math.min(height, y0 + 4); y++) for (int x = 4; x < Math.min(width, 4 + px); x++) rgb[y * width + x] = 0xffffff;
		String text = (len >= 1 ? String.valueOf((long) len) : String.valueOf(len).replaceAll("0+$", "")) + " mm";
		drawText(rgb, width, height, text, 4 + px + 6, y0 - 2);
	}

	/** 3x5 pixel glyphs (scaled 2x) for digits, '.', 'm' and space. */
	private static final String[] GLYPHS = {
			"111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
			"111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111" };

	private static void drawText(int[] rgb, int width, int height, String text, int x0, int y0) {
		int x = x0;
		for (char ch : text.toCharArray()) {
			String g = ch >= '0' && ch <= '9' ? GLYPHS[ch - '0'] : ch == '.' ? "000000000000010" : ch == 'm' ? "000000111111101" : null;
			if (g != null) {
				for (int r = 0; r < 5; r++) for (int c = 0; c < 3; c++) {
					if (g.charAt(r * 3 + c) != '1') continue;
					for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
						int px = x + 2 * c + dx, py = y0 + 2 * r + dy;
						if (px >= 0 && py >= 0 && px < width && py < height) rgb[py * width + px] = 0xffffff;
					}
				}
			}
			x += 8;
		}
	}
}

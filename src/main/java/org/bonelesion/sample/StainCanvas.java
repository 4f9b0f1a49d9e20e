package org.bonelesion.sample;

import java.util.List;
import java.util.Random;

import org.bonelesion.core.RgbImage;
import org.bonelesion.core.Spacing;

/**
 * A brightfield slide being painted: amounts of haematoxylin, TRAP product and fast green per
 * pixel (blended by anti-aliased coverage), plus truth label maps: tissue class, cell id and
 * nucleus id at the pixel centre.
 */
final class StainCanvas {

	/** Tissue classes of {@link #tissue}. */
	static final int SLIDE = 0, SOFT = 1, BONE = 2, TUMOUR = 3;

	final int width, height;
	final double pixelMm;
	final float[] h, t, g;
	final int[] tissue, cell, nucleus;

	StainCanvas(int width, int height, double pixelMm) {
		this.width = width;
		this.height = height;
		this.pixelMm = pixelMm;
		int n = width * height;
		h = new float[n];
		t = new float[n];
		g = new float[n];
		tissue = new int[n];
		cell = new int[n];
		nucleus = new int[n];
	}

	Raster.Mask mask(List<Polygon2> rings) {
		return Raster.of(rings, pixelMm, width, height);
	}

	/**
	 * Paints stain amounts over a shape (blended by coverage) and writes the labels at pixels
	 * whose centre is inside: tissue class (if tissueClass >= 0); a nucleus id (if > 0) only
	 * inside its cell cellId (if > 0), else the cell id (if > 0; never on bone).
	 */
	void paint(Raster.Mask m, double hv, double tv, double gv, int tissueClass, int cellId, int nucleusId) {
		for (int j = 0; j < m.h(); j++) {
			for (int i = 0; i < m.w(); i++) {
				int k = j * m.w() + i;
				int cov = m.coverage()[k];
				int p = (m.y0() + j) * width + m.x0() + i;
				if (cov > 0) {
					float f = cov / 16f;
					h[p] = h[p] * (1 - f) + (float) hv * f;
					t[p] = t[p] * (1 - f) + (float) tv * f;
					g[p] = g[p] * (1 - f) + (float) gv * f;
				}
				if (m.centre()[k]) {
					if (tissueClass >= 0) tissue[p] = tissueClass;
					if (nucleusId > 0) {
						if (cellId == 0 || cell[p] == cellId) nucleus[p] = nucleusId;
					} else if (cellId > 0 && tissue[p] != BONE) {
						cell[p] = cellId;
					}
				}
			}
		}
	}

	/** True if any centre pixel of the mask has a cell label or is bone. */
	boolean hitsCellOrBone(Raster.Mask m) {
		for (int j = 0; j < m.h(); j++) {
			for (int i = 0; i < m.w(); i++) {
				if (!m.centre()[j * m.w() + i]) continue;
				int p = (m.y0() + j) * width + m.x0() + i;
				if (cell[p] != 0 || tissue[p] == BONE || tissue[p] == SLIDE) return true;
			}
		}
		return false;
	}

	/** The rendered colour image (Beer-Lambert, camera noise from the seed). */
	RgbImage render(long seed, double noiseSd) {
		int[] px = new int[width * height];
		Random rnd = new Random(seed);
		for (int i = 0; i < px.length; i++) px[i] = StainVectors.rgb(h[i], t[i], g[i], noiseSd, rnd);
		return new RgbImage(width, height, px, new Spacing(pixelMm, pixelMm, pixelMm));
	}
}

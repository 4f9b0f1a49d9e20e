package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;
import org.junit.jupiter.api.Test;

/** The eroded-surface finder: no erosion on smooth or merely rough bone, and tile independence. */
class ErodedSurfaceTest {

	/** Bone surface with +-1 um roughness: a disc of radius r whose edge wanders by a sum of harmonics 8-30 um long, amplitudes summing to 1 um. */
	static TrapPhantom.Shape roughDisc(double cx, double cy, double r, Random rnd) {
		int k = 6;
		int[] harmonic = new int[k];
		double[] amp = new double[k], phase = new double[k];
		double sum = 0;
		for (int i = 0; i < k; i++) {
			double wavelength = 8 + 22 * rnd.nextDouble();
			harmonic[i] = (int) Math.round(2 * Math.PI * r / wavelength);
			amp[i] = 0.5 + rnd.nextDouble();
			phase[i] = 2 * Math.PI * rnd.nextDouble();
			sum += amp[i];
		}
		for (int i = 0; i < k; i++) amp[i] /= sum;
		return (x, y) -> {
			double dx = x - cx, dy = y - cy, t = Math.atan2(dy, dx), edge = r;
			for (int i = 0; i < k; i++) edge += amp[i] * Math.cos(harmonic[i] * t + phase[i]);
			return dx * dx + dy * dy <= edge * edge;
		};
	}

	/**
	 * Smooth and rough bone in marrow, none of it resorbed: convex ellipses (one thin, with tips
	 * of 1.5 um radius), a curved band whose concave side has a radius of 110 um (a gentle
	 * concavity, like an endosteal surface or the waist of a bent trabecula), two discs with
	 * +-1 um roughness, and a profile pierced by a canal 10 um across (an enclosed hole, in the depth range of a lacuna).
	 */
	static RgbImage distractors(long seed) {
		Random rnd = new Random(seed);
		int width = 700, height = 560;
		TrapPhantom p = new TrapPhantom(width, height, 1.0, 240);
		double m = 20, jitter = 10;
		TrapPhantom.Shape smooth = TrapPhantom.ellipse(130 + jitter * rnd.nextDouble(), 130, 90, 45, 0.3 * rnd.nextDouble());
		TrapPhantom.Shape thin = TrapPhantom.ellipse(380, 110 + jitter * rnd.nextDouble(), 110, 13, 0.2 * rnd.nextDouble());
		double bx = 360 + jitter * rnd.nextDouble(), by = 420;
		TrapPhantom.Shape band = (x, y) -> {
			double d = Math.hypot(x - bx, y - by + 160);
			return d >= 110 && d <= 150 && y - by + 160 > 60 && Math.abs(x - bx) < 130;
		};
		TrapPhantom.Shape rough1 = roughDisc(600, 130, 70, rnd), rough2 = roughDisc(120, 420, 65, rnd);
		TrapPhantom.Shape canal = TrapPhantom.minus(TrapPhantom.ellipse(600, 420, 75, 50, 0.4), TrapPhantom.disc(600 + 10 * rnd.nextDouble(), 420, 5));
		TrapPhantom.Shape bone = (x, y) -> smooth.inside(x, y) || thin.inside(x, y) || band.inside(x, y) || rough1.inside(x, y) || rough2.inside(x, y)
			|| canal.inside(x, y);
		p.paint(TrapPhantom.minus(TrapPhantom.rect(m, m, width - m, height - m), bone), m, m, width - m, height - m, TrapPhantom.HEM, CyclePhantom.STROMA_OD);
		p.paint(bone, 0, 0, width, height, TrapPhantom.GREEN, CyclePhantom.BONE_OD);
		return p.render(2, seed);
	}

	/** Smooth, gently concave and +-1 um rough surfaces carry no eroded surface at all; the canal is not surface either. */
	@Test
	void smoothAndRoughBoneIsNotEroded() {
		for (long seed = 1; seed <= 3; seed++) {
			TrapResult r = ViciousCycleTest.analyse(distractors(seed), null, 1.0, HistoSettings.defaults(false), Parallel.of(1));
			assertTrue(r.bonePerimeter() > 2000, "the phantom's bone is found: B.Pm " + r.bonePerimeter());
			assertEquals(0, r.cycle().erodedPerimeter(), "no eroded surface on smooth or rough bone (seed " + seed + ")");
		}
	}

	/**
	 * A tile's marks in its core equal the whole image's when the tile has the overlap
	 * {@link ErodedSurfaceFinder#margin} asks for (bone mask of the scalloped phantom and of the
	 * distractors, cut into 40-pixel cores, so that cuts cross many lacunae).
	 */
	@Test
	void tilesWithTheDeclaredMarginAgreeWithTheWholeImage() {
		double scale = 30;
		int margin = ErodedSurfaceFinder.margin(scale);
		RgbImage[] images = { new CyclePhantom(2, false).image, distractors(2) };
		for (int k = 0; k < images.length; k++) {
			RgbImage image = images[k];
			int w = image.width(), h = image.height();
			byte[] bone = new byte[w * h];
			for (int i = 0; i < bone.length; i++) bone[i] = (byte) ((image.pixels()[i] >> 16 & 0xff) < 150 ? 1 : 0); // fast green absorbs red
			float[] whole = ErodedSurfaceFinder.lacunaDistance(TileFrame.whole(w, h), bone, scale, 2.5, 15);
			int wholeMarked = 0;
			for (float f : whole) if (f == 0) wholeMarked++;
			int core = 40;
			for (int y0 = 0; y0 < h; y0 += core) {
				for (int x0 = 0; x0 < w; x0 += core) {
					int px0 = Math.max(0, x0 - margin), py0 = Math.max(0, y0 - margin);
					int px1 = Math.min(w, x0 + core + margin), py1 = Math.min(h, y0 + core + margin);
					int tw = px1 - px0, th = py1 - py0;
					byte[] tb = new byte[tw * th];
					for (int y = 0; y < th; y++) System.arraycopy(bone, (py0 + y) * w + px0, tb, y * tw, tw);
					TileFrame f = new TileFrame(tw, th, x0 - px0, y0 - py0, Math.min(x0 + core, w) - px0, Math.min(y0 + core, h) - py0, px0 > 0, py0 > 0, px1 < w,
						py1 < h);
					float[] tile = ErodedSurfaceFinder.lacunaDistance(f, tb, scale, 2.5, 15);
					for (int y = f.coreY0(); y < f.coreY1(); y++) {
						for (int x = f.coreX0(); x < f.coreX1(); x++) {
							assertEquals(whole[(py0 + y) * w + px0 + x], tile[y * tw + x], "pixel " + (px0 + x) + "," + (py0 + y));
						}
					}
				}
			}
			if (k == 0) assertTrue(wholeMarked > 100, "the scalloped phantom has lacunae: " + wholeMarked + " marked pixels");
		}
	}
}

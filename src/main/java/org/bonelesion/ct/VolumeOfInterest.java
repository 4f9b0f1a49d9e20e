package org.bonelesion.ct;

import java.util.Locale;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.UserInputException;

/**
 * The slices analysed: the whole bone, or a slab given in mm from a reference slice, which is
 * a slice number or the growth plate found automatically.
 *
 * <p>Growth plate: the cartilage disc between epiphysis and metaphysis holds little mineral,
 * so the bone's cross-sectional area dips there. Over the bone's length L (first to last
 * slice holding bone), each end's outer 35 % is searched for the slice z whose bone area
 * (averaged over 0.01 mm either side) is smallest relative to the largest area on each side of
 * it (between z and the bone's end: the epiphysis; and the next 35 % of L inwards: the
 * metaphysis). The deepest such dip, if its area is below 70 % of both sides, is the growth
 * plate; otherwise the run stops and asks for a slice number. The slab then runs away from the
 * growth plate's end of the bone ("auto" direction).
 */
public final class VolumeOfInterest {

	/** Slices [start, end) and how they were chosen. */
	public record Slab(int start, int end, String description) {}

	/** Fraction of the bone's length searched at each end. */
	public static final double END_FRACTION = 0.35;
	/** The dip must be below this fraction of the area on both sides. */
	public static final double DIP_RATIO = 0.7;

	private VolumeOfInterest() {
	}

	/** The slab of the settings, clipped to the image; a slab with no slice is an error. */
	public static Slab resolve(ByteVolume bone, CtSettings s) {
		int d = bone.depth();
		if (s.voi().equals("whole")) return new Slab(0, d, "whole image (" + d + " slices)");
		double hz = bone.requireSpacing().z();
		int ref;
		int dir;
		String why;
		if (s.voiReference().equals("growth-plate")) {
			int[] gp = growthPlate(bone);
			ref = gp[0];
			dir = gp[1];
			why = "growth plate found at slice " + (ref + 1) + " (bone area dips to " + gp[2] + " % of its sides)";
		} else {
			ref = Integer.parseInt(s.voiReference()) - 1;
			if (ref >= d) throw new UserInputException("--voi-reference " + s.voiReference() + " is beyond the last slice (" + d + ")");
			dir = 1;
			why = "reference slice " + (ref + 1);
		}
		if (s.voiDirection().equals("up")) dir = 1;
		if (s.voiDirection().equals("down")) dir = -1;
		int a = ref + dir * (int) Math.round(s.voiStartMm() / hz);
		int b = a + dir * (int) Math.round(s.voiLengthMm() / hz);
		int lo = Math.max(0, Math.min(a, b)), hi = Math.min(d, Math.max(a, b));
		if (hi <= lo) {
			throw new UserInputException(String.format(Locale.ROOT, "the VOI slab (%s, start %.3f mm, length %.3f mm, %s) lies outside the %d slices of the image",
				why, s.voiStartMm(), s.voiLengthMm(), dir > 0 ? "up" : "down", d));
		}
		return new Slab(lo, hi, String.format(Locale.ROOT, "slab of slices %d to %d: %s, start %.3f mm, length %.3f mm, direction %s", lo + 1, hi, why,
			s.voiStartMm(), s.voiLengthMm(), dir > 0 ? "up" : "down"));
	}

	/**
	 * The growth plate: {slice, direction away from it into the bone (+1 or -1), area at the
	 * dip in % of its sides}.
	 */
	static int[] growthPlate(ByteVolume bone) {
		int d = bone.depth();
		double[] area = new double[d];
		int first = -1, last = -1;
		for (int z = 0; z < d; z++) {
			long c = 0;
			for (byte v : bone.slice(z)) c += v != 0 ? 1 : 0;
			area[z] = c;
			if (c > 0) {
				if (first < 0) first = z;
				last = z;
			}
		}
		if (first < 0) throw new UserInputException("no bone to find a growth plate in");
		int half = Math.max(0, (int) Math.round(0.01 / bone.requireSpacing().z()));
		double[] smooth = new double[d];
		for (int z = 0; z < d; z++) {
			double s = 0;
			int n = 0;
			for (int k = Math.max(0, z - half); k <= Math.min(d - 1, z + half); k++) {
				s += area[k];
				n++;
			}
			smooth[z] = s / n;
		}
		int length = last - first + 1;
		int reach = Math.max(2, (int) Math.round(END_FRACTION * length));
		double best = Double.POSITIVE_INFINITY;
		int bestZ = -1, bestDir = 0;
		for (int end = 0; end < 2; end++) {
			int dir = end == 0 ? 1 : -1; // direction into the bone
			int start = end == 0 ? first : last;
			for (int k = 1; k < reach; k++) {
				int z = start + dir * k;
				double outer = 0, inner = 0;
				for (int j = 0; j < k; j++) outer = Math.max(outer, smooth[start + dir * j]);
				for (int j = 1; j <= reach; j++) {
					int zz = z + dir * j;
					if (zz < first || zz > last) break;
					inner = Math.max(inner, smooth[zz]);
				}
				double side = Math.min(outer, inner);
				if (side <= 0) continue;
				double ratio = smooth[z] / side;
				if (ratio < best) {
					best = ratio;
					bestZ = z;
					bestDir = dir;
				}
			}
		}
		if (bestZ < 0 || best >= DIP_RATIO) {
			throw new UserInputException("no growth plate found (no slice near either end of the bone where the bone area dips below "
				+ Math.round(DIP_RATIO * 100) + " % of both sides); give --voi-reference as a slice number");
		}
		return new int[] { bestZ, bestDir, (int) Math.round(best * 100) };
	}
}

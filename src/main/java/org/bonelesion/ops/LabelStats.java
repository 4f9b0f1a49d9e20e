package org.bonelesion.ops;

import java.util.Arrays;

import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Per-label measurements of a label image: voxel count, bounding box (inclusive voxel
 * indices), centroid in voxels and in mm. Sums are kept in integers, so the result is exact
 * and identical for any number of threads.
 *
 * <p>Coordinates: the centroid in voxels is the mean voxel index (voxel (0,0,0) is at 0); in
 * mm it is {@code (index + 0.5) * spacing}, i.e. measured from the outer corner of the first
 * voxel as ImageJ does. Labels with no voxel have NaN centroids and an empty box
 * (min > max).
 */
public final class LabelStats {

	private final int count;
	private final long[] voxels;
	private final long[] sumX, sumY, sumZ;
	private final int[] minX, minY, minZ, maxX, maxY, maxZ;
	private final Spacing spacing;

	private LabelStats(int count, Spacing spacing) {
		this.count = count;
		this.spacing = spacing;
		int n = count + 1;
		voxels = new long[n];
		sumX = new long[n];
		sumY = new long[n];
		sumZ = new long[n];
		minX = filled(n, Integer.MAX_VALUE);
		minY = filled(n, Integer.MAX_VALUE);
		minZ = filled(n, Integer.MAX_VALUE);
		maxX = filled(n, Integer.MIN_VALUE);
		maxY = filled(n, Integer.MIN_VALUE);
		maxZ = filled(n, Integer.MIN_VALUE);
	}

	private static int[] filled(int n, int v) {
		int[] a = new int[n];
		Arrays.fill(a, v);
		return a;
	}

	/** Measures the labels of a labelling result. */
	public static LabelStats of(Labeling.Result labels, Parallel parallel) {
		return of(labels.labels(), labels.count(), parallel);
	}

	/**
	 * Measures labels 1..count of {@code labels} (values outside that range are an error).
	 * Threads get their own tables when memory allows (about 80 bytes per label per thread).
	 */
	public static LabelStats of(IntVolume labels, int count, Parallel parallel) {
		int w = labels.width(), h = labels.height(), d = labels.depth();
		long rowsLong = (long) h * d;
		int rows = (int) Math.min(Integer.MAX_VALUE, rowsLong);
		int parts = Math.min(parallel.threads(), rows);
		if ((long) (count + 1) * 80 * parts > 1L << 30) parts = 1;
		LabelStats[] partial = new LabelStats[parts];
		int nParts = parts;
		parallel.forRange(0, nParts, p -> {
			LabelStats s = new LabelStats(count, labels.spacing());
			int r0 = (int) ((long) rows * p / nParts), r1 = (int) ((long) rows * (p + 1) / nParts);
			for (int r = r0; r < r1; r++) s.accumulateRow(labels.slice(r / h), r % h, r / h, w);
			partial[p] = s;
		});
		LabelStats total = partial[0];
		for (int p = 1; p < parts; p++) total.add(partial[p]);
		return total;
	}

	private void accumulateRow(int[] slice, int y, int z, int w) {
		int off = y * w;
		for (int x = 0; x < w; x++) {
			int l = slice[off + x];
			if (l == 0) continue;
			if (l < 0 || l > count) throw new IllegalArgumentException("label " + l + " outside 1.." + count);
			voxels[l]++;
			sumX[l] += x;
			sumY[l] += y;
			sumZ[l] += z;
			if (x < minX[l]) minX[l] = x;
			if (x > maxX[l]) maxX[l] = x;
			if (y < minY[l]) minY[l] = y;
			if (y > maxY[l]) maxY[l] = y;
			if (z < minZ[l]) minZ[l] = z;
			if (z > maxZ[l]) maxZ[l] = z;
		}
	}

	private void add(LabelStats o) {
		for (int l = 1; l <= count; l++) {
			voxels[l] += o.voxels[l];
			sumX[l] += o.sumX[l];
			sumY[l] += o.sumY[l];
			sumZ[l] += o.sumZ[l];
			minX[l] = Math.min(minX[l], o.minX[l]);
			minY[l] = Math.min(minY[l], o.minY[l]);
			minZ[l] = Math.min(minZ[l], o.minZ[l]);
			maxX[l] = Math.max(maxX[l], o.maxX[l]);
			maxY[l] = Math.max(maxY[l], o.maxY[l]);
			maxZ[l] = Math.max(maxZ[l], o.maxZ[l]);
		}
	}

	/** Number of labels (labels run 1..count). */
	public int count() { return count; }

	/** Voxels of a label. */
	public long voxels(int label) { return voxels[label]; }

	/** Voxel counts indexed by label (index 0 unused, 0). A copy. */
	public long[] voxelCounts() {
		long[] c = voxels.clone();
		c[0] = 0;
		return c;
	}

	/** Volume in mm^3 (voxels times the voxel volume), NaN without a spacing. */
	public double volumeMm3(int label) {
		return spacing == null ? Double.NaN : voxels[label] * spacing.voxelVolume();
	}

	/** Area in mm^2 (pixels times the in-plane pixel area), for 2D labels; NaN without a spacing. */
	public double areaMm2(int label) {
		return spacing == null ? Double.NaN : voxels[label] * spacing.pixelArea();
	}

	public int minX(int label) { return minX[label]; }
	public int minY(int label) { return minY[label]; }
	public int minZ(int label) { return minZ[label]; }
	/** Inclusive. */
	public int maxX(int label) { return maxX[label]; }
	/** Inclusive. */
	public int maxY(int label) { return maxY[label]; }
	/** Inclusive. */
	public int maxZ(int label) { return maxZ[label]; }

	/** Mean x index of the label's voxels (NaN if it has none). */
	public double centroidX(int label) { return mean(sumX, label); }
	/** Mean y index of the label's voxels (NaN if it has none). */
	public double centroidY(int label) { return mean(sumY, label); }
	/** Mean z index of the label's voxels (NaN if it has none). */
	public double centroidZ(int label) { return mean(sumZ, label); }

	/** Centroid x in mm, {@code (centroidX + 0.5) * spacing.x}; NaN without a spacing. */
	public double centroidXMm(int label) { return mm(centroidX(label), 0); }
	/** Centroid y in mm; NaN without a spacing. */
	public double centroidYMm(int label) { return mm(centroidY(label), 1); }
	/** Centroid z in mm; NaN without a spacing. */
	public double centroidZMm(int label) { return mm(centroidZ(label), 2); }

	private double mean(long[] sum, int label) {
		return voxels[label] == 0 ? Double.NaN : (double) sum[label] / voxels[label];
	}

	private double mm(double index, int axis) {
		return spacing == null ? Double.NaN : (index + 0.5) * spacing.get(axis);
	}

	/** Label with the most voxels (lowest label on a tie), 0 if there are none. */
	public int largest() {
		int best = 0;
		for (int l = 1; l <= count; l++) if (best == 0 || voxels[l] > voxels[best]) best = l;
		return best;
	}
}

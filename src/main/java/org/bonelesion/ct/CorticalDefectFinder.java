package org.bonelesion.ct;

import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.IntVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Spacing;

/**
 * Lytic lesions of one scan: cortex missing between the smooth periosteal envelope and the
 * smooth endosteal surface (see {@link LesionFinder} for the surfaces).
 *
 * <p>Candidates are the voxels of the cortical band inside the opened periosteal envelope
 * (so that the fillets the closing leaves around periosteal nodules do not count) that are
 * neither bone nor marrow cavity.
 * A lesion is perforating when it touches (through a face) both the outside of the opened periosteal
 * envelope and the marrow side (the marrow cavity, or non-bone deeper than the cortical band):
 * cortex is then missing through the whole thickness. Lytic lesions are always cortical.
 */
public final class CorticalDefectFinder {

	private CorticalDefectFinder() {
	}

	static List<LesionFinder.Region> find(LesionFinder.Envelopes e, LesionParameters p, Parallel parallel) {
		if (e.corticalThicknessMm <= 0) return List.of();
		ByteVolume b = e.bone;
		Spacing s = b.requireSpacing();
		double sMin = Math.min(s.x(), Math.min(s.y(), s.z()));
		ByteVolume cand = b.blankCopy();
		parallel.forRange(0, b.depth(), z -> {
			if (!e.polarValid[z]) return;
			byte[] pe = e.openedEnvelope.slice(z), bb = b.slice(z), m = e.marrow.slice(z), c = cand.slice(z);
			for (int i = 0; i < c.length; i++) c[i] = pe[i] >= 1 && bb[i] == 0 && m[i] == 0 ? (byte) 1 : 0;
		});
		ByteVolume thick = LesionFinder.thickParts(cand, (p.minThicknessMm() + sMin) / 2, Double.POSITIVE_INFINITY, null, p.minVolumeMm3(), parallel);
		e.clearPadding(thick);
		return LesionFinder.regions(thick, Lesion.Type.LYTIC, p.minVolumeMm3(), parallel, lab -> flags(lab.labels(), lab.count(), e, parallel));
	}

	private static boolean[][] flags(IntVolume lv, int n, LesionFinder.Envelopes e, Parallel parallel) {
		int w = lv.width(), h = lv.height(), d = lv.depth();
		// one pair of flag arrays per block of slices (OR does not depend on the order)
		boolean[][] outside = new boolean[d][], inside = new boolean[d][];
		parallel.forBlocks(0, d, (z0, z1) -> {
			boolean[] out = new boolean[n + 1], in = new boolean[n + 1];
			outside[z0] = out;
			inside[z0] = in;
			for (int z = z0; z < z1; z++) {
				int[] a = lv.slice(z);
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						int l = a[y * w + x];
						if (l == 0) continue;
						for (int k = 0; k < 6; k++) {
							int nx = x + (k == 0 ? -1 : k == 1 ? 1 : 0), ny = y + (k == 2 ? -1 : k == 3 ? 1 : 0), nz = z + (k == 4 ? -1 : k == 5 ? 1 : 0);
							if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
							int j = ny * w + nx;
							int op = e.openedEnvelope.slice(nz)[j];
							if (op == 0 || (op == 1 && e.polarValid[nz])) out[l] = true;
							else if (e.bone.slice(nz)[j] == 0 && e.marrow.slice(nz)[j] != 0) in[l] = true;
						}
					}
				}
			}
		});
		boolean[] cortical = new boolean[n + 1], perforating = new boolean[n + 1];
		boolean[] out = new boolean[n + 1], in = new boolean[n + 1];
		for (int z = 0; z < d; z++) {
			if (outside[z] == null) continue;
			for (int l = 1; l <= n; l++) {
				out[l] |= outside[z][l];
				in[l] |= inside[z][l];
			}
		}
		for (int l = 1; l <= n; l++) {
			cortical[l] = true;
			perforating[l] = out[l] && in[l];
		}
		return new boolean[][] { cortical, perforating };
	}
}

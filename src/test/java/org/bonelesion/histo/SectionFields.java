package org.bonelesion.histo;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.RgbImage;

/**
 * The per-pixel fields {@link TrapAnalyser} computes for one tile, computed here for a whole
 * image (one tile, no margin) so that tests can run {@link TumourDetector} on them and compare
 * its mask pixel by pixel with a phantom's label map. Same stain unmixing, smoothing and
 * thresholds as the analyser (the test that uses it checks that its tumour area equals the
 * analyser's).
 */
final class SectionFields {

	final int width, height;
	final int[] hemRaw, hemSmooth;
	final byte[] tissue, bone;

	SectionFields(RgbImage image, HistoSettings s, double pixelUm) {
		TrapStains stains = TrapStains.choose(s, image, RgbSource.of(image), Parallel.of(1));
		width = image.width();
		height = image.height();
		int n = width * height;
		int[] rgb = image.pixels();
		int[] hem = new int[n], ctr = new int[n], odm = new int[n];
		for (int i = 0; i < n; i++) {
			int p = rgb[i];
			int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
			int t = stains.lut(0, 0)[r] + stains.lut(0, 1)[g] + stains.lut(0, 2)[b];
			int hm = stains.lut(1, 0)[r] + stains.lut(1, 1)[g] + stains.lut(1, 2)[b];
			odm[i] = stains.lut(4, 0)[r] + stains.lut(4, 1)[g] + stains.lut(4, 2)[b];
			int c = 0;
			if (stains.counterstained() && !(t >= 0 && hm >= 0)) {
				int h2 = stains.lut(2, 0)[r] + stains.lut(2, 1)[g] + stains.lut(2, 2)[b];
				int c2 = stains.lut(3, 0)[r] + stains.lut(3, 1)[g] + stains.lut(3, 2)[b];
				if (c2 > 0 && (h2 >= 0 || t <= 0)) {
					t = 0;
					hm = Math.max(0, h2);
					c = c2;
				}
			}
			hem[i] = Math.max(0, hm);
			ctr[i] = stains.counterstained() ? c : 3 * odm[i] - Math.max(0, t) - hem[i];
		}
		int rs = (int) Math.round(s.smoothUm() / pixelUm);
		int area = (2 * rs + 1) * (2 * rs + 1);
		hemRaw = hem;
		hemSmooth = new int[n];
		BoxSums.sum(hem, width, height, rs, hemSmooth);
		int[] ctrS = new int[n], odmS = new int[n], tmp = new int[n];
		BoxSums.sum(ctr, width, height, rs, ctrS);
		BoxSums.sum(odm, width, height, rs, odmS);
		bone = new byte[n];
		tissue = new byte[n];
		long boneLevel = Math.round(s.boneOd() * TrapStains.SCALE * area);
		for (int i = 0; i < n; i++) bone[i] = ctrS[i] > boneLevel ? (byte) 1 : 0;
		long tissueLevel = Math.round(s.tissueOd() * TrapStains.SCALE * area);
		int[] bin = new int[n];
		for (int i = 0; i < n; i++) bin[i] = odmS[i] > tissueLevel ? 1 : 0;
		int rc = (int) Math.round(s.tissueCloseUm() / pixelUm);
		if (rc > 0) {
			int full = (2 * rc + 1) * (2 * rc + 1);
			BoxSums.sum(bin, width, height, rc, tmp);
			for (int i = 0; i < n; i++) bin[i] = tmp[i] > 0 ? 1 : 0;
			BoxSums.sum(bin, width, height, rc, tmp);
			for (int i = 0; i < n; i++) bin[i] = tmp[i] == full ? 1 : 0;
		}
		for (int i = 0; i < n; i++) tissue[i] = (bin[i] != 0 || bone[i] != 0) ? (byte) 1 : 0;
	}
}

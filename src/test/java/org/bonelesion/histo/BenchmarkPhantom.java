package org.bonelesion.histo;

import org.bonelesion.core.RgbImage;

/** The rendered section the benchmark tiles into a large image (public for the bench package). */
public final class BenchmarkPhantom {

	private BenchmarkPhantom() {}

	/** A rendered TRAP section of the given size. */
	public static RgbImage section(int width, int height) {
		return new TissuePhantom(11, width, height).image;
	}
}

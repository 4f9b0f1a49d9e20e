package org.bonelesion.ops;

import java.util.List;

/**
 * Three stain vectors, the rows of Ruifrok &amp; Johnston's matrix M, so that the optical
 * densities of a pixel are {@code od = c * M} for stain amounts c; the amounts are recovered
 * as {@code c = od * M^-1}. Given two stains, the third row is their normalised cross product
 * (a "residual" channel orthogonal to both, which collects what the two stains do not
 * explain; its components may be negative).
 */
public final class StainMatrix {

	private final StainVector[] stains;
	/** inverse[c][k]: contribution of channel c's OD to stain k's amount. */
	private final double[][] inverse;

	private StainMatrix(StainVector a, StainVector b, StainVector c) {
		stains = new StainVector[] { a, b, c };
		double[][] m = { a.toArray(), b.toArray(), c.toArray() };
		double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
				- m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
				+ m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
		if (Math.abs(det) < 1e-6) {
			throw new org.bonelesion.core.UserInputException("the stain vectors " + a.name() + ", " + b.name() + " and " + c.name()
					+ " are (nearly) parallel: their colours cannot be told apart");
		}
		inverse = new double[3][3];
		for (int i = 0; i < 3; i++) {
			for (int j = 0; j < 3; j++) {
				int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
				inverse[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
			}
		}
	}

	/** Three given stains. */
	public static StainMatrix of(StainVector first, StainVector second, StainVector third) {
		return new StainMatrix(first, second, third);
	}

	/** Two given stains, the third completed by their cross product and named "Residual". */
	public static StainMatrix of(StainVector first, StainVector second) {
		double[] a = first.toArray(), b = second.toArray();
		double x = a[1] * b[2] - a[2] * b[1], y = a[2] * b[0] - a[0] * b[2], z = a[0] * b[1] - a[1] * b[0];
		if (Math.sqrt(x * x + y * y + z * z) < 1e-6) {
			throw new org.bonelesion.core.UserInputException("the stain vectors " + first.name() + " and " + second.name() + " are parallel: their colours cannot be told apart");
		}
		return new StainMatrix(first, second, new StainVector("Residual", x, y, z));
	}

	/** Stain i (0, 1, 2). */
	public StainVector stain(int i) {
		return stains[i];
	}

	/** The three stains in order. */
	public List<StainVector> stains() {
		return List.of(stains);
	}

	/** Index of the stain with this name (case-insensitive), or -1. */
	public int indexOf(String name) {
		for (int i = 0; i < 3; i++) if (stains[i].name().equalsIgnoreCase(name)) return i;
		return -1;
	}

	/** Entry (channel c, stain k) of M^-1: {@code amount_k = sum_c od_c * inverse(c, k)}. */
	public double inverse(int channel, int stain) {
		return inverse[channel][stain];
	}

	/** Amounts of the three stains for the optical densities (odR, odG, odB), into out[0..2]. */
	public void amounts(double odR, double odG, double odB, double[] out) {
		for (int k = 0; k < 3; k++) out[k] = odR * inverse[0][k] + odG * inverse[1][k] + odB * inverse[2][k];
	}
}

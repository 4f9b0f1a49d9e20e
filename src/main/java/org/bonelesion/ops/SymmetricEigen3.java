package org.bonelesion.ops;

/** Eigenvectors of a symmetric 3x3 matrix by cyclic Jacobi rotations. */
final class SymmetricEigen3 {

	private SymmetricEigen3() {
	}

	/** Unit eigenvectors (rows) ordered by decreasing eigenvalue; the input is not modified. */
	static double[][] vectorsByDecreasingValue(double[][] matrix) {
		double[][] a = new double[3][3];
		for (int i = 0; i < 3; i++) a[i] = matrix[i].clone();
		double[][] v = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }; // columns are eigenvectors
		for (int sweep = 0; sweep < 100; sweep++) {
			double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
			double scale = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
			if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
			for (int p = 0; p < 2; p++) {
				for (int q = p + 1; q < 3; q++) {
					if (a[p][q] == 0) continue;
					double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
					double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
					if (theta == 0) t = 1;
					double c = 1 / Math.sqrt(t * t + 1), s = t * c;
					for (int k = 0; k < 3; k++) {
						double akp = a[k][p], akq = a[k][q];
						a[k][p] = c * akp - s * akq;
						a[k][q] = s * akp + c * akq;
					}
					for (int k = 0; k < 3; k++) {
						double apk = a[p][k], aqk = a[q][k];
						a[p][k] = c * apk - s * aqk;
						a[q][k] = s * apk + c * aqk;
					}
					for (int k = 0; k < 3; k++) {
						double vkp = v[k][p], vkq = v[k][q];
						v[k][p] = c * vkp - s * vkq;
						v[k][q] = s * vkp + c * vkq;
					}
				}
			}
		}
		Integer[] order = { 0, 1, 2 };
		java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
		double[][] out = new double[3][3];
		for (int r = 0; r < 3; r++) for (int k = 0; k < 3; k++) out[r][k] = v[k][order[r]];
		return out;
	}
}

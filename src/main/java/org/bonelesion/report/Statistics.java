package org.bonelesion.report;

import java.util.Arrays;

/**
 * Descriptive statistics and the two two-sided tests of the study comparisons: the
 * Mann-Whitney U test (exact distribution for small samples without ties, else the normal
 * approximation with tie and continuity correction) and Welch's unequal-variance t test
 * (Student t distribution through the regularised incomplete beta function). NaN values are
 * ignored; a statistic that cannot be computed is NaN.
 */
public final class Statistics {

	private Statistics() {}

	/** Above this total sample size (or with ties) the Mann-Whitney p value is the normal approximation. */
	public static final int EXACT_MAX_TOTAL = 50;

	/** The finite values of an array. */
	public static double[] finite(double[] x) {
		return Arrays.stream(x).filter(Double::isFinite).toArray();
	}

	public static double mean(double[] x) {
		double[] v = finite(x);
		if (v.length == 0) return Double.NaN;
		double s = 0;
		for (double d : v) s += d;
		double m = s / v.length;
		// second pass removes most rounding error of the first
		double c = 0;
		for (double d : v) c += d - m;
		return m + c / v.length;
	}

	/** Sample standard deviation (n - 1 in the denominator); NaN for fewer than 2 values. */
	public static double sd(double[] x) {
		double[] v = finite(x);
		if (v.length < 2) return Double.NaN;
		double m = mean(v), ss = 0;
		for (double d : v) ss += (d - m) * (d - m);
		return Math.sqrt(ss / (v.length - 1));
	}

	public static double median(double[] x) {
		double[] v = finite(x);
		if (v.length == 0) return Double.NaN;
		Arrays.sort(v);
		int n = v.length;
		return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
	}

	/** The p-th quantile (0..1) by linear interpolation between order statistics (type 7). */
	public static double quantile(double[] x, double p) {
		double[] v = finite(x);
		if (v.length == 0) return Double.NaN;
		Arrays.sort(v);
		double h = (v.length - 1) * p;
		int lo = (int) Math.floor(h);
		int hi = Math.min(v.length - 1, lo + 1);
		return v[lo] + (h - lo) * (v[hi] - v[lo]);
	}

	/**
	 * A Mann-Whitney result.
	 *
	 * @param u      U of the first sample: the number of pairs (x, y) with x &gt; y, ties counting 1/2
	 * @param p      two-sided p value
	 * @param exact  true when p comes from the exact distribution of U
	 */
	public record MannWhitney(double u, double p, boolean exact) {
		/** "exact" or "normal approximation". */
		public String method() {
			return Double.isNaN(p) ? "" : exact ? "exact" : "normal approximation";
		}
	}

	/** The two-sided Mann-Whitney U test of x against y. */
	public static MannWhitney mannWhitney(double[] x0, double[] y0) {
		double[] x = finite(x0), y = finite(y0);
		int n1 = x.length, n2 = y.length;
		if (n1 == 0 || n2 == 0) return new MannWhitney(Double.NaN, Double.NaN, false);
		int n = n1 + n2;
		double[] all = new double[n];
		System.arraycopy(x, 0, all, 0, n1);
		System.arraycopy(y, 0, all, n1, n2);
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
		double[] rank = new double[n];
		double tieSum = 0;
		for (int i = 0; i < n;) {
			int j = i;
			while (j + 1 < n && all[order[j + 1]] == all[order[i]]) j++;
			double r = (i + j + 2) / 2.0;
			for (int k = i; k <= j; k++) rank[order[k]] = r;
			double t = j - i + 1;
			tieSum += t * t * t - t;
			i = j + 1;
		}
		double r1 = 0;
		for (int i = 0; i < n1; i++) r1 += rank[i];
		double u = r1 - n1 * (n1 + 1) / 2.0;
		if (tieSum == 0 && n <= EXACT_MAX_TOTAL) return new MannWhitney(u, exactMannWhitneyP(n1, n2, (int) Math.round(u)), true);
		return new MannWhitney(u, normalMannWhitneyP(n1, n2, u, tieSum), false);
	}

	/** Two-sided exact p: twice the smaller tail of the null distribution of U, at most 1. */
	static double exactMannWhitneyP(int n1, int n2, int u) {
		double[] freq = uFrequencies(n1, n2);
		double total = 0, le = 0, ge = 0;
		for (int k = 0; k < freq.length; k++) {
			total += freq[k];
			if (k <= u) le += freq[k];
			if (k >= u) ge += freq[k];
		}
		return Math.min(1, 2 * Math.min(le, ge) / total);
	}

	/**
	 * The number of arrangements of n1 x's and n2 y's giving each U = 0..n1*n2, from the recursion
	 * f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u) (the last element is an x, above all n y's,
	 * or a y).
	 */
	static double[] uFrequencies(int n1, int n2) {
		int max = n1 * n2;
		// f[m][n] as arrays over u, built for m = 0..n1 with n sweeping 0..n2
		double[][] prev = new double[n2 + 1][];
		for (int n = 0; n <= n2; n++) {
			prev[n] = new double[1];
			prev[n][0] = 1; // m = 0: one arrangement, U = 0
		}
		for (int m = 1; m <= n1; m++) {
			double[][] cur = new double[n2 + 1][];
			cur[0] = new double[1];
			cur[0][0] = 1; // n = 0: U = 0
			for (int n = 1; n <= n2; n++) {
				double[] f = new double[m * n + 1];
				double[] a = prev[n]; // last is x: adds n
				for (int k = 0; k < a.length; k++) f[k + n] += a[k];
				double[] b = cur[n - 1]; // last is y
				for (int k = 0; k < b.length; k++) f[k] += b[k];
				cur[n] = f;
			}
			prev = cur;
		}
		double[] out = prev[n2];
		return out.length == max + 1 ? out : Arrays.copyOf(out, max + 1);
	}

	static double normalMannWhitneyP(int n1, int n2, double u, double tieSum) {
		double n = n1 + n2;
		double mu = n1 * (double) n2 / 2;
		double var = n1 * (double) n2 / 12.0 * ((n + 1) - tieSum / (n * (n - 1)));
		if (!(var > 0)) return Double.NaN;
		double z = (Math.abs(u - mu) - 0.5) / Math.sqrt(var);
		if (z < 0) return 1;
		return Math.min(1, 2 * normalUpperTail(z));
	}

	/**
	 * A Welch t test result.
	 *
	 * @param t  (mean x - mean y) / sqrt(sx^2/nx + sy^2/ny)
	 * @param df Welch-Satterthwaite degrees of freedom
	 * @param p  two-sided p value
	 */
	public record Welch(double t, double df, double p) {}

	/** Welch's two-sided t test of x against y; NaN when either sample has fewer than 2 values or both have no spread. */
	public static Welch welch(double[] x0, double[] y0) {
		double[] x = finite(x0), y = finite(y0);
		if (x.length < 2 || y.length < 2) return new Welch(Double.NaN, Double.NaN, Double.NaN);
		double vx = Math.pow(sd(x), 2) / x.length, vy = Math.pow(sd(y), 2) / y.length;
		double se2 = vx + vy;
		if (!(se2 > 0)) return new Welch(Double.NaN, Double.NaN, Double.NaN);
		double t = (mean(x) - mean(y)) / Math.sqrt(se2);
		double df = se2 * se2 / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
		return new Welch(t, df, studentTwoSidedP(t, df));
	}

	/** P(|T| &ge; |t|) for Student's t with df degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2). */
	public static double studentTwoSidedP(double t, double df) {
		if (Double.isNaN(t) || !(df > 0)) return Double.NaN;
		if (Double.isInfinite(t)) return 0;
		return regularizedBeta(df / (df + t * t), df / 2, 0.5);
	}

	/** P(Z &gt; z) for a standard normal Z: erfc(z / sqrt 2) / 2, through the incomplete gamma function. */
	public static double normalUpperTail(double z) {
		if (Double.isNaN(z)) return Double.NaN;
		double q = regularizedGammaQ(0.5, z * z / 2);
		return z >= 0 ? q / 2 : 1 - q / 2;
	}

	/** ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15). */
	public static double lnGamma(double x) {
		if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
		double[] c = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
			12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };
		x -= 1;
		double a = c[0];
		double t = x + 7.5;
		for (int i = 1; i < 9; i++) a += c[i] / (x + i);
		return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
	}

	private static final double EPS = 1e-16;
	private static final double TINY = 1e-300;

	/** The regularised incomplete beta function I_x(a, b), by its continued fraction (modified Lentz). */
	public static double regularizedBeta(double x, double a, double b) {
		if (Double.isNaN(x) || x < 0 || x > 1) return Double.NaN;
		if (x == 0 || x == 1) return x;
		double lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
		if (x > (a + 1) / (a + b + 2)) return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
		return Math.exp(lnFront) * betaFraction(x, a, b) / a;
	}

	private static double betaFraction(double x, double a, double b) {
		double c = 1, d = 1 - (a + b) * x / (a + 1);
		if (Math.abs(d) < TINY) d = TINY;
		d = 1 / d;
		double h = d;
		for (int m = 1; m <= 10000; m++) {
			int m2 = 2 * m;
			double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
			d = 1 + num * d;
			if (Math.abs(d) < TINY) d = TINY;
			c = 1 + num / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			h *= d * c;
			num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
			d = 1 + num * d;
			if (Math.abs(d) < TINY) d = TINY;
			c = 1 + num / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			double del = d * c;
			h *= del;
			if (Math.abs(del - 1) < EPS) return h;
		}
		return h;
	}

	/** The regularised upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a). */
	public static double regularizedGammaQ(double a, double x) {
		if (x < 0 || a <= 0) return Double.NaN;
		if (x == 0) return 1;
		double lnFront = -x + a * Math.log(x) - lnGamma(a);
		if (x < a + 1) {
			// series for P, then Q = 1 - P
			double sum = 1 / a, term = sum, ap = a;
			for (int n = 0; n < 100000; n++) {
				ap += 1;
				term *= x / ap;
				sum += term;
				if (Math.abs(term) < Math.abs(sum) * EPS) break;
			}
			return 1 - sum * Math.exp(lnFront);
		}
		// continued fraction for Q (modified Lentz)
		double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
		for (int i = 1; i < 100000; i++) {
			double an = -i * (i - a);
			b += 2;
			d = an * d + b;
			if (Math.abs(d) < TINY) d = TINY;
			c = b + an / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			double del = d * c;
			h *= del;
			if (Math.abs(del - 1) < EPS) break;
		}
		return Math.exp(lnFront) * h;
	}
}

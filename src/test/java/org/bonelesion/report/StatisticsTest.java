package org.bonelesion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study statistics against closed forms, textbook examples and scipy.stats. */
class StatisticsTest {

	@Test
	void descriptive() {
		double[] x = { 2, 4, 4, 4, 5, 5, 7, 9, Double.NaN };
		assertEquals(5, Statistics.mean(x), 1e-15);
		// sum of squares 32 over n - 1 = 7
		assertEquals(Math.sqrt(32 / 7.0), Statistics.sd(x), 1e-15);
		assertEquals(4.5, Statistics.median(x), 0);
		assertEquals(7, Statistics.median(new double[] { 9, 7, 1 }), 0);
		assertTrue(Double.isNaN(Statistics.sd(new double[] { 3 })));
		assertTrue(Double.isNaN(Statistics.mean(new double[] {})));
	}

	@Test
	void mannWhitneyTextbookExamples() {
		// complete separation of 3 vs 3: U = 0, P(U <= 0) = 1 / C(6,3) = 1/20, two-sided 0.1
		Statistics.MannWhitney r = Statistics.mannWhitney(new double[] { 1, 2, 3 }, new double[] { 4, 5, 6 });
		assertEquals(0, r.u(), 0);
		assertEquals(0.1, r.p(), 1e-15);
		assertTrue(r.exact());
		// 4 vs 4 separated: 2 / C(8,4) = 2/70
		assertEquals(2 / 70.0, Statistics.mannWhitney(new double[] { 5, 6, 7, 8 }, new double[] { 1, 2, 3, 4 }).p(), 1e-15);
		// frequencies of U for 2 vs 2: U = 0..4 occur 1,1,2,1,1 times (C(4,2) = 6 arrangements)
		assertArrayEquals(new double[] { 1, 1, 2, 1, 1 }, Statistics.uFrequencies(2, 2));
		// the frequencies of U over all arrangements sum to C(n1+n2, n1)
		double s = 0;
		for (double f : Statistics.uFrequencies(10, 7)) s += f;
		assertEquals(19448, s, 0);
		// ties switch to the normal approximation
		assertFalse(Statistics.mannWhitney(new double[] { 1, 2, 2 }, new double[] { 2, 3, 4 }).exact());
	}

	private static void assertArrayEquals(double[] a, double[] b) {
		org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0);
	}

	@Test
	void distributionsAgainstClosedForms() {
		// Student t with 1 df is Cauchy: P(|T| >= t) = 1 - 2 atan(t) / pi
		for (double t : new double[] { 0.1, 1, 3.5, 40 }) {
			assertEquals(1 - 2 * Math.atan(t) / Math.PI, Statistics.studentTwoSidedP(t, 1), 1e-13, "df 1, t " + t);
			// 2 df: P(|T| >= t) = 1 - t / sqrt(t^2 + 2)
			assertEquals(1 - t / Math.sqrt(t * t + 2), Statistics.studentTwoSidedP(t, 2), 1e-13, "df 2, t " + t);
		}
		// textbook normal quantiles
		assertEquals(0.025, Statistics.normalUpperTail(1.959963984540054), 1e-14);
		assertEquals(0.5, Statistics.normalUpperTail(0), 1e-15);
		assertEquals(0.15865525393145707, Statistics.normalUpperTail(1), 1e-14);
		// ln Gamma at integers and 1/2
		assertEquals(Math.log(120), Statistics.lnGamma(6), 1e-13);
		assertEquals(0.5 * Math.log(Math.PI), Statistics.lnGamma(0.5), 1e-14);
		// two-sided 95 % critical t for 10 df is 2.228138851986522
		assertEquals(0.05, Statistics.studentTwoSidedP(2.228138851986522, 10), 1e-13);
	}

	@Test
	void welchTextbookExample() {
		// equal n and equal variances: Welch t equals Student's t; df = 2(n-1) = 8
		double[] x = { 1, 2, 3, 4, 5 }, y = { 3, 4, 5, 6, 7 };
		Statistics.Welch w = Statistics.welch(x, y);
		// difference -2, each variance 2.5, SE = sqrt(2.5/5 + 2.5/5) = 1
		assertEquals(-2, w.t(), 1e-14);
		assertEquals(8, w.df(), 1e-12);
		assertTrue(Double.isNaN(Statistics.welch(new double[] { 1 }, y).p()));
	}

	@Test
	void agreesWithScipy(@TempDir Path dir) throws Exception {
		Path python = Path.of("/usr/bin/python3");
		Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
		Random rnd = new Random(20260417);
		List<double[][]> cases = new ArrayList<>();
		int[][] sizes = { { 3, 3 }, { 4, 6 }, { 5, 5 }, { 7, 9 }, { 12, 10 }, { 20, 25 }, { 30, 35 }, { 6, 6 }, { 8, 5 } };
		for (int c = 0; c < sizes.length; c++) {
			double[] x = new double[sizes[c][0]], y = new double[sizes[c][1]];
			boolean ties = c >= 7;
			for (int i = 0; i < x.length; i++) x[i] = ties ? rnd.nextInt(5) : 10 + 3 * rnd.nextGaussian();
			for (int i = 0; i < y.length; i++) y[i] = ties ? rnd.nextInt(5) + 1 : 11.5 + 5 * rnd.nextGaussian();
			cases.add(new double[][] { x, y });
		}
		StringBuilder script = new StringBuilder("import scipy.stats as s\ncases = [\n");
		for (double[][] c : cases) script.append("  (").append(list(c[0])).append(", ").append(list(c[1])).append("),\n");
		script.append("]\nfor x, y in cases:\n")
			.append("  n = len(x) + len(y)\n")
			.append("  ties = len(set(x + y)) < n\n")
			.append("  m = 'asymptotic' if ties or n > 50 else 'exact'\n")
			.append("  r = s.mannwhitneyu(x, y, alternative='two-sided', method=m, use_continuity=True)\n")
			.append("  w = s.ttest_ind(x, y, equal_var=False)\n")
			.append("  print(repr(float(r.statistic)), repr(float(r.pvalue)), repr(float(w.statistic)), repr(float(w.pvalue)))\n");
		Path py = dir.resolve("ref.py");
		Files.writeString(py, script);
		Process p = new ProcessBuilder(python.toString(), py.toString()).redirectErrorStream(true).start();
		String out = read(p.getInputStream());
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		Assumptions.assumeTrue(p.exitValue() == 0 || !out.contains("No module named"), "scipy missing: " + out);
		assertEquals(0, p.exitValue(), out);
		String[] lines = out.trim().split("\n");
		assertEquals(cases.size(), lines.length, out);
		for (int c = 0; c < cases.size(); c++) {
			String[] f = lines[c].trim().split(" ");
			Statistics.MannWhitney mw = Statistics.mannWhitney(cases.get(c)[0], cases.get(c)[1]);
			Statistics.Welch w = Statistics.welch(cases.get(c)[0], cases.get(c)[1]);
			String where = "case " + c + " " + lines[c];
			assertEquals(Double.parseDouble(f[0]), mw.u(), 0, where);
			// p values: both from double arithmetic on the same formulas; 1e-10 relative covers
			// the different evaluation orders of the continued fractions and sums
			assertEquals(Double.parseDouble(f[1]), mw.p(), 1e-10 * Double.parseDouble(f[1]), where);
			assertEquals(Double.parseDouble(f[2]), w.t(), 1e-12 * Math.abs(w.t()), where);
			assertEquals(Double.parseDouble(f[3]), w.p(), 1e-10 * Double.parseDouble(f[3]), where);
		}
	}

	private static String list(double[] v) {
		StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.17g", v[i]));
		return sb.append(']').toString();
	}

	private static String read(InputStream in) throws Exception {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		in.transferTo(b);
		return b.toString(StandardCharsets.UTF_8);
	}
}

package org.bonelesion.ct;

import java.util.ArrayList;
import java.util.List;

import org.bonelesion.core.UsageException;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * A density calibration from a phantom: two or more rods of known hydroxyapatite density
 * (mg HA/cm^3) and the grey values measured in them, fitted by least squares to a line
 * {@code density = intercept + slope * grey}.
 */
public final class PhantomCalibration {

	/** The density unit. */
	public static final String UNIT = "mgHA/cm^3";

	private PhantomCalibration() {
	}

	/**
	 * Parses {@code "density:grey,density:grey,..."} and fits the line.
	 *
	 * @return the calibration from the image's values to density
	 * @throws UsageException for text that is not such pairs, fewer than two pairs, or equal greys
	 */
	public static ValueCalibration parse(String text) {
		List<double[]> pairs = new ArrayList<>();
		for (String part : text.split("[,;]")) {
			String p = part.trim();
			if (p.isEmpty()) continue;
			String[] dg = p.split(":");
			if (dg.length != 2) throw new UsageException("--phantom takes density:grey pairs separated by commas, e.g. 0:1200,800:4100; got '" + p + "'");
			try {
				pairs.add(new double[] { Double.parseDouble(dg[0].trim()), Double.parseDouble(dg[1].trim()) });
			} catch (NumberFormatException e) {
				throw new UsageException("--phantom: '" + p + "' is not a pair of numbers density:grey");
			}
		}
		if (pairs.size() < 2) throw new UsageException("--phantom needs at least two density:grey pairs, got " + pairs.size());
		double[] density = new double[pairs.size()], grey = new double[pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			density[i] = pairs.get(i)[0];
			grey[i] = pairs.get(i)[1];
		}
		return fit(density, grey);
	}

	/** Least-squares line through (grey, density). */
	public static ValueCalibration fit(double[] density, double[] grey) {
		int n = density.length;
		double mg = 0, md = 0;
		for (int i = 0; i < n; i++) {
			mg += grey[i] / n;
			md += density[i] / n;
		}
		double sgg = 0, sgd = 0;
		for (int i = 0; i < n; i++) {
			sgg += (grey[i] - mg) * (grey[i] - mg);
			sgd += (grey[i] - mg) * (density[i] - md);
		}
		if (!(sgg > 0)) throw new UserInputException("the phantom grey values are all equal: no density calibration can be fitted");
		double slope = sgd / sgg;
		if (!(slope > 0)) throw new UserInputException("the phantom calibration has density falling with grey value (slope " + slope + "); check the pairs");
		return new ValueCalibration(md - slope * mg, slope, UNIT);
	}
}

package org.bonelesion.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Calibrations;
import org.bonelesion.core.RgbImage;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;
import org.bonelesion.core.Volume;

/**
 * Converts between ImageJ 1.x images and the project's volumes, keeping the calibration. Used
 * by the readers and by the Fiji layer (which hands over the user's image; this class never
 * looks for an "active" image itself).
 */
public final class ImagePlusConverter {

	private ImagePlusConverter() {}

	/** The spacing in an ImageJ calibration, or null if it is in pixels or unknown units. */
	public static Spacing spacingOf(Calibration cal) {
		if (cal == null || !cal.scaled()) return null;
		String unit = cal.getUnit();
		double x = Calibrations.toMillimetres(cal.pixelWidth, unit);
		double y = Calibrations.toMillimetres(cal.pixelHeight, cal.getYUnit());
		double z = Calibrations.toMillimetres(cal.pixelDepth, cal.getZUnit());
		if (!(x > 0) || !(y > 0)) return null;
		if (!(z > 0)) z = x;
		return new Spacing(x, y, z);
	}

	/** Writes a spacing into an ImageJ calibration (unit mm). */
	public static void setSpacing(Calibration cal, Spacing s) {
		if (s == null) return;
		cal.setUnit("mm");
		cal.pixelWidth = s.x();
		cal.pixelHeight = s.y();
		cal.pixelDepth = s.z();
	}

	/**
	 * A grey-level image (8, 16 or 32-bit; a stack is a volume) as an unsigned 16-bit volume.
	 * 32-bit data is mapped linearly onto 0..65535 and the map is kept; an ImageJ straight-line
	 * value calibration is kept too.
	 */
	public static LoadedVolume toVolume(ImagePlus imp, String what) {
		int type = imp.getType();
		if (type == ImagePlus.COLOR_RGB || type == ImagePlus.COLOR_256) {
			throw new UserInputException(what + " is a colour (RGB) image; micro-CT analysis needs a grey-level scan (8, 16 or 32-bit)");
		}
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
			throw new UserInputException(what + " has " + imp.getNChannels() + " channels and " + imp.getNFrames()
				+ " time points; give a single-channel volume");
		}
		ImageStack st = imp.getStack();
		int w = st.getWidth(), h = st.getHeight(), d = st.getSize();
		Spacing sp = spacingOf(imp.getCalibration());
		short[][] slices = new short[d][];
		ValueCalibration map = ValueCalibration.NONE;
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("bitDepth", imp.getBitDepth());
		if (type == ImagePlus.GRAY32) {
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (int z = 1; z <= d; z++) {
				float[] f = (float[]) st.getPixels(z);
				for (float v : f) {
					if (Float.isFinite(v)) {
						if (v < min) min = v;
						if (v > max) max = v;
					}
				}
			}
			if (!(max >= min)) {
				min = 0;
				max = 1;
			}
			double slope = max > min ? (max - min) / 65535.0 : 1.0;
			for (int z = 1; z <= d; z++) {
				float[] f = (float[]) st.getPixels(z);
				short[] s = new short[f.length];
				for (int i = 0; i < f.length; i++) {
					double r = Float.isFinite(f[i]) ? Math.round((f[i] - min) / slope) : 0;
					s[i] = (short) Math.max(0, Math.min(65535, r));
				}
				slices[z - 1] = s;
			}
			map = new ValueCalibration(min, slope, "");
			info.put("float_range", new double[] { min, max });
		} else {
			for (int z = 1; z <= d; z++) {
				Object px = st.getPixels(z);
				if (px instanceof short[] s) {
					slices[z - 1] = s;
				} else {
					byte[] b = (byte[]) px;
					short[] s = new short[b.length];
					for (int i = 0; i < b.length; i++) s[i] = (short) (b[i] & 0xff);
					slices[z - 1] = s;
				}
			}
		}
		Calibration cal = imp.getCalibration();
		if (cal.calibrated() && cal.getFunction() == Calibration.STRAIGHT_LINE && type != ImagePlus.GRAY32) {
			double[] c = cal.getCoefficients();
			map = new ValueCalibration(c[0], c[1], cal.getValueUnit());
		}
		return new LoadedVolume(new ShortVolume(w, h, sp, slices), map, "ImageJ", info);
	}

	/** A colour image as RGB (an 8-bit or 16-bit image is refused: histology needs colour). */
	public static RgbImage toRgb(ImagePlus imp, String what) {
		if (imp.getType() != ImagePlus.COLOR_RGB) {
			if (imp.isComposite() && imp.getNChannels() == 3) {
				imp = new ImagePlus(imp.getTitle(), new ij.CompositeImage(imp).getProcessor().convertToRGB());
			} else {
				throw new UserInputException(what + " is a " + imp.getBitDepth() + "-bit grey-level image; TRAP histology needs the colour (RGB) brightfield image");
			}
		}
		if (imp.getStackSize() > 1) throw new UserInputException(what + " has " + imp.getStackSize() + " slices; give a single 2D colour image");
		ColorProcessor cp = (ColorProcessor) imp.getProcessor();
		int[] px = (int[]) cp.getPixels();
		int[] copy = new int[px.length];
		for (int i = 0; i < px.length; i++) copy[i] = px[i] & 0xffffff;
		return new RgbImage(imp.getWidth(), imp.getHeight(), copy, spacingOf(imp.getCalibration()));
	}

	/** A volume as an ImagePlus (sharing the data), with its calibration. */
	public static ImagePlus toImagePlus(Volume v, String title) {
		ImageStack st = new ImageStack(v.width(), v.height());
		for (int z = 0; z < v.depth(); z++) {
			ImageProcessor ip;
			if (v instanceof ShortVolume s) ip = new ij.process.ShortProcessor(v.width(), v.height(), s.slice(z), null);
			else if (v instanceof ByteVolume b) ip = new ij.process.ByteProcessor(v.width(), v.height(), b.slice(z));
			else if (v instanceof org.bonelesion.core.FloatVolume f) ip = new ij.process.FloatProcessor(v.width(), v.height(), f.slice(z));
			else if (v instanceof org.bonelesion.core.IntVolume iv) {
				float[] f = new float[v.sliceSize()];
				int[] a = iv.slice(z);
				for (int i = 0; i < f.length; i++) f[i] = a[i];
				ip = new ij.process.FloatProcessor(v.width(), v.height(), f);
			} else throw new IllegalArgumentException("unsupported volume " + v.getClass());
			st.addSlice(ip);
		}
		ImagePlus imp = new ImagePlus(title, st);
		setSpacing(imp.getCalibration(), v.spacing());
		return imp;
	}

	/** An RGB image as an ImagePlus (sharing the data), with its calibration. */
	public static ImagePlus toImagePlus(RgbImage img, String title) {
		ImagePlus imp = new ImagePlus(title, new ColorProcessor(img.width(), img.height(), img.pixels()));
		setSpacing(imp.getCalibration(), img.spacing());
		return imp;
	}
}

package org.bonelesion.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads a grey-level TIFF stack (every full-resolution directory is a slice) or a folder of
 * single-slice TIFFs. Uncompressed strips are read straight into the slice arrays, one read
 * per slice; LZW, Deflate and PackBits strips or tiles are decoded chunk by chunk.
 * Calibration: see {@link TiffCalibration}.
 */
public final class TiffVolumeReader {

	private TiffVolumeReader() {}

	/** Reads one TIFF file (a stack or a single slice). */
	public static LoadedVolume read(Path file) {
		String name = file.getFileName().toString();
		try (TiffFile tf = TiffFile.open(file)) {
			List<TiffImage> images = slicesOf(tf);
			TiffImage first = images.get(0);
			SampleType type = sampleType(first, name);
			Map<String, String> ij = TiffCalibration.imageJProperties(first.ifd.text(TiffFile.IMAGE_DESCRIPTION));
			int channels = intProp(ij, "channels"), frames = intProp(ij, "frames");
			if (channels > 1 || frames > 1) {
				throw new UserInputException(name + " has " + Math.max(1, channels) + " channels and " + Math.max(1, frames)
					+ " time points; give a single-channel volume");
			}
			int depth = images.size();
			int claimed = intProp(ij, "images");
			boolean imageJContiguous = claimed > depth && depth == 1 && first.contiguous();
			if (imageJContiguous) depth = claimed; // ImageJ writes one directory for stacks over 4 GB
			FileChecks.requireDims(name, first.width, first.height, depth);
			long planeBytes = RawVolumeDecoder.planeBytes(first.width, first.height, type, name);
			if (imageJContiguous) FileChecks.requireData(name, first.offsets[0], planeBytes * depth, tf.length);
			PlaneSource src;
			if (imageJContiguous) {
				src = PlaneSources.contiguous(file, first.offsets[0]);
			} else {
				src = () -> new PlaneSource.Cursor() {
					int z = 0;

					@Override
					public void next(ByteBuffer dst) throws IOException {
						images.get(z++).readGreyPlane(dst);
					}

					@Override
					public void close() {}
				};
			}
			RawVolumeDecoder.Decoded d = RawVolumeDecoder.decode(first.width, first.height, depth, type, tf.order, src, name);
			Spacing sp = TiffCalibration.spacing(first.ifd);
			ValueCalibration values = TiffCalibration.values(first.ifd).after(d.map());
			Map<String, Object> info = d.info();
			info.put("compression", TiffCodecs.name(first.compression));
			info.put("slices", depth);
			return new LoadedVolume(new ShortVolume(first.width, first.height, sp, d.slices()), values, "TIFF", info);
		} catch (IOException e) {
			throw new UserInputException(name + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** Reads a folder of TIFF slices in natural order; the first slice's calibration is used. */
	public static LoadedVolume readFolder(Path dir, List<Path> files, String format) {
		if (files.isEmpty()) throw new UserInputException("the folder " + dir + " holds no TIFF slices");
		List<LoadedVolume> parts = new ArrayList<>();
		int total = 0;
		LoadedVolume first = null;
		for (Path f : files) {
			LoadedVolume v = read(f);
			if (first == null) first = v;
			ShortVolume a = first.volume(), b = v.volume();
			if (a.width() != b.width() || a.height() != b.height() || !v.values().equals(first.values())) {
				throw new UserInputException("slice " + f.getFileName() + " is " + b.width() + " x " + b.height() + " (" + v.info().get("sampleType")
					+ "), unlike the first slice " + files.get(0).getFileName() + " (" + a.width() + " x " + a.height() + ", "
					+ first.info().get("sampleType") + ")");
			}
			parts.add(v);
			total += b.depth();
		}
		short[][] slices = new short[total][];
		int z = 0;
		for (LoadedVolume v : parts) for (short[] s : v.volume().slices()) slices[z++] = s;
		Map<String, Object> info = first.info();
		info.put("slices", total);
		info.put("files", files.size());
		return new LoadedVolume(new ShortVolume(first.volume().width(), first.volume().height(), first.volume().spacing(), slices),
			first.values(), format, info);
	}

	private static List<TiffImage> slicesOf(TiffFile tf) {
		List<TiffImage> out = new ArrayList<>();
		TiffImage first = null;
		for (TiffFile.Ifd ifd : tf.directories(1 << 20)) {
			if ((ifd.get(TiffFile.NEW_SUBFILE_TYPE, 0) & 1) != 0) continue; // reduced-resolution copy
			TiffImage im = new TiffImage(tf, ifd);
			if (first == null) {
				first = im;
				if (im.spp != 1) {
					throw new UserInputException(tf.name + " is a colour image (" + im.spp
						+ " samples per pixel); micro-CT analysis needs a grey-level scan (8, 16 or 32-bit)");
				}
			} else if (im.width != first.width || im.height != first.height || im.spp != first.spp || im.bytesPerSample != first.bytesPerSample
				|| im.ifd.sampleFormat() != first.ifd.sampleFormat()) {
				continue; // thumbnails and other images that are not slices of the stack
			}
			out.add(im);
		}
		if (out.isEmpty()) throw tf.damaged("it holds no image");
		return out;
	}

	static SampleType sampleType(TiffImage im, String name) {
		int fmt = im.ifd.sampleFormat();
		return switch (im.bytesPerSample * 10 + fmt) {
			case 11 -> SampleType.UINT8;
			case 12 -> SampleType.INT8;
			case 21 -> SampleType.UINT16;
			case 22 -> SampleType.INT16;
			case 41 -> SampleType.UINT32;
			case 42 -> SampleType.INT32;
			case 43 -> SampleType.FLOAT32;
			case 83 -> SampleType.FLOAT64;
			default -> throw new UserInputException(name + " holds " + im.bytesPerSample * 8 + "-bit samples of format " + fmt + ", which cannot be read");
		};
	}

	private static int intProp(Map<String, String> m, String k) {
		try {
			return m.containsKey(k) ? Integer.parseInt(m.get(k).trim()) : 0;
		} catch (NumberFormatException e) {
			return 0;
		}
	}
}

package org.bonelesion.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.Spacing;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.ValueCalibration;

/**
 * Reads a DICOM series (a folder of single-slice files) or one multi-frame file into a volume.
 * Slices are sorted by ImagePositionPatient projected on the slice normal (from
 * ImageOrientationPatient), else by InstanceNumber, else by file name. In-plane voxel size from
 * PixelSpacing; slice spacing from the sorted positions (median step), else
 * SpacingBetweenSlices, else SliceThickness. Values: RescaleSlope/Intercept (unit HU for CT
 * unless RescaleType says otherwise); for SCANCO files (Manufacturer contains "SCANCO") with
 * the private elements (0029,1000) mu scaling, (0029,1004) density slope and (0029,1005)
 * density intercept as decimal strings, density = slope * stored / mu_scaling + intercept in
 * mg HA/cm^3 (best effort: these private elements are not documented by the vendor).
 */
public final class DicomReader {

	private DicomReader() {}

	/** True if a file looks like DICOM (signature, or a .dcm name). */
	static boolean isDicom(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".dcm") || n.endsWith(".dicom")) return true;
		return Files.isRegularFile(p) && DicomHeader.hasSignature(ImageIo.head(p, 132));
	}

	/** The DICOM files of a folder (by signature or .dcm name), or an empty list. */
	static List<Path> filesIn(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = new ArrayList<>();
			for (Path p : (Iterable<Path>) s::iterator) {
				if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") && isDicom(p)) out.add(p);
			}
			out.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
			return out;
		} catch (IOException e) {
			throw new UserInputException("cannot list the folder " + dir + ": " + e.getMessage(), e);
		}
	}

	/** Reads one file (single or multi-frame). */
	public static LoadedVolume read(Path file) {
		return read(file.getFileName().toString(), List.of(file));
	}

	/** Reads the series of DICOM files in a folder. */
	public static LoadedVolume readFolder(Path dir) {
		List<Path> files = filesIn(dir);
		if (files.isEmpty()) throw new UserInputException("the folder " + dir + " holds no DICOM files");
		return read(dir.getFileName().toString(), files);
	}

	private record Frame(DicomHeader header, int frame, double position, double instance) {}

	private static LoadedVolume read(String what, List<Path> files) {
		List<DicomHeader> headers = new ArrayList<>();
		for (Path f : files) headers.add(DicomHeader.read(f));
		Set<String> series = new LinkedHashSet<>();
		for (DicomHeader h : headers) series.add(String.valueOf(h.text(DicomHeader.SERIES_UID)));
		if (series.size() > 1) throw new UserInputException(what + " holds " + series.size() + " DICOM series; put each series in its own folder");
		DicomHeader first = headers.get(0);
		int rows = first.us(DicomHeader.ROWS, 0), cols = first.us(DicomHeader.COLUMNS, 0);
		int bits = first.us(DicomHeader.BITS_ALLOCATED, 16), signed = first.us(DicomHeader.PIXEL_REPRESENTATION, 0);
		int spp = first.us(DicomHeader.SAMPLES_PER_PIXEL, 1);
		if (spp != 1) throw new UserInputException(first.name + " is a colour DICOM image; micro-CT analysis needs grey levels");
		SampleType type = switch (bits * 10 + signed) {
			case 80 -> SampleType.UINT8;
			case 81 -> SampleType.INT8;
			case 160 -> SampleType.UINT16;
			case 161 -> SampleType.INT16;
			case 320 -> SampleType.UINT32;
			case 321 -> SampleType.INT32;
			default -> throw new UserInputException(first.name + " has " + bits + "-bit pixels, which cannot be read");
		};
		double slope = first.number(DicomHeader.RESCALE_SLOPE), intercept = first.number(DicomHeader.RESCALE_INTERCEPT);
		List<Frame> frames = new ArrayList<>();
		double[] normal = normal(first);
		for (DicomHeader h : headers) {
			if (h.us(DicomHeader.ROWS, 0) != rows || h.us(DicomHeader.COLUMNS, 0) != cols || h.us(DicomHeader.BITS_ALLOCATED, 16) != bits
				|| h.us(DicomHeader.PIXEL_REPRESENTATION, 0) != signed) {
				throw new UserInputException("slice " + h.name + " differs in size or pixel type from " + first.name);
			}
			if (!sameNumber(h.number(DicomHeader.RESCALE_SLOPE), slope) || !sameNumber(h.number(DicomHeader.RESCALE_INTERCEPT), intercept)) {
				throw new UserInputException("slice " + h.name + " has a different rescale slope or intercept from " + first.name
					+ "; slices with different value scalings cannot be combined");
			}
			int nf = (int) Math.max(1, h.number(DicomHeader.NUMBER_OF_FRAMES) > 0 ? h.number(DicomHeader.NUMBER_OF_FRAMES) : 1);
			FileChecks.requireDims(h.name, cols, rows, nf);
			long needed = (long) rows * cols * type.bytes() * nf;
			if (h.pixelLength < needed) {
				throw new UserInputException(h.name + " is damaged: its pixel data holds " + h.pixelLength + " bytes where " + nf + " frames of " + cols
					+ " x " + rows + " need " + needed);
			}
			FileChecks.requireData(h.name, h.pixelOffset, needed, h.length);
			double[] ipp = h.numbers(DicomHeader.IMAGE_POSITION);
			double pos = normal != null && ipp.length == 3 ? ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2] : Double.NaN;
			for (int f = 0; f < nf; f++) frames.add(new Frame(h, f, nf == 1 ? pos : Double.NaN, h.number(DicomHeader.INSTANCE_NUMBER)));
		}
		String sortedBy;
		if (frames.size() > 1 && frames.stream().allMatch(f -> Double.isFinite(f.position()))) {
			frames.sort(Comparator.comparingDouble(Frame::position));
			sortedBy = "ImagePositionPatient";
		} else if (frames.size() > 1 && headers.size() > 1 && frames.stream().allMatch(f -> Double.isFinite(f.instance()))) {
			frames.sort(Comparator.comparingDouble(Frame::instance));
			sortedBy = "InstanceNumber";
		} else {
			sortedBy = headers.size() > 1 ? "file name" : "frame order";
		}

		double[] ps = first.numbers(DicomHeader.PIXEL_SPACING);
		Spacing sp = null;
		String zFrom = "none";
		if (ps.length >= 2 && ps[0] > 0 && ps[1] > 0) {
			double z = Double.NaN;
			if (sortedBy.equals("ImagePositionPatient")) {
				double[] steps = new double[frames.size() - 1];
				for (int i = 1; i < frames.size(); i++) steps[i - 1] = frames.get(i).position() - frames.get(i - 1).position();
				Arrays.sort(steps);
				z = steps[steps.length / 2];
				zFrom = "ImagePositionPatient";
				if (!(z > 0)) throw new UserInputException(what + ": two slices share the same position; the series holds duplicates");
			}
			if (!(z > 0)) {
				z = first.number(DicomHeader.SPACING_BETWEEN_SLICES);
				zFrom = "SpacingBetweenSlices";
			}
			if (!(z > 0)) {
				z = first.number(DicomHeader.SLICE_THICKNESS);
				zFrom = "SliceThickness";
			}
			if (!(z > 0)) {
				z = ps[1];
				zFrom = "assumed equal to the pixel spacing";
			}
			sp = new Spacing(ps[1], ps[0], z); // PixelSpacing is row spacing (y) \ column spacing (x)
		}

		int planeBytes = RawVolumeDecoder.planeBytes(cols, rows, type, what);
		List<Frame> ordered = frames;
		PlaneSource src = () -> new PlaneSource.Cursor() {
			int i = 0;
			FileChannel ch;
			DicomHeader open;

			@Override
			public void next(ByteBuffer dst) throws IOException {
				Frame f = ordered.get(i++);
				if (open != f.header()) {
					if (ch != null) ch.close();
					ch = FileChannel.open(f.header().file, StandardOpenOption.READ);
					open = f.header();
				}
				PlaneSources.readFully(ch, dst, f.header().pixelOffset + (long) f.frame() * planeBytes);
			}

			@Override
			public void close() throws IOException {
				if (ch != null) ch.close();
			}
		};
		ByteOrder order = first.order;
		RawVolumeDecoder.Decoded dec = RawVolumeDecoder.decode(cols, rows, frames.size(), type, order, src, what);

		ValueCalibration values = dec.map();
		String modality = first.text(DicomHeader.MODALITY), manufacturer = first.text(DicomHeader.MANUFACTURER);
		String valuesFrom = "none";
		if (Double.isFinite(slope) && slope != 0) {
			double ic = Double.isFinite(intercept) ? intercept : 0;
			String rt = first.text(DicomHeader.RESCALE_TYPE);
			String unit = rt != null && !rt.isEmpty() ? rt : "CT".equals(modality) ? "HU" : "";
			values = new ValueCalibration(ic, slope, unit).after(dec.map());
			valuesFrom = "RescaleSlope/RescaleIntercept";
		}
		double mu = first.number(DicomHeader.SCANCO_MU_SCALING), ds = first.number(DicomHeader.SCANCO_DENSITY_SLOPE),
			di = first.number(DicomHeader.SCANCO_DENSITY_INTERCEPT);
		if (manufacturer != null && manufacturer.toUpperCase(Locale.ROOT).contains("SCANCO") && mu > 0 && Double.isFinite(ds) && ds != 0
			&& Double.isFinite(di)) {
			values = new ValueCalibration(di, ds / mu, "mgHA/cm^3").after(dec.map());
			valuesFrom = "SCANCO private elements (0029,1000/1004/1005)";
		}
		Map<String, Object> info = dec.info();
		info.put("files", headers.size());
		info.put("sortedBy", sortedBy);
		info.put("sliceSpacingFrom", zFrom);
		info.put("valuesFrom", valuesFrom);
		if (modality != null) info.put("modality", modality);
		if (manufacturer != null) info.put("manufacturer", manufacturer);
		String iop = first.text(DicomHeader.IMAGE_ORIENTATION);
		if (iop != null) info.put("ImageOrientationPatient", iop);
		return new LoadedVolume(new ShortVolume(cols, rows, sp, dec.slices()), values, headers.size() > 1 ? "DICOM series" : "DICOM", info);
	}

	private static boolean sameNumber(double a, double b) {
		return Double.isNaN(a) && Double.isNaN(b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
	}

	/** The slice normal (row direction x column direction), or null if the orientation is missing. */
	private static double[] normal(DicomHeader h) {
		double[] o = h.numbers(DicomHeader.IMAGE_ORIENTATION);
		if (o.length != 6) return null;
		double[] n = { o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3] };
		double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
		if (!(len > 0)) return null;
		for (int i = 0; i < 3; i++) n[i] /= len;
		return n;
	}
}

package org.bonelesion.io;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.bonelesion.core.RgbImage;
import org.bonelesion.core.UserInputException;
import org.bonelesion.core.Volume;

/**
 * Reading images into the project's volumes and writing results. Every failure to read is a
 * {@link UserInputException} naming the file.
 */
public final class ImageIo {

	private ImageIo() {}

	/**
	 * Reads a grey-level volume, recognising the format by content, then by name: a TIFF stack,
	 * DICOM (one file, possibly multi-frame), Scanco ISQ, NIfTI-1 (.nii, .nii.gz), MetaImage
	 * (.mhd, .mha), a Bruker NRecon reconstruction log; or a folder of Bruker slices (when a
	 * reconstruction log is beside them), TIFF slices or DICOM files. The voxels come back as
	 * unsigned 16-bit with the file's spacing (null if it has none) and the calibration from
	 * stored value to physical value. See docs/io-formats.md for where each calibration comes
	 * from. Damaged files, and headers that claim more data than the file holds, are refused
	 * with a {@link UserInputException} naming the file before any large allocation.
	 */
	public static LoadedVolume readVolume(Path path) {
		requireExists(path);
		if (Files.isDirectory(path)) return readFolder(path);
		FileChecks.length(path);
		byte[] head = head(path, 512);
		String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".log") && BrukerSeriesReader.parseLog(path).containsKey("Reconstruction")) {
			return BrukerSeriesReader.read(path.toAbsolutePath().getParent(), path);
		}
		if (TiffFile.hasSignature(head)) return TiffVolumeReader.read(path);
		if (DicomHeader.hasSignature(head) || n.endsWith(".dcm") || n.endsWith(".dicom")) return DicomReader.read(path);
		if (IsqReader.hasSignature(head) || n.endsWith(".isq")) return IsqReader.read(path);
		if (NiftiReader.hasSignature(head) || n.endsWith(".nii") || n.endsWith(".nii.gz")) return NiftiReader.read(path);
		if (MetaImageReader.hasSignature(head) || n.endsWith(".mhd") || n.endsWith(".mha")) return MetaImageReader.read(path);
		if (n.endsWith(".tif") || n.endsWith(".tiff")) throw new UserInputException(path.getFileName() + " is not a TIFF file (wrong signature)");
		throw new UserInputException(path.getFileName() + ": unsupported volume format (readable: TIFF, DICOM, Scanco ISQ, NIfTI-1, MetaImage, "
			+ "a Bruker reconstruction log or a folder of slices)");
	}

	private static LoadedVolume readFolder(Path dir) {
		Path log = BrukerSeriesReader.findLog(dir);
		if (log != null) return BrukerSeriesReader.read(dir, log);
		List<Path> tiffs = listImages(dir, ".tif", ".tiff");
		if (!tiffs.isEmpty()) return TiffVolumeReader.readFolder(dir, tiffs, "TIFF slices");
		if (!DicomReader.filesIn(dir).isEmpty()) return DicomReader.readFolder(dir);
		throw new UserInputException("the folder " + dir + " holds no TIFF slices, DICOM files or Bruker reconstruction");
	}

	/** The first bytes of a file (fewer if it is shorter). */
	static byte[] head(Path file, int n) {
		try (java.io.InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(n);
		} catch (IOException e) {
			throw new UserInputException(file + " cannot be read: " + e.getMessage(), e);
		}
	}

	/**
	 * Reads a colour image: RGB TIFF (strips or tiles; uncompressed, LZW, Deflate, PackBits;
	 * other TIFFs through ImageJ), PNG or JPEG. For images too big to hold, use
	 * {@link RgbTiffRegionReader}.
	 */
	public static RgbImage readRgb(Path path) {
		requireExists(path);
		if (Files.isDirectory(path)) throw new UserInputException(path + " is a folder; histology needs one image file");
		FileChecks.length(path);
		if (TiffFile.hasSignature(head(path, 8))) {
			RgbTiffRegionReader r;
			try {
				r = RgbTiffRegionReader.open(path);
			} catch (UserInputException e) {
				r = null; // JPEG-compressed, palette or grey TIFFs: ImageJ decides (and explains)
			}
			if (r != null) {
				try (RgbTiffRegionReader reader = r) {
					if ((long) reader.width() * reader.height() > Integer.MAX_VALUE - 8) {
						throw new UserInputException(path.getFileName() + " is " + reader.width() + " x " + reader.height()
							+ " pixels, too big to load whole; it is processed tile by tile");
					}
					return reader.readAll();
				} catch (IOException e) {
					throw new UserInputException(path.getFileName() + " cannot be read: " + e.getMessage(), e);
				}
			}
		}
		return ImagePlusConverter.toRgb(openWithImageJ(path), path.getFileName().toString());
	}

	static void requireExists(Path path) {
		if (!Files.exists(path)) throw new UserInputException(path + " does not exist");
		if (!Files.isReadable(path)) throw new UserInputException(path + " cannot be read (permission denied)");
	}

	static ImagePlus openWithImageJ(Path path) {
		ImagePlus imp;
		try {
			imp = new Opener().openImage(path.toAbsolutePath().toString());
		} catch (RuntimeException e) {
			throw new UserInputException(path.getFileName() + " could not be read as an image: " + e.getMessage(), e);
		}
		if (imp == null) throw new UserInputException(path.getFileName() + " could not be read as an image (unknown format or damaged file)");
		return imp;
	}

	/** Image files in a folder, in natural order (slice2 before slice10). */
	public static List<Path> listImages(Path dir, String... extensions) {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = new ArrayList<>();
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (n.startsWith(".") || !Files.isRegularFile(p)) continue;
				for (String e : extensions) {
					if (n.endsWith(e)) {
						out.add(p);
						break;
					}
				}
			}
			out.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
			return out;
		} catch (IOException e) {
			throw new UserInputException("cannot list the folder " + dir + ": " + e.getMessage(), e);
		}
	}

	/** Writes a volume as a calibrated TIFF stack (8, 16 or 32-bit as the volume is), atomically. */
	public static void writeTiff(Volume v, Path file) throws IOException {
		writeTiff(ImagePlusConverter.toImagePlus(v, file.getFileName().toString()), file);
	}

	/** Writes a colour image as a calibrated RGB TIFF, atomically. */
	public static void writeTiff(RgbImage img, Path file) throws IOException {
		writeTiff(ImagePlusConverter.toImagePlus(img, file.getFileName().toString()), file);
	}

	/** Writes an ImagePlus as TIFF with ImageJ's description (calibration), atomically. */
	public static void writeTiff(ImagePlus imp, Path file) throws IOException {
		FileInfo fi = imp.getFileInfo();
		fi.description = new FileSaver(imp).getDescriptionString();
		if (imp.getStackSize() > 1) {
			fi.nImages = imp.getStackSize();
			fi.pixels = imp.getStack().getImageArray();
		}
		AtomicFiles.write(file, out -> new TiffEncoder(fi).write(out));
	}

	/** Writes a colour image as PNG, atomically. */
	public static void writePng(RgbImage img, Path file) throws IOException {
		BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
		bi.setRGB(0, 0, img.width(), img.height(), img.pixels(), 0, img.width());
		AtomicFiles.write(file, out -> {
			if (!javax.imageio.ImageIO.write(bi, "png", out)) throw new IOException("no PNG writer");
		});
	}
}

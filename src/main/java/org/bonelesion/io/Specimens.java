package org.bonelesion.io;

import java.nio.file.Path;

/** Specimen names derived from file names. */
public final class Specimens {

	private Specimens() {}

	/** The file or folder name without its image extension(s): "m01_tibia.tif" gives "m01_tibia". */
	public static String nameOf(Path input) {
		Path f = input.toAbsolutePath().normalize().getFileName();
		if (f == null) return "specimen";
		String n = f.toString();
		String lower = n.toLowerCase(java.util.Locale.ROOT);
		for (String ext : new String[] { ".nii.gz", ".ome.tiff", ".ome.tif", ".tiff", ".tif", ".png", ".jpg", ".jpeg", ".dcm",
			".isq", ".nii", ".mhd", ".raw", ".bmp" }) {
			if (lower.endsWith(ext) && n.length() > ext.length()) return n.substring(0, n.length() - ext.length());
		}
		return n;
	}
}

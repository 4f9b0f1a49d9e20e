package org.bonelesion.ct;

/**
 * One lesion: a connected region of missing cortex (lytic) or abnormal bone (blastic).
 *
 * @param id number of the lesion in its scan, from 1 (lytic lesions first, then blastic, each in
 *        raster order of their first voxel)
 * @param type lytic or blastic
 * @param volumeMm3 volume (mm^3): voxels times the voxel volume
 * @param xMm centroid x (mm), measured from the outer corner of the first voxel
 * @param yMm centroid y (mm)
 * @param zMm centroid z (mm)
 * @param cortical true if the lesion lies in or on the cortex (every single-scan lytic lesion
 *        and periosteal blastic lesion; a paired lesion touching the baseline's cortical band)
 * @param perforating true if the lesion crosses the whole cortical thickness
 */
public record Lesion(int id, Type type, double volumeMm3, double xMm, double yMm, double zMm, boolean cortical, boolean perforating) {

	/** Lytic (bone missing) or blastic (bone added). */
	public enum Type {
		LYTIC("lytic", 2), BLASTIC("blastic", 3);

		private final String label;
		private final int code;

		Type(String label, int code) {
			this.label = label;
			this.code = code;
		}

		/** The word written in {@code lesions.csv}. */
		public String label() {
			return label;
		}

		/** The value in the label image (2 lytic, 3 blastic). */
		public int code() {
			return code;
		}

		@Override
		public String toString() {
			return label;
		}
	}
}

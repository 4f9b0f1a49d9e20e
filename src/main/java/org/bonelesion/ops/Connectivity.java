package org.bonelesion.ops;

/**
 * Which voxels touch: in 2D, 4 (edges) or 8 (edges and corners) neighbours; in 3D, 6 (faces),
 * 18 (faces and edges) or 26 (faces, edges and corners).
 */
public enum Connectivity {
	/** 2D, pixels sharing an edge. */
	FOUR(4, false),
	/** 2D, pixels sharing an edge or a corner. */
	EIGHT(8, false),
	/** 3D, voxels sharing a face. */
	SIX(6, true),
	/** 3D, voxels sharing a face or an edge. */
	EIGHTEEN(18, true),
	/** 3D, voxels sharing a face, an edge or a corner. */
	TWENTY_SIX(26, true);

	private final int neighbours;
	private final boolean threeD;

	Connectivity(int neighbours, boolean threeD) {
		this.neighbours = neighbours;
		this.threeD = threeD;
	}

	/** Number of neighbours of a voxel (4, 8, 6, 18 or 26). */
	public int neighbours() {
		return neighbours;
	}

	/** True for 6, 18 and 26; 2D connectivities label every slice on its own. */
	public boolean is3d() {
		return threeD;
	}

	/** The in-plane connectivity this one reduces to on a single slice (6 -> 4, 18 and 26 -> 8). */
	public Connectivity inPlane() {
		return switch (this) {
			case FOUR, SIX -> FOUR;
			case EIGHT, EIGHTEEN, TWENTY_SIX -> EIGHT;
		};
	}

	/**
	 * True if the voxel offset (dx, dy, dz), each in {-1, 0, 1} and not all zero, is a
	 * neighbour under this connectivity (for 2D ones dz must be 0).
	 */
	public boolean isNeighbour(int dx, int dy, int dz) {
		int n = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
		if (n == 0 || Math.abs(dx) > 1 || Math.abs(dy) > 1 || Math.abs(dz) > 1) return false;
		return switch (this) {
			case FOUR -> dz == 0 && n == 1;
			case EIGHT -> dz == 0;
			case SIX -> n == 1;
			case EIGHTEEN -> n <= 2;
			case TWENTY_SIX -> true;
		};
	}

	/** The connectivity with this number of neighbours (4, 8, 6, 18, 26). */
	public static Connectivity of(int neighbours) {
		for (Connectivity c : values()) if (c.neighbours == neighbours) return c;
		throw new IllegalArgumentException("connectivity must be 4 or 8 (2D) or 6, 18 or 26 (3D), got " + neighbours);
	}
}

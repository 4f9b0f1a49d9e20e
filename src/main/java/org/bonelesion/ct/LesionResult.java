package org.bonelesion.ct;

import java.util.List;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Table;

/**
 * The lesions of one scan (or of a paired analysis, in baseline space) with their label image.
 *
 * @param labels 8-bit labels, same shape and spacing as the analysed bone: 0 background, 1 bone,
 *        2 lytic lesion, 3 blastic lesion
 * @param lesions every lesion of at least the minimum volume, numbered from 1
 * @param corticalThicknessMm the cortical thickness the finder used for its cortical band (mm);
 *        0 when no cortical shell was found (then no lesion is searched), NaN in paired analyses
 * @param protrusionRadiusMm the periosteal opening radius actually used (mm, after capping)
 * @param marrowRadiusMm the marrow opening radius actually used (mm, after capping)
 */
public record LesionResult(ByteVolume labels, List<Lesion> lesions, double corticalThicknessMm,
		double protrusionRadiusMm, double marrowRadiusMm) {

	/** Label value of background. */
	public static final int BACKGROUND = 0;
	/** Label value of bone. */
	public static final int BONE = 1;
	/** Label value of a lytic lesion. */
	public static final int LYTIC = 2;
	/** Label value of a blastic lesion. */
	public static final int BLASTIC = 3;

	public LesionResult {
		lesions = List.copyOf(lesions);
	}

	/** Number of lytic lesions ({@code Lytic.N}). */
	public int lyticCount() {
		return (int) lesions.stream().filter(l -> l.type() == Lesion.Type.LYTIC).count();
	}

	/** Total lytic lesion volume in mm^3 ({@code Lytic.V}). */
	public double lyticVolumeMm3() {
		return lesions.stream().filter(l -> l.type() == Lesion.Type.LYTIC).mapToDouble(Lesion::volumeMm3).sum();
	}

	/** Number of blastic lesions ({@code Blastic.N}). */
	public int blasticCount() {
		return (int) lesions.stream().filter(l -> l.type() == Lesion.Type.BLASTIC).count();
	}

	/** Total blastic lesion volume in mm^3 ({@code Blastic.V}). */
	public double blasticVolumeMm3() {
		return lesions.stream().filter(l -> l.type() == Lesion.Type.BLASTIC).mapToDouble(Lesion::volumeMm3).sum();
	}

	/** Number of perforating lesions ({@code Ct.Perf.N}). */
	public int perforatingCount() {
		return (int) lesions.stream().filter(Lesion::perforating).count();
	}

	/**
	 * Puts the summary columns {@code Lytic.N}, {@code Lytic.V (mm^3)}, {@code Blastic.N},
	 * {@code Blastic.V (mm^3)}, {@code Ct.Perf.N} into a row of {@code summary.csv}.
	 */
	public void putSummary(Table.Row row) {
		row.put("Lytic.N", lyticCount());
		row.put("Lytic.V", "mm^3", lyticVolumeMm3());
		row.put("Blastic.N", blasticCount());
		row.put("Blastic.V", "mm^3", blasticVolumeMm3());
		row.put("Ct.Perf.N", perforatingCount());
	}

	/** The {@code lesions.csv} table of this result (columns present even when there is no lesion). */
	public Table lesionsTable(String specimen) {
		Table t = emptyLesionsTable();
		addLesionRows(t, specimen);
		return t;
	}

	/** A {@code lesions.csv} table with its columns declared and no rows. */
	public static Table emptyLesionsTable() {
		Table t = new Table();
		t.column("Specimen", null).column("Lesion", null).column("Type", null).column("V", "mm^3")
				.column("X", "mm").column("Y", "mm").column("Z", "mm").column("Cortical", null).column("Perforating", null);
		return t;
	}

	/** Appends one row per lesion to a {@code lesions.csv} table (for a study-wide table). */
	public void addLesionRows(Table t, String specimen) {
		for (Lesion l : lesions) {
			t.addRow().put("Specimen", specimen).put("Lesion", l.id()).put("Type", l.type().label())
					.put("V", "mm^3", l.volumeMm3()).put("X", "mm", l.xMm()).put("Y", "mm", l.yMm()).put("Z", "mm", l.zMm())
					.put("Cortical", l.cortical() ? "yes" : "no").put("Perforating", l.perforating() ? "yes" : "no");
		}
	}
}

package org.bonelesion.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The analyses this build contains. */
public final class Analyses {

	private Analyses() {}

	/** Every registered analysis. */
	public static List<Analysis> all() {
		List<Analysis> out = new ArrayList<>();
		for (Analysis a : ServiceLoader.load(Analysis.class, Analysis.class.getClassLoader())) out.add(a);
		return out;
	}

	/** The analysis for a design.csv kind, or null. */
	public static Analysis forKind(String kind) {
		for (Analysis a : all()) if (a.kind().equals(kind)) return a;
		return null;
	}
}

package org.bonelesion.fiji;

/** Plugins &gt; Bone Lesion &gt; Count TRAP Culture (ImageJ 1.x): a TRAP-stained osteoclast culture well: TRAP+ multinucleated cells. */
public class CountTrapCulturePlugin extends AnalysisPlugin {

	@Override
	protected String kind() {
		return "culture";
	}

	@Override
	protected String command() {
		return "Count TRAP Culture";
	}
}

package org.bonelesion.fiji;

/** Plugins &gt; Bone Lesion &gt; Analyze TRAP Section (ImageJ 1.x): a TRAP-stained bone section: bone, osteoclasts, tumour. */
public class AnalyzeTrapSectionPlugin extends AnalysisPlugin {

	@Override
	protected String kind() {
		return "histo";
	}

	@Override
	protected String command() {
		return "Analyze TRAP Section";
	}
}

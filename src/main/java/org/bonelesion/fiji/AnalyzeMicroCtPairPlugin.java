package org.bonelesion.fiji;

/** Plugins &gt; Bone Lesion &gt; Analyze Micro-CT Pair (ImageJ 1.x): a follow-up micro-CT volume against its baseline scan: resorbed and formed bone. */
public class AnalyzeMicroCtPairPlugin extends AnalysisPlugin {

	@Override
	protected String kind() {
		return "ct";
	}

	@Override
	protected String command() {
		return "Analyze Micro-CT Pair";
	}

	@Override
	protected boolean paired() {
		return true;
	}
}

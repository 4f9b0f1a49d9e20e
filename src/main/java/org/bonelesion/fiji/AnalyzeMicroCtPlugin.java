package org.bonelesion.fiji;

/** Plugins &gt; Bone Lesion &gt; Analyze Micro-CT (ImageJ 1.x): one micro-CT volume: bone, cortex, morphometry, lytic and blastic lesions. */
public class AnalyzeMicroCtPlugin extends AnalysisPlugin {

	@Override
	protected String kind() {
		return "ct";
	}

	@Override
	protected String command() {
		return "Analyze Micro-CT";
	}
}

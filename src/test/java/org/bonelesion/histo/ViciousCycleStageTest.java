package org.bonelesion.histo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.bonelesion.sample.HistoSection;
import org.bonelesion.sample.SampleStudy;
import org.bonelesion.stage.StageRules;
import org.junit.jupiter.api.Test;

/** The default stage rules' use of the vicious-cycle columns. */
class ViciousCycleStageTest {

	private final StageRules rules = StageRules.defaults();

	private static Map<String, Double> histo(double tumour, double ocBpm, double ocPmBpm, double tbi, double ocTbi, double woven) {
		Map<String, Double> m = new HashMap<>();
		m.put("Tm.Ar/T.Ar (%)", tumour);
		m.put("N.Oc/B.Pm (1/mm)", ocBpm);
		m.put("Oc.Pm/B.Pm (%)", ocPmBpm);
		m.put("TBI (mm)", tbi);
		m.put("N.Oc/TBI (1/mm)", ocTbi);
		m.put("Wo.B.Ar/T.Ar (%)", woven);
		return m;
	}

	@Test
	void osteoclastsAtTheInterfaceGiveStageTwo() {
		assertEquals("2-osteoclast-activation", rules.classify(histo(5, 3, 10, 0.8, 9, 0)).stage(), "9 /mm of a 0.8 mm interface");
		assertEquals("1-colonisation", rules.classify(histo(5, 3, 10, 0.8, 7.9, 0)).stage(), "below 8 /mm");
		assertEquals("1-colonisation", rules.classify(histo(5, 3, 10, 0.2, 20, 0)).stage(), "an interface under 0.5 mm is too short to judge");
		assertEquals("0-none", rules.classify(histo(1, 3, 10, 0.8, 20, 0)).stage(), "no tumour, no stage");
	}

	@Test
	void wovenBoneGivesABlasticCallFromHistology() {
		assertEquals("3-blastic", rules.classify(histo(10, 12, 30, 1, 10, 1.0)).stage());
		assertEquals("2-osteoclast-activation", rules.classify(histo(10, 12, 30, 1, 10, 0.99)).stage());
		Map<String, Double> lytic = histo(10, 12, 30, 1, 10, 5);
		lytic.put("Lytic.N", 1.0);
		lytic.put("Blastic.N", 0.0);
		lytic.put("Lytic.V (mm^3)", 0.1);
		lytic.put("Blastic.V (mm^3)", 0.0);
		assertEquals("3-lytic", rules.classify(lytic).stage(), "micro-CT lesions take precedence");
	}

	/**
	 * Every sample-study section's truth gets the stage the study's truth.json was made with
	 * (SampleStudy.stage, the rules before these columns): the new rules change no expected stage.
	 * Micro-CT rules come first and are unchanged, so CT-bearing specimens keep theirs too.
	 */
	@Test
	void sampleStudyStagesUnchanged() {
		for (SampleStudy.Section s : SampleStudy.sections()) {
			Map<String, Object> truth = HistoSection.render(s.design(), 0.001).truth();
			Map<String, Double> numbers = StageRules.numbers(truth);
			assertEquals(SampleStudy.stage(truth), rules.classify(numbers).stage(), s.specimen() + " " + truth);
		}
	}
}

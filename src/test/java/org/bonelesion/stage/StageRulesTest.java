package org.bonelesion.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Table;
import org.bonelesion.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default stage rules on hand-made rows: every rule, its boundaries, missing data; user files. */
class StageRulesTest {

	private final StageRules rules = StageRules.defaults();

	/** A micro-CT row plus histology values; NaN leaves a value out. */
	private static Map<String, Double> row(double perf, double lyticN, double lyticV, double blasticN, double blasticV,
		double tumour, double ocN, double ocPm) {
		Map<String, Double> m = new HashMap<>();
		put(m, "Ct.Perf.N", perf);
		put(m, "Lytic.N", lyticN);
		put(m, "Lytic.V (mm^3)", lyticV);
		put(m, "Blastic.N", blasticN);
		put(m, "Blastic.V (mm^3)", blasticV);
		put(m, "Tm.Ar/T.Ar (%)", tumour);
		put(m, "N.Oc/B.Pm (1/mm)", ocN);
		put(m, "Oc.Pm/B.Pm (%)", ocPm);
		return m;
	}

	private static void put(Map<String, Double> m, String k, double v) {
		if (!Double.isNaN(v)) m.put(k, v);
	}

	private String stage(Map<String, Double> m) {
		return rules.classify(m).stage();
	}

	private static final double NA = Double.NaN;

	@Test
	void corticalBreachWinsOverEverything() {
		StageCall c = rules.classify(row(1, 3, 0.5, 0, 0, 50, 20, 40));
		assertEquals("4-cortical-breach", c.stage());
		assertEquals("Ct.Perf.N = 1 >= 1", c.evidence());
		assertEquals("4-cortical-breach", stage(row(2, 0, 0, 0, 0, NA, NA, NA)));
	}

	@Test
	void lesionTypeByEightyPercentOfVolume() {
		assertEquals("3-lytic", stage(row(0, 1, 0.8, 1, 0.2, NA, NA, NA)), "exactly 80 % lytic is lytic");
		assertEquals("3-mixed", stage(row(0, 1, 0.79, 1, 0.21, NA, NA, NA)), "79 % lytic is mixed");
		assertEquals("3-blastic", stage(row(0, 0, 0, 2, 0.3, NA, NA, NA)));
		assertEquals("3-blastic", stage(row(0, 1, 0.2, 1, 0.8, NA, NA, NA)), "exactly 80 % blastic is blastic");
		assertEquals("3-mixed", stage(row(0, 1, 0.5, 1, 0.5, NA, NA, NA)));
		StageCall c = rules.classify(row(0, 2, 0.9, 0, 0, NA, NA, NA));
		assertEquals("3-lytic", c.stage());
		assertEquals("Lytic.N + Blastic.N = 2 >= 1; Lytic.V = 0.9 mm^3 >= 80 % of 0.9 mm^3", c.evidence());
	}

	@Test
	void osteoclastActivationNeedsTumourAndOsteoclasts() {
		assertEquals("2-osteoclast-activation", stage(row(0, 0, 0, 0, 0, 2, 8, 0)), "both thresholds inclusive");
		assertEquals("2-osteoclast-activation", stage(row(0, 0, 0, 0, 0, 5, 1, 20)), "Oc.Pm/B.Pm alone suffices");
		assertEquals("1-colonisation", stage(row(0, 0, 0, 0, 0, 5, 7.99, 19.99)));
		assertEquals("0-none", stage(row(0, 0, 0, 0, 0, 1.99, 30, 50)), "osteoclasts without tumour are not a stage");
		StageCall c = rules.classify(row(0, 0, 0, 0, 0, 3, 9, 10));
		assertEquals("Tm.Ar/T.Ar = 3 % >= 2 %; N.Oc/B.Pm = 9 1/mm >= 8 1/mm", c.evidence());
	}

	@Test
	void noneExplainsWhatWasChecked() {
		StageCall c = rules.classify(row(0, 0, 0, 0, 0, 0.5, 2, 3));
		assertEquals("0-none", c.stage());
		assertTrue(c.evidence().contains("Ct.Perf.N = 0 < 1"), c.evidence());
		assertTrue(c.evidence().contains("Tm.Ar/T.Ar = 0.5 % < 2 %"), c.evidence());
	}

	@Test
	void missingMeasurementsCannotSupportAStage() {
		// micro-CT only: no tumour measured, so neither colonisation nor activation
		StageCall ct = rules.classify(row(0, 0, 0, 0, 0, NA, NA, NA));
		assertEquals("0-none", ct.stage());
		assertTrue(ct.evidence().contains("Tm.Ar/T.Ar missing"), ct.evidence());
		// histology only: tumour and osteoclasts decide
		assertEquals("2-osteoclast-activation", stage(row(NA, NA, NA, NA, NA, 10, 12, NA)));
		assertEquals("1-colonisation", stage(row(NA, NA, NA, NA, NA, 10, NA, NA)), "no osteoclast count: cannot support stage 2");
		// NaN is the same as absent
		Map<String, Double> m = row(NA, NA, NA, NA, NA, 10, 12, NA);
		m.put("Ct.Perf.N", Double.NaN);
		assertEquals("2-osteoclast-activation", stage(m));
		// nothing at all: no stage
		StageCall none = rules.classify(Map.of("BV/TV (%)", 12.0));
		assertEquals("", none.stage());
	}

	@Test
	void headersOrSymbolsBothWork() {
		assertEquals("3-lytic", stage(Map.of("Ct.Perf.N", 0.0, "Lytic.N", 1.0, "Lytic.V", 0.4, "Blastic.N", 0.0, "Blastic.V", 0.0)));
		Table t = new Table();
		Table.Row r = t.addRow().put("Specimen", "m1").put("Ct.Perf.N", 1).put("Lytic.V", "mm^3", 0.1);
		assertEquals("4-cortical-breach", rules.classify(r).stage());
	}

	@Test
	void controlMaxReplacesOsteoclastThresholds() {
		StageRules cm = StageRules.parse(rules.text().replace("\"thresholds\": \"fixed\"", "\"thresholds\": \"control-max\""), "test");
		assertEquals(StageRules.CONTROL_MAX, cm.thresholds());
		// control specimens: two without tumour (max N.Oc/B.Pm 4, Oc.Pm/B.Pm 12), one with tumour (ignored)
		Map<String, Double> ref = cm.controlReference(List.of(row(0, 0, 0, 0, 0, 0, 3, 12), row(0, 0, 0, 0, 0, 1, 4, 9),
			row(0, 0, 0, 0, 0, 30, 50, 60)));
		assertEquals(Map.of("N.Oc/B.Pm", 4.0, "Oc.Pm/B.Pm", 12.0), ref);
		StageCall c = cm.classify(row(0, 0, 0, 0, 0, 5, 5, 10), ref);
		assertEquals("2-osteoclast-activation", c.stage(), "5 /mm is above the control range though below 8");
		assertEquals("Tm.Ar/T.Ar = 5 % >= 2 %; N.Oc/B.Pm = 5 1/mm > 4 1/mm (control max)", c.evidence());
		assertEquals("1-colonisation", cm.classify(row(0, 0, 0, 0, 0, 5, 4, 12), ref).stage(), "equal to the control max is not above it");
		// no reference: the fixed numbers
		assertEquals("1-colonisation", cm.classify(row(0, 0, 0, 0, 0, 5, 5, 10), Map.of()).stage());
		// fixed mode ignores a reference
		assertEquals("1-colonisation", rules.classify(row(0, 0, 0, 0, 0, 5, 5, 10), ref).stage());
		assertEquals(Map.of(), rules.controlReference(List.of(row(0, 0, 0, 0, 0, 0, 3, 12))));
	}

	@Test
	void userRulesFileWithHistologyNewBoneAsBlasticEvidence(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("my-stages.json");
		Files.writeString(f, """
			{ "name": "woven bone counts", "rules": [
			  { "stage": "3-blastic", "when": { "any": [
			      { "column": "Blastic.N", "op": ">=", "value": 1 },
			      { "column": "Wo.B.Ar/T.Ar (%)", "op": ">", "value": 5 } ] } },
			  { "stage": "0-none" } ] }
			""");
		StageRules user = StageRules.load(f);
		assertEquals("woven bone counts", user.name());
		StageCall c = user.classify(Map.of("Wo.B.Ar/T.Ar (%)", 7.5));
		assertEquals("3-blastic", c.stage());
		assertEquals("Wo.B.Ar/T.Ar = 7.5 % > 5 %", c.evidence());
		assertEquals("0-none", user.classify(Map.of("Wo.B.Ar/T.Ar (%)", 5.0)).stage());
		assertEquals(List.of("3-blastic", "0-none"), user.stages());
	}

	@Test
	void badRulesFilesNameTheProblem(@TempDir Path dir) throws Exception {
		UserInputException e = assertThrows(UserInputException.class,
			() -> StageRules.parse("{\"rules\": [{\"stage\": \"x\", \"when\": {\"column\": \"A\", \"op\": \"=>\", \"value\": 1}}]}", "f.json"));
		assertTrue(e.getMessage().contains("rule 1 (x)") && e.getMessage().contains("\"op\" must be one of"), e.getMessage());
		e = assertThrows(UserInputException.class, () -> StageRules.parse("{\"rules\": [", "f.json"));
		assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
		e = assertThrows(UserInputException.class, () -> StageRules.parse("{\"rules\": [{\"stage\": \"x\", \"when\": {\"column\": \"A\", \"op\": \">\"}}]}", "f.json"));
		assertTrue(e.getMessage().contains("needs a number \"value\""), e.getMessage());
		e = assertThrows(UserInputException.class, () -> StageRules.load(dir.resolve("absent.json")));
		assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
	}

	@Test
	void defaultsListTheContractStages() {
		assertEquals(List.of("4-cortical-breach", "3-lytic", "3-blastic", "3-mixed", "2-osteoclast-activation", "1-colonisation", "0-none"),
			rules.stages());
	}
}

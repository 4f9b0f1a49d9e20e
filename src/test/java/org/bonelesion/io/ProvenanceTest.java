package org.bonelesion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

	@TempDir
	Path dir;

	@Test
	void sha256OfKnownStrings() throws Exception {
		// FIPS 180-2 test vectors
		Path abc = dir.resolve("abc.txt");
		Files.write(abc, "abc".getBytes(StandardCharsets.US_ASCII));
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.sha256(abc));
		Path empty = dir.resolve("empty");
		Files.write(empty, new byte[0]);
		assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Provenance.sha256(empty));
	}

	@Test
	@SuppressWarnings("unchecked")
	void recordsParametersInputsAndDuration() throws Exception {
		Path in = dir.resolve("scan.tif");
		Files.write(in, "abc".getBytes(StandardCharsets.US_ASCII));
		Provenance p = new Provenance("ct").parameter("threshold", "otsu").parameter("min-lesion-mm3", 0.01);
		p.input(in);
		p.decision("threshold_used", 1234);
		Path out = dir.resolve("provenance.json");
		p.write(out);
		Map<String, Object> m = Json.parseObject(Files.readString(out));
		assertEquals("ct", m.get("command"));
		assertEquals("otsu", ((Map<String, Object>) m.get("parameters")).get("threshold"));
		assertEquals(0.01, ((Number) ((Map<String, Object>) m.get("parameters")).get("min-lesion-mm3")).doubleValue());
		Map<String, Object> file = ((List<Map<String, Object>>) m.get("inputs")).get(0);
		assertEquals("scan.tif", file.get("file"));
		assertEquals(3L, file.get("bytes"));
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.get("sha256"));
		assertEquals(1234L, ((Map<String, Object>) m.get("decisions")).get("threshold_used"));
		assertTrue(((Number) m.get("duration_s")).doubleValue() >= 0);
		assertTrue(m.get("start").toString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
		assertEquals("0.1.0", m.get("version"));
	}

	@Test
	void folderInputsKeepTheirOrderAndHashes() throws Exception {
		// hashed in the background: each record must still get its own file's hash, in file order
		Path folder = Files.createDirectories(dir.resolve("slices"));
		String[] texts = { "abc", "", "abc".repeat(100_000) };
		for (int i = 0; i < texts.length; i++) Files.write(folder.resolve("s" + i + ".tif"), texts[i].getBytes(StandardCharsets.US_ASCII));
		Provenance p = new Provenance("ct").input(folder);
		List<Map<String, Object>> inputs = p.inputs();
		assertEquals(3, inputs.size());
		for (int i = 0; i < texts.length; i++) {
			assertEquals("s" + i + ".tif", inputs.get(i).get("file"));
			assertEquals(Provenance.sha256(folder.resolve("s" + i + ".tif")), inputs.get(i).get("sha256"));
		}
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", inputs.get(0).get("sha256"));
		assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", inputs.get(1).get("sha256"));
	}

	@Test
	void jsonRoundTrip() {
		String text = Json.write(Map.of("a", List.of(1L, 2.5, "x\"y\n"), "b", true));
		Map<String, Object> back = Json.parseObject(text);
		assertEquals(List.of(1L, 2.5, "x\"y\n"), back.get("a"));
		assertEquals(true, back.get("b"));
	}
}

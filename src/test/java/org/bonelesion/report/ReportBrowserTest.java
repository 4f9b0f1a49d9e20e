package org.bonelesion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.bonelesion.core.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * report.html in headless Chromium: its tables are in the rendered DOM, every image decodes
 * (non-zero naturalWidth), and a screenshot is not blank. The screenshot is kept as
 * {@code target/report-screenshot.png}.
 */
class ReportBrowserTest {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@Test
	void reportRendersInChromium() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium");
		Path base = Path.of("target", "report-browser-test").toAbsolutePath();
		Path in = base.resolve("study"), out = base.resolve("results");
		StudyFixture.write(in, StudyFixture.design());
		new StudyRunner(new StudyFixture().resolver).run(new StudyRunner.Settings(in, out, null, null, true, 1), Progress.NONE);
		Path report = out.resolve("report.html");
		String html = Files.readString(report);
		assertFalse(html.contains("<script"), "the report itself needs no script");
		assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(html).find(), "nothing is fetched from the network");

		// a copy with a probe that writes the number of decoded images into the title
		Path probe = base.resolve("probe.html");
		Files.writeString(probe, html.replace("</body>", "<script>window.addEventListener('load', function () {"
			+ "var imgs = document.images, ok = 0; for (var i = 0; i < imgs.length; i++) if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++;"
			+ "document.title = 'IMAGES ' + ok + '/' + imgs.length; });</script></body>"));
		String dom = chromium(base, "--dump-dom", probe.toUri().toString());
		Matcher m = Pattern.compile("<title>IMAGES (\\d+)/(\\d+)</title>").matcher(dom);
		assertTrue(m.find(), "probe ran: " + dom.substring(0, Math.min(300, dom.length())));
		// 4 plots of the endpoints present (Lytic.V, Blastic.V, BV/TV, N.Oc/B.Pm, Tm.Ar/T.Ar = 5) + 14 thumbnails
		assertEquals(5 + 14, Integer.parseInt(m.group(2)));
		assertEquals(m.group(2), m.group(1), "every image decodes");
		assertTrue(dom.contains("<td>z2</td><td>zol</td><td>d21</td><td>2-osteoclast-activation</td>"), "stage table rendered");
		assertTrue(dom.contains("<th>BV/TV (%)</th>"), "modality table rendered");

		Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
		Files.deleteIfExists(shot);
		chromium(base, "--screenshot=" + shot, "--window-size=1280,2000", report.toUri().toString());
		BufferedImage img = ImageIO.read(shot.toFile());
		assertEquals(1280, img.getWidth());
		int first = img.getRGB(0, 0), differing = 0;
		for (int y = 0; y < img.getHeight(); y += 4) for (int x = 0; x < img.getWidth(); x += 4) if (img.getRGB(x, y) != first) differing++;
		assertTrue(differing > 1000, "screenshot is not blank: " + differing + " sampled pixels differ from the corner");
	}

	private static String chromium(Path base, String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(base, "chromium-profile")));
		cmd.addAll(List.of(args));
		Path stdout = base.resolve("chromium.out");
		Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(base.resolve("chromium.err").toFile()).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("chromium did not finish in 120 s");
		}
		return Files.readString(stdout, StandardCharsets.UTF_8);
	}
}

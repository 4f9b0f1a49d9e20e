package org.bonelesion.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.core.ShortVolume;
import org.bonelesion.ops.RigidRegistration;
import org.bonelesion.ops.RigidTransform3D;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registers the paired phantom with Debian's elastix (EulerTransform, normalised correlation)
 * and checks that our transform agrees with elastix's within a voxel (RMS over the bone).
 * Elastix maps fixed points to moving points, {@code T(x) = R (x - c) + c + t} with
 * {@code R = Rz Rx Ry} (ComputeZYX false), in physical coordinates with origin 0: the same
 * convention as {@link RigidTransform3D}.
 */
class ElastixAgreementTest {

	@TempDir
	Path dir;

	@Test
	void agreesWithElastix() throws Exception {
		Path elastix = Path.of("/usr/bin/elastix");
		Assumptions.assumeTrue(Files.isExecutable(elastix), "elastix not installed");
		RigidTransform3D truth = PairedAnalysisTest.motion(false);
		ShortVolume base = PairedPhantoms.render(false, null, 1);
		ShortVolume follow = PairedPhantoms.render(true, truth, 2);
		writeMhd(base, dir.resolve("fixed.mhd"));
		writeMhd(follow, dir.resolve("moving.mhd"));
		Files.writeString(dir.resolve("rigid.txt"), String.join("\n",
				"(FixedInternalImagePixelType \"float\")", "(MovingInternalImagePixelType \"float\")",
				"(FixedImageDimension 3)", "(MovingImageDimension 3)",
				"(Registration \"MultiResolutionRegistration\")", "(Interpolator \"BSplineInterpolator\")",
				"(ResampleInterpolator \"FinalBSplineInterpolator\")", "(Resampler \"DefaultResampler\")",
				"(FixedImagePyramid \"FixedSmoothingImagePyramid\")", "(MovingImagePyramid \"MovingSmoothingImagePyramid\")",
				"(Optimizer \"AdaptiveStochasticGradientDescent\")", "(Transform \"EulerTransform\")",
				"(Metric \"AdvancedNormalizedCorrelation\")", "(AutomaticTransformInitialization \"true\")",
				"(AutomaticTransformInitializationMethod \"CenterOfGravity\")", "(AutomaticScalesEstimation \"true\")",
				"(HowToCombineTransforms \"Compose\")", "(NumberOfResolutions 4)", "(MaximumNumberOfIterations 600)",
				"(NumberOfSpatialSamples 6000)", "(ImageSampler \"RandomCoordinate\")", "(NewSamplesEveryIteration \"true\")",
				"(WriteResultImage \"false\")", "(ComputeZYX \"false\")", ""));
		Path out = Files.createDirectories(dir.resolve("out"));
		Process p = new ProcessBuilder(elastix.toString(), "-f", dir.resolve("fixed.mhd").toString(), "-m", dir.resolve("moving.mhd").toString(),
				"-p", dir.resolve("rigid.txt").toString(), "-out", out.toString(), "-threads", "2")
				.redirectErrorStream(true).redirectOutput(dir.resolve("elastix.log").toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "elastix timed out");
		String log = tail(dir.resolve("elastix.log"));
		assertEquals(0, p.exitValue(), () -> "elastix failed: " + log);
		String params = Files.readString(out.resolve("TransformParameters.0.txt"));
		double[] tp = numbers(params, "TransformParameters");
		double[] centre = numbers(params, "CenterOfRotationPoint");
		RigidTransform3D theirs = new RigidTransform3D(tp[0], tp[1], tp[2], new double[] { tp[3], tp[4], tp[5] }, centre, Double.NaN);
		RigidTransform3D ours = RigidRegistration.register(base, follow, RigidRegistration.Settings.defaults(), Parallel.of(2), Progress.NONE).transform();
		var bone = PairedPhantoms.threshold(base);
		double elastixError = PairedPhantoms.rmsError(bone, truth, theirs);
		double agreement = PairedPhantoms.rmsError(bone, ours, theirs);
		// elastix itself must have found the motion, or the comparison says nothing
		assertTrue(elastixError < 1, "elastix error " + elastixError + " voxels: " + theirs);
		assertTrue(agreement < 1, "ours and elastix differ by " + agreement + " voxels RMS: ours " + ours + ", elastix " + theirs);
	}

	private static double[] numbers(String text, String key) {
		Matcher m = Pattern.compile("\\(" + key + "([^)]*)\\)").matcher(text);
		assertTrue(m.find(), "no " + key + " in elastix output");
		String[] parts = m.group(1).trim().split("\\s+");
		double[] v = new double[parts.length];
		for (int i = 0; i < parts.length; i++) v[i] = Double.parseDouble(parts[i]);
		return v;
	}

	private static String tail(Path log) throws IOException {
		String s = Files.exists(log) ? Files.readString(log) : "";
		return s.substring(Math.max(0, s.length() - 2000));
	}

	private static void writeMhd(ShortVolume v, Path mhd) throws IOException {
		String raw = mhd.getFileName().toString().replace(".mhd", ".raw");
		var s = v.requireSpacing();
		Files.writeString(mhd, String.format(Locale.ROOT, "ObjectType = Image\nNDims = 3\nDimSize = %d %d %d\nElementSpacing = %s %s %s\nOffset = 0 0 0\n"
				+ "ElementType = MET_USHORT\nElementByteOrderMSB = False\nElementDataFile = %s\n", v.width(), v.height(), v.depth(), s.x(), s.y(), s.z(), raw),
				StandardCharsets.US_ASCII);
		ByteBuffer b = ByteBuffer.allocate((int) v.size() * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int z = 0; z < v.depth(); z++) for (short x : v.slice(z)) b.putShort(x);
		Files.write(mhd.resolveSibling(raw), b.array());
	}
}

package org.bonelesion.fiji;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonelesion.core.UserInputException;

/** Writing and showing the sample study, shared by the two menu layers. */
final class SampleStudy {

	private SampleStudy() {}

	/** {@code bone-lesion-sample-study} in the user's home folder. */
	static Path defaultFolder() {
		return Path.of(System.getProperty("user.home"), "bone-lesion-sample-study");
	}

	/** Writes the study into {@code dir} and, when there is a screen, shows its design.csv. */
	static void open(Path dir) {
		if (dir.toString().isEmpty()) throw new UserInputException("give a folder to write the sample study into (out=...)");
		StudyJob.writeSamples(dir);
		ImageJUi.log(OpenSampleStudyPlugin.COMMAND, "wrote the sample study to " + dir + "; analyse it with Plugins > Bone Lesion > Run Study, input=" + dir);
		Path design = dir.resolve("design.csv");
		if (ImageJUi.canShow() && Files.isRegularFile(design)) ImageJUi.read(design).show("design.csv");
	}
}

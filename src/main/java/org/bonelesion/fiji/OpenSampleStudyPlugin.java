package org.bonelesion.fiji;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;

import org.bonelesion.io.ErrorLog;

/**
 * Plugins &gt; Bone Lesion &gt; Open Sample Study (ImageJ 1.x): writes the bundled synthetic
 * study (images and design.csv) into a folder ({@code out}) and shows its design.
 */
public class OpenSampleStudyPlugin implements PlugIn {

	static final String COMMAND = "Open Sample Study";

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog("Bone Lesion > " + COMMAND);
		gd.addStringField("out", SampleStudy.defaultFolder().toString(), 30);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		String out = gd.getNextString().trim();
		try {
			SampleStudy.open(Path.of(out));
		} catch (Exception e) {
			ImageJUi.error(COMMAND, ErrorLog.describe(e));
		}
	}
}

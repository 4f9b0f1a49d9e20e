package org.bonelesion.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version, from the build. */
public final class Version {

	private Version() {}

	/** e.g. "0.1.0", or "unknown" when run from unpackaged classes without resources. */
	public static String get() {
		try (InputStream in = Version.class.getResourceAsStream("/org/bonelesion/version.properties")) {
			if (in == null) return "unknown";
			Properties p = new Properties();
			p.load(in);
			return p.getProperty("version", "unknown");
		} catch (IOException e) {
			return "unknown";
		}
	}
}

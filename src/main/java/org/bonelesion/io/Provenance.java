package org.bonelesion.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bonelesion.core.Version;

/**
 * The record every run leaves beside its results ({@code provenance.json}): tool version,
 * the command, every parameter value, each input file's name, size and SHA-256, what the
 * analysis decided on its own (thresholds, transforms), start time and duration.
 */
public final class Provenance {

	private final String command;
	private final Instant start = Instant.now();
	private final Map<String, Object> parameters = new LinkedHashMap<>();
	private final List<Map<String, Object>> inputs = new ArrayList<>();
	// SHA-256 of each input, computed on a background thread while the analysis runs (a whole
	// section or scan takes seconds to hash); joined when the record is read
	private final List<java.util.concurrent.Future<String>> hashes = new ArrayList<>();
	private final Map<String, Object> decisions = new LinkedHashMap<>();

	public Provenance(String command) {
		this.command = command;
	}

	/** Records a parameter value (in the unit its name says). */
	public Provenance parameter(String name, Object value) {
		parameters.put(name, value);
		return this;
	}

	/** Records something the analysis chose or found (threshold used, stain vectors, transform...). */
	public Provenance decision(String name, Object value) {
		decisions.put(name, value);
		return this;
	}

	/**
	 * Records an input: a file, or every file inside a folder, with sizes and SHA-256. The
	 * hashes are computed in the background (call this before the analysis, so that they
	 * overlap it); {@link #inputs()}, {@link #toMap()} and {@link #write} wait for them.
	 */
	public Provenance input(Path path) throws IOException {
		if (Files.isDirectory(path)) {
			try (Stream<Path> s = Files.walk(path)) {
				for (Path p : s.filter(Files::isRegularFile).sorted().toList()) addFile(p);
			}
		} else {
			addFile(path);
		}
		return this;
	}

	private void addFile(Path p) throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("file", p.getFileName().toString());
		m.put("path", p.toAbsolutePath().normalize().toString());
		m.put("bytes", Files.size(p));
		m.put("sha256", null); // filled in by resolveHashes
		inputs.add(m);
		hashes.add(hasher.submit(() -> sha256(p)));
	}

	// one background thread hashes the files in turn (a folder of slices may hold thousands); it ends when idle
	private final java.util.concurrent.ThreadPoolExecutor hasher = hasher();

	private static java.util.concurrent.ThreadPoolExecutor hasher() {
		java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1, java.util.concurrent.TimeUnit.SECONDS,
			new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
				Thread t = new Thread(r, "bonelesion-provenance-hash");
				t.setDaemon(true);
				return t;
			});
		e.allowCoreThreadTimeOut(true);
		return e;
	}

	/** Waits for the inputs' hashes and puts them in their records. */
	private void resolveHashes() throws IOException {
		for (int i = 0; i < hashes.size(); i++) {
			try {
				inputs.get(i).put("sha256", hashes.get(i).get());
			} catch (java.util.concurrent.ExecutionException e) {
				if (e.getCause() instanceof IOException io) throw io;
				throw new IllegalStateException(e.getCause());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while hashing the inputs", e);
			}
		}
	}

	public Map<String, Object> parameters() {
		return parameters;
	}

	/** The inputs' records (file, path, bytes, sha256), once their hashes are done. */
	public List<Map<String, Object>> inputs() throws IOException {
		resolveHashes();
		return inputs;
	}

	/** The record as a JSON-ready map, with the duration up to now (once the inputs' hashes are done). */
	public Map<String, Object> toMap() throws IOException {
		resolveHashes();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("tool", "Bone Lesion");
		m.put("version", Version.get());
		m.put("command", command);
		m.put("java", System.getProperty("java.version"));
		m.put("parameters", parameters);
		m.put("inputs", inputs);
		m.put("decisions", decisions);
		m.put("start", start.truncatedTo(ChronoUnit.MILLIS).toString());
		m.put("duration_s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
		return m;
	}

	/** Writes {@code provenance.json} (atomically). */
	public void write(Path file) throws IOException {
		AtomicFiles.writeString(file, Json.write(toMap()));
	}

	/** SHA-256 of a file, lower-case hex. */
	public static String sha256(Path p) throws IOException {
		MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		byte[] buf = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(p)) {
			int n;
			while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
		}
		StringBuilder sb = new StringBuilder();
		for (byte b : md.digest()) sb.append(String.format("%02x", b));
		return sb.toString();
	}
}

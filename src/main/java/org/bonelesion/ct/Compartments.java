package org.bonelesion.ct;

import java.util.Arrays;

import org.bonelesion.core.ByteVolume;
import org.bonelesion.core.Parallel;
import org.bonelesion.core.Progress;
import org.bonelesion.ops.FillHoles;
import org.bonelesion.ops.Morphology;

/**
 * Periosteal envelope, cortex and trabecular compartment, by morphology in the manner of Buie
 * et al. (Bone 2007), on the binary bone:
 * <ol>
 * <li>Envelope: the bone closed with a ball of radius {@code envelopeCloseMm} (sealing pores
 * and foramina through the cortex), each slice's holes filled, united with the bone.</li>
 * <li>Cavity: the envelope minus bone (marrow spaces and cortical pores).</li>
 * <li>Marrow cavity proper: the cavity opened with a ball of radius {@code poreMm}, so that
 * spaces narrower than twice that (cortical pores and canals) drop out.</li>
 * <li>Trabecular compartment: that closed with a ball of radius {@code trabecularCloseMm},
 * which draws in trabeculae thinner than about twice the radius and the corners where they
 * meet the endosteum, cut to the envelope.</li>
 * <li>Cortex: the bone outside the trabecular compartment.</li>
 * </ol>
 * A scan without a cortex (a trabecular core) has no envelope to find: when {@code cortex} is
 * "auto", the scan counts as a core if the bone touches the side faces of the image in more
 * than half of the slices that hold bone. The envelope and the trabecular compartment are
 * then the whole image and the cortex is empty.
 */
public final class Compartments {

	/** The compartments of one bone. */
	public record Result(ByteVolume envelope, ByteVolume cortical, ByteVolume trabecularCompartment, boolean hasCortex) {}

	private Compartments() {
	}

	/** Splits the bone into its compartments. */
	public static Result split(ByteVolume bone, CtSettings s, Parallel parallel, Progress progress) {
		boolean cortex = switch (s.cortex()) {
			case "yes" -> true;
			case "no" -> false;
			default -> !looksLikeCore(bone);
		};
		if (!cortex) {
			ByteVolume all = bone.blankCopy();
			for (byte[] sl : all.slices()) Arrays.fill(sl, (byte) 1);
			return new Result(all, bone.blankCopy(), all.copy(), false);
		}
		progress.report("periosteal envelope", 0);
		ByteVolume closed = closeInPlane(bone, s.envelopeCloseMm(), parallel);
		progress.checkCancelled();
		ByteVolume envelope = FillHoles.fill2d(closed, parallel);
		or(envelope, bone, parallel);
		progress.report("marrow cavity", 0.4);
		ByteVolume cavity = andNot(envelope, bone, parallel);
		ByteVolume opened = Morphology.open(cavity, s.poreMm(), parallel);
		progress.checkCancelled();
		progress.report("trabecular compartment", 0.7);
		ByteVolume trab = closeInPlane(opened, s.trabecularCloseMm(), parallel);
		and(trab, envelope, parallel);
		ByteVolume cortical = andNot(bone, trab, parallel);
		progress.report("compartments", 1);
		return new Result(envelope, cortical, trab, true);
	}

	/**
	 * 3D closing in which the space beyond the image's sides (x and y) is background, as it is
	 * in a scan: the mask is padded in-plane by the radius first, so that a bone near the side of
	 * the field of view is not closed against the edge. Beyond the first and last slice there is
	 * nothing (a bone cut by the scan's ends stays open there).
	 */
	static ByteVolume closeInPlane(ByteVolume mask, double radiusMm, Parallel parallel) {
		org.bonelesion.core.Spacing sp = mask.requireSpacing();
		int px = (int) Math.ceil(radiusMm / sp.x()) + 1, py = (int) Math.ceil(radiusMm / sp.y()) + 1;
		int w = mask.width(), h = mask.height(), W = w + 2 * px, H = h + 2 * py;
		ByteVolume padded = new ByteVolume(W, H, mask.depth(), sp);
		parallel.forRange(0, mask.depth(), z -> {
			byte[] a = mask.slice(z), b = padded.slice(z);
			for (int y = 0; y < h; y++) System.arraycopy(a, y * w, b, (y + py) * W + px, w);
		});
		ByteVolume closed = Morphology.close(padded, radiusMm, parallel);
		ByteVolume out = mask.blankCopy();
		parallel.forRange(0, mask.depth(), z -> {
			byte[] a = closed.slice(z), b = out.slice(z);
			for (int y = 0; y < h; y++) System.arraycopy(a, (y + py) * W + px, b, y * w, w);
		});
		return out;
	}

	/** True if the bone touches the image's side faces in more than half of its slices. */
	static boolean looksLikeCore(ByteVolume bone) {
		int w = bone.width(), h = bone.height();
		int withBone = 0, touching = 0;
		for (int z = 0; z < bone.depth(); z++) {
			byte[] b = bone.slice(z);
			boolean any = false;
			for (byte v : b) {
				if (v != 0) {
					any = true;
					break;
				}
			}
			if (!any) continue;
			withBone++;
			boolean touch = false;
			for (int x = 0; x < w && !touch; x++) touch = b[x] != 0 || b[(h - 1) * w + x] != 0;
			for (int y = 0; y < h && !touch; y++) touch = b[y * w] != 0 || b[y * w + w - 1] != 0;
			if (touch) touching++;
		}
		return withBone > 0 && touching * 2 > withBone;
	}

	static void or(ByteVolume a, ByteVolume b, Parallel parallel) {
		parallel.forRange(0, a.depth(), z -> {
			byte[] x = a.slice(z), y = b.slice(z);
			for (int i = 0; i < x.length; i++) if (y[i] != 0) x[i] = 1;
		});
	}

	static void and(ByteVolume a, ByteVolume b, Parallel parallel) {
		parallel.forRange(0, a.depth(), z -> {
			byte[] x = a.slice(z), y = b.slice(z);
			for (int i = 0; i < x.length; i++) if (y[i] == 0) x[i] = 0;
		});
	}

	/** a and not b, as a new mask. */
	static ByteVolume andNot(ByteVolume a, ByteVolume b, Parallel parallel) {
		ByteVolume out = a.blankCopy();
		parallel.forRange(0, a.depth(), z -> {
			byte[] x = a.slice(z), y = b.slice(z), o = out.slice(z);
			for (int i = 0; i < x.length; i++) o[i] = (byte) (x[i] != 0 && y[i] == 0 ? 1 : 0);
		});
		return out;
	}
}

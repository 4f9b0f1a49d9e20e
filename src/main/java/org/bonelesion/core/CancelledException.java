package org.bonelesion.core;

/** Thrown when a user cancels a running analysis through its {@link Progress}. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("cancelled by the user");
	}
}

package org.bonelesion.core;

/** Bad usage (an unknown option, a value of the wrong kind): the launcher prints the message and usage and exits 2; a Fiji command cancels with the message. */
public class UsageException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}

package org.bonelesion.core;

/**
 * A problem with what the user gave us (a file, an image, a parameter), with a message a
 * biologist understands. Entry points report it and carry on with the next input.
 */
public class UserInputException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public UserInputException(String message) {
		super(message);
	}

	public UserInputException(String message, Throwable cause) {
		super(message, cause);
	}
}

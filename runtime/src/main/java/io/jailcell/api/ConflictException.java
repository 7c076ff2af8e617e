package io.jailcell.api;

/** A name is already taken by another container. */
public class ConflictException extends JailcellException {
    public ConflictException(String message) {
        super(message);
    }
}

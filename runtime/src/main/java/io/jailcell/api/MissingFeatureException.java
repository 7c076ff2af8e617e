package io.jailcell.api;

/** The host lacks a kernel feature or tool the request needs; the message names it and the fix. */
public class MissingFeatureException extends JailcellException {
    public MissingFeatureException(String message) {
        super(message);
    }
}

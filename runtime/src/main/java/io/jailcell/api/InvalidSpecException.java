package io.jailcell.api;

/** The request itself is wrong (an unknown user, a bad ulimit, a malformed option); nothing was created. */
public class InvalidSpecException extends JailcellException {
    public InvalidSpecException(String message) {
        super(message);
    }
}

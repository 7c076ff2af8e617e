package io.jailcell.linux.seccomp;

/** A seccomp profile that cannot be used: bad JSON, an unknown action, operator or architecture. */
public class SeccompProfileException extends IllegalArgumentException {
    public SeccompProfileException(String message) {
        super(message);
    }
}

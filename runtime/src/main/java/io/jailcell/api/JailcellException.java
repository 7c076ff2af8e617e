package io.jailcell.api;

/**
 * The root of jailcell's exceptions. Every message says what went wrong and what to do; {@link #exitCode()} is the
 * code the {@code jailcell} CLI exits with, as docker's would (125 for runtime errors).
 */
public class JailcellException extends RuntimeException {
    private final int exitCode;

    public JailcellException(String message) {
        this(message, 125, null);
    }

    public JailcellException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

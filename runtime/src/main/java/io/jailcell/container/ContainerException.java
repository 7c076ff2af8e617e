package io.jailcell.container;

/** A failure of a container operation, classified so that the public API can raise the matching exception. */
public final class ContainerException extends RuntimeException {
    /** What went wrong. */
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, MISSING_FEATURE, START_FAILED, STATE }

    private final Kind kind;
    private final int exitCode;

    public ContainerException(Kind kind, String message) {
        this(kind, message, 125, null);
    }

    public ContainerException(Kind kind, String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The exit code docker would give: 125 for runtime errors, 126 not executable, 127 not found. */
    public int exitCode() {
        return exitCode;
    }
}

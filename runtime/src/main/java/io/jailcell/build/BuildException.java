package io.jailcell.build;

/**
 * A build that cannot go on: a RUN step failed, a COPY source is missing, a base image is unknown. The message
 * names the Dockerfile line and what to do.
 */
public class BuildException extends RuntimeException {
    private final int exitCode;

    public BuildException(String message) {
        this(message, 0, null);
    }

    public BuildException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code of a failed RUN step, else 0. */
    public int exitCode() {
        return exitCode;
    }
}

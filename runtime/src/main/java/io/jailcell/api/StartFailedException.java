package io.jailcell.api;

/**
 * The container's program could not be started. The message names the failed step, the errno and the path;
 * {@link #exitCode()} is 127 when the program was not found and 126 when it could not be executed, as with docker.
 * Nothing is left behind: no mount, no process, and for {@code --rm} containers no state.
 */
public class StartFailedException extends JailcellException {
    public StartFailedException(String message, int exitCode, Throwable cause) {
        super(message, exitCode, cause);
    }
}

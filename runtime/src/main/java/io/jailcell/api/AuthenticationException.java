package io.jailcell.api;

/**
 * A registry wants credentials, or refused the ones given. The message names the registry and the command to run
 * ({@code jailcell login HOST}); it never contains a password.
 */
public class AuthenticationException extends JailcellException {
    public AuthenticationException(String message) {
        super(message);
    }
}

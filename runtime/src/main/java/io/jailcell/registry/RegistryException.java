package io.jailcell.registry;

/**
 * A registry operation failed. {@link #kind()} says how, for callers that map it to their own errors; the message
 * names the registry, the repository and what to do, and never holds a secret.
 */
public final class RegistryException extends RuntimeException {
    /** How an operation failed. */
    public enum Kind {
        /** No such repository, tag, manifest or blob. */
        NOT_FOUND,
        /** Credentials are missing or were refused. */
        UNAUTHORIZED,
        /** The registry could not be reached (refused, unresolved, timed out, TLS failed). */
        UNREACHABLE,
        /** The registry sent content that is damaged, truncated or does not match its digest. */
        INVALID,
        /** Anything else the registry refused. */
        FAILED
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        this(kind, message, null);
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

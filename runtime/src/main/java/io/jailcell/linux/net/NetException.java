package io.jailcell.linux.net;

/** A network operation failed; the message names the problem and the fix. */
public final class NetException extends RuntimeException {
    /** What kind of failure, so the API can raise the matching exception. */
    public enum Reason { CONFLICT, MISSING_FEATURE, FAILED }

    private final Reason reason;

    public NetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public NetException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

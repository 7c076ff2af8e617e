package io.jailcell.kernel.magic;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Why a magic failed, as the one line a notebook shows: what went wrong and what to do. With {@code %debug on}
 * it also carries the stack trace of the failure it reports.
 *
 * <pre>{@code
 * throw MagicError.usage("%ns NAME", "name a container");   // "%ns NAME: name a container"
 * }</pre>
 */
public final class MagicError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean trace;

    /** A failure with the message a user reads and no stack trace. */
    public MagicError(String message) {
        super(message, null, false, false);
        this.trace = false;
    }

    private MagicError(String message, Throwable cause) {
        super(message, cause, false, false);
        this.trace = true;
    }

    /** A failure that shows {@code cause}'s stack trace under the message ({@code %debug on}). */
    public static MagicError withTrace(String message, Throwable cause) {
        return new MagicError(message, cause);
    }

    /** Wrong arguments: {@code "USAGE: WHAT"}. */
    public static MagicError usage(String usage, String what) {
        return new MagicError("usage: " + usage + " (" + what + ")");
    }

    /** What the notebook shows: the message, then the cause's stack trace when debugging. */
    public List<String> lines() {
        if (!trace || getCause() == null) {
            return List.of(getMessage());
        }
        StringWriter w = new StringWriter();
        getCause().printStackTrace(new PrintWriter(w));
        return List.of(getMessage(), w.toString());
    }
}

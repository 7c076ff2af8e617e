package io.jailcell.kernel;

/**
 * Why a cell failed, as the one line a notebook shows: a compile error, an exception thrown by the cell, or an
 * interrupt. It carries no stack trace of the kernel (it is never filled in), so Jupyter's error output and
 * {@code execute_reply} show the message only.
 *
 * <pre>{@code
 * throw new CellError("cannot find symbol: variable nope (line 1)");
 * }</pre>
 */
public final class CellError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with the message a user reads. */
    public CellError(String message) {
        super(message, null, false, false);
    }
}

package io.jailcell.kernel.magic;

/**
 * The rest of the cell does not run, for a reason the notebook shows as one line on the cell's output: not a
 * failure, so a notebook run to the end goes on with the next cell. Thrown by {@code %needs}; the jailcell kernel
 * prints the message and ends the cell (a kernel without that support shows it as an error).
 *
 * <pre>{@code
 * throw new CellSkipped("skipped: this cell needs root (you are uid 1000)");
 * }</pre>
 */
public final class CellSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the cell was skipped, as the notebook shows it. */
    public CellSkipped(String message) {
        super(message, null, false, false);
    }
}

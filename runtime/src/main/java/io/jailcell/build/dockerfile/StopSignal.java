package io.jailcell.build.dockerfile;

/**
 * {@code STOPSIGNAL SIGTERM}: the signal that stops the container (a name or a number).
 * The argument is the rest of the line as written: one string, spaces kept, not yet expanded.
 *
 * <pre>{@code
 * // STOPSIGNAL SIGINT
 * stopSignal.signal();   // "SIGINT"
 * }</pre>
 */
public record StopSignal(Location location, String original, String signal) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.STOPSIGNAL;
    }
}

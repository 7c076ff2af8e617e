package io.jailcell.build.dockerfile;

/**
 * {@code ENTRYPOINT ["exe", "arg"]} or {@code ENTRYPOINT command line}. An exec form with no words clears it.
 * Not expanded by the frontend.
 *
 * <pre>{@code
 * entrypoint.command().execForm();   // true for ENTRYPOINT ["/app"]
 * }</pre>
 */
public record Entrypoint(Location location, String original, Command command) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.ENTRYPOINT;
    }
}

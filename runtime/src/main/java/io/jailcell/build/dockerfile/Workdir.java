package io.jailcell.build.dockerfile;

/**
 * {@code WORKDIR /app}: the working directory for what follows; a relative path is resolved against the previous WORKDIR.
 * The argument is the rest of the line as written: one string, spaces kept, not yet expanded.
 *
 * <pre>{@code
 * // WORKDIR /app
 * workdir.path();   // "/app"
 * }</pre>
 */
public record Workdir(Location location, String original, String path) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.WORKDIR;
    }
}

package io.jailcell.build.dockerfile;

/**
 * {@code MAINTAINER name}: deprecated by Docker in favour of a LABEL; kept for the author field of the image config.
 * The argument is the rest of the line as written: one string, spaces kept, not yet expanded.
 *
 * <pre>{@code
 * // MAINTAINER Jane Doe
 * maintainer.name();   // "Jane Doe"
 * }</pre>
 */
public record Maintainer(Location location, String original, String name) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.MAINTAINER;
    }
}

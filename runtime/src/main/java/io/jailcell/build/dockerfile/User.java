package io.jailcell.build.dockerfile;

/**
 * {@code USER name[:group]} or {@code USER uid[:gid]}: the user for RUN, CMD and ENTRYPOINT.
 * The argument is the rest of the line as written: one string, spaces kept, not yet expanded.
 *
 * <pre>{@code
 * // USER 1000:1000
 * user.user();   // "1000:1000"
 * }</pre>
 */
public record User(Location location, String original, String user) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.USER;
    }
}

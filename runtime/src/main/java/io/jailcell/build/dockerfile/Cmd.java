package io.jailcell.build.dockerfile;

/**
 * {@code CMD ["exe", "arg"]} or {@code CMD command line}: the image's default command. An exec form with no words
 * ({@code CMD []}) clears it. Not expanded by the frontend.
 *
 * <pre>{@code
 * cmd.command().argv(List.of("/bin/sh", "-c"));
 * }</pre>
 */
public record Cmd(Location location, String original, Command command) implements Instruction {
    @Override
    public Keyword keyword() {
        return Keyword.CMD;
    }
}

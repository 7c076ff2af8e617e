package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code SHELL ["/bin/bash", "-c"]}: the shell for the shell forms of RUN, CMD and ENTRYPOINT after it. JSON form
 * only, never expanded.
 *
 * <pre>{@code
 * shell.shell();   // [/bin/bash, -c]
 * }</pre>
 */
public record Shell(Location location, String original, List<String> shell) implements Instruction {
    public Shell {
        shell = List.copyOf(shell);
    }

    @Override
    public Keyword keyword() {
        return Keyword.SHELL;
    }
}

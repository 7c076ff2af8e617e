package io.jailcell.cli;

import io.jailcell.api.FileChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jailcell diff CONTAINER}: the files it added (A), changed (C) and deleted (D), as docker prints them. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem",
        customSynopsis = "jailcell diff CONTAINER")
final class DiffCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    int execute() {
        StringBuilder sb = new StringBuilder();
        for (FileChange c : ctx.jailcell().container(container).diff()) {
            sb.append(c.kind()).append(' ').append(c.path()).append('\n');
        }
        out.print(sb);
        return 0;
    }
}

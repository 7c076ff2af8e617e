package io.jailcell.cli;

import io.jailcell.api.Container;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jailcell logs NAME}: what a detached container wrote, its stdout to stdout and its stderr to stderr. */
@Command(name = "logs", description = "Fetch the logs of a container", customSynopsis = "jailcell logs CONTAINER")
final class LogsCommand extends CliCommand {
    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    int execute() {
        Container c = ctx.jailcell().container(container);
        out.print(c.logs());
        out.flush();
        err.print(c.errorLogs());
        err.flush();
        return 0;
    }
}

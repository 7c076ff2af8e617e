package io.jailcell.cli;

import io.jailcell.api.Container;
import io.jailcell.api.ExitStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell wait NAME...}: blocks until each container's program has ended and prints its exit code, one a
 * line (0 for a container that never started, -1 for one whose end is unknown, as docker prints).
 */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes",
        customSynopsis = "jailcell wait CONTAINER [CONTAINER...]")
final class WaitCommand extends CliCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        return forEach(containers, false, name -> {
            Container c = ctx.jailcell().container(name);
            ExitStatus exit = c.waitFor();
            out.println(exit != null ? exit.code() : c.state().equals("dead") ? -1 : 0);
        });
    }
}

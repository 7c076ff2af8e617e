package io.jailcell.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jailcell kill [-s SIGNAL] NAME...}: signals each container's program (SIGKILL by default). */
@Command(name = "kill", description = "Kill one or more running containers",
        customSynopsis = "jailcell kill [OPTIONS] CONTAINER [CONTAINER...]")
final class KillCommand extends CliCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send (default KILL)")
    String signal = "KILL";

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        return forEach(containers, false, name -> {
            ctx.jailcell().container(name).kill(signal);
            out.println(name);
        });
    }
}

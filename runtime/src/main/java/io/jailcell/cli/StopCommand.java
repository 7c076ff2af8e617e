package io.jailcell.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jailcell stop [-t SECONDS] NAME...}: SIGTERM, then SIGKILL after the grace period; prints the names. */
@Command(name = "stop", description = "Stop one or more running containers",
        customSynopsis = "jailcell stop [OPTIONS] CONTAINER [CONTAINER...]")
final class StopCommand extends CliCommand {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS",
            description = "Seconds to wait before killing the container (default 10)")
    int seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        Duration grace = Duration.ofSeconds(Math.max(0, seconds));
        return forEach(containers, false, name -> {
            ctx.jailcell().container(name).stop(grace);
            out.println(name);
        });
    }
}

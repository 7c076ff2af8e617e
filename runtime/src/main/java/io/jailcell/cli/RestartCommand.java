package io.jailcell.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jailcell restart [-t SECONDS] NAME...}: stops each container if it runs and starts it again. */
@Command(name = "restart", description = "Restart one or more containers",
        customSynopsis = "jailcell restart [OPTIONS] CONTAINER [CONTAINER...]")
final class RestartCommand extends CliCommand {
    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it")
    int seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        return forEach(containers, false, name -> {
            ctx.jailcell().container(name).restart(Duration.ofSeconds(seconds));
            out.println(name);
        });
    }
}

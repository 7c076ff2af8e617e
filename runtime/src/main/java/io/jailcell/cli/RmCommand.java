package io.jailcell.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell rm [-f] [-v] NAME...}: removes containers and prints their names; a running one only with
 * {@code -f}, which kills it first. With {@code -f}, a container that does not exist is reported but no failure.
 * {@code -v} removes the containers' anonymous volumes too (named volumes stay).
 */
@Command(name = "rm", description = "Remove one or more containers",
        customSynopsis = "jailcell rm [OPTIONS] CONTAINER [CONTAINER...]")
final class RmCommand extends CliCommand {
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        return forEach(containers, force, name -> {
            ctx.jailcell().container(name).remove(force, volumes);
            out.println(name);
        });
    }
}

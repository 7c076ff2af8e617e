package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Resources;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jailcell update [OPTIONS] NAME...}: changes resource limits, at once for running containers. */
@Command(name = "update", description = "Update configuration of one or more containers",
        customSynopsis = "jailcell update [OPTIONS] CONTAINER [CONTAINER...]", sortOptions = false)
final class UpdateCommand extends CliCommand {
    @Mixin
    ResourceOptions resources = new ResourceOptions();

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        Resources change = resources.applyTo(Resources.NONE);
        if (change.isEmpty()) {
            throw new InvalidSpecException("you must provide one or more flags when using this command, e.g. "
                    + "--memory 64m");
        }
        return forEach(containers, false, name -> {
            ctx.jailcell().container(name).update(change);
            out.println(name);
        });
    }
}

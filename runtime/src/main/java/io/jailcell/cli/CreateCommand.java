package io.jailcell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jailcell create}: records a container without starting it and prints its id. */
@Command(name = "create", description = "Create a new container",
        customSynopsis = "jailcell create [OPTIONS] IMAGE [COMMAND] [ARG...]", sortOptions = false)
final class CreateCommand extends CliCommand {
    @Mixin
    SpecOptions options = new SpecOptions();

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    @Override
    boolean quickParse(String[] args) {
        return QuickRunParser.parse(args, options, null);
    }

    @Override
    int execute() {
        out.println(ctx.jailcell().create(options.toSpec()).id());
        return 0;
    }
}

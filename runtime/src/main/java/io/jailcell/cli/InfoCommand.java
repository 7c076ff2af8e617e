package io.jailcell.cli;

import picocli.CommandLine.Command;

/** {@code jailcell info}: what this host allows, one {@code name: value} line per fact. */
@Command(name = "info", description = "Display what this host allows (namespaces, overlayfs, cgroups, CNI, seccomp)")
final class InfoCommand extends CliCommand {
    @Override
    boolean quickParse(String[] args) {
        return args.length == 0; // nothing to parse: the defaults stand
    }

    @Override
    int execute() {
        out.print(ctx.jailcell().info().describe());
        return 0;
    }
}

package io.jailcell.cli;

import io.jailcell.api.ContainerInfo;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jailcell ps [-a] [-q] [--no-trunc]}: the containers, newest first, in docker's columns (PORTS stays
 * empty: jailcell publishes no ports yet).
 */
@Command(name = "ps", description = "List containers", customSynopsis = "jailcell ps [OPTIONS]")
final class PsCommand extends CliCommand {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Override
    boolean quickParse(String[] args) {
        return args.length == 0; // nothing to parse: the defaults stand
    }

    @Override
    int execute() {
        List<ContainerInfo> containers = ctx.jailcell().containers(all);
        if (quiet) {
            StringBuilder sb = new StringBuilder();
            containers.forEach(c -> sb.append(id(c)).append('\n'));
            out.print(sb);
            return 0;
        }
        Instant now = Instant.now();
        Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        for (ContainerInfo c : containers) {
            table.row(id(c), c.image(), Humanize.command(c.command(), noTrunc), Humanize.ago(c.created(), now),
                    Humanize.status(c, now), "", c.name());
        }
        table.print(out);
        return 0;
    }

    private String id(ContainerInfo c) {
        return noTrunc ? c.id() : c.shortId();
    }
}

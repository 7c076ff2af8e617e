package io.jailcell.cli;

import io.jailcell.api.Jailcell;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell container prune} and {@code jailcell system prune [--volumes]}: removes stopped containers (and
 * with {@code --volumes} unused anonymous volumes, as docker 23+) and what crashed runs left behind, after asking
 * unless {@code -f}.
 */
@Command(name = "prune", description = "Remove stopped containers and leftovers of crashed runs",
        customSynopsis = "jailcell container prune [-f] | jailcell system prune [-f] [--volumes]")
final class PruneCommand extends CliCommand {
    private final String scope;

    @Parameters(index = "0", paramLabel = "prune")
    String verb;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--volumes", description = "Also remove anonymous volumes no container uses (system prune); "
            + "named ones stay, as in docker 23+: jailcell volume prune -a removes those")
    boolean volumes;

    /** @param scope {@code container} or {@code system}: the command this one was reached through */
    PruneCommand(String scope) {
        this.scope = scope;
    }

    @Override
    int execute() {
        if (!verb.equals("prune")) {
            err.println("jailcell: Error: unknown command '" + scope + " " + verb + "': use container prune or "
                    + "system prune");
            return 125;
        }
        boolean withVolumes = volumes && scope.equals("system");
        if (!force && !confirm(withVolumes)) {
            return 0;
        }
        Jailcell jc = ctx.jailcell();
        List<String> removed = jc.pruneContainers();
        out.println("Deleted Containers:");
        removed.forEach(out::println);
        if (withVolumes) {
            out.println("\nDeleted Volumes:");
            jc.pruneVolumes().forEach(out::println);
        }
        if (scope.equals("system")) {
            out.println("\nTotal reclaimed space (images and build cache): "
                    + Humanize.bytes(jc.images().prune(true)));
        }
        return 0;
    }

    private boolean confirm(boolean withVolumes) {
        return confirm("WARNING! This will remove all stopped containers" + (withVolumes
                ? ", all anonymous volumes not used by at least one container" : "") + (scope.equals("system")
                ? ", unnamed image data and the build cache" : "") + ".");
    }
}

package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Jailcell;
import io.jailcell.api.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell volume create|ls|inspect|rm|prune}: volumes, kept under the store root until removed. The first
 * argument chooses the action, as in docker; {@code prune} removes unused anonymous volumes, with {@code -a} named
 * ones too (docker 23+), after asking unless {@code -f}.
 */
@Command(name = "volume", description = "Manage volumes",
        customSynopsis = "jailcell volume create NAME | ls [-q] [-f dangling=true|false] [-f name=PART] "
                + "| inspect NAME... | rm NAME... | prune [-a] [-f]")
final class VolumeCommand extends CliCommand {
    /** docker's label of an anonymous volume, as {@code volume inspect} shows it. */
    private static final String ANONYMOUS_LABEL = "{\n            \"com.docker.volume.anonymous\": \"\"\n        }";

    @Option(names = {"-a", "--all"}, description = "prune: named volumes too, not only anonymous ones")
    boolean all;

    // -f is --force for prune and --filter for ls, as in docker: for ls, its value arrives as a word (see ls).
    @Option(names = {"-f", "--force"}, description = "prune: do not prompt for confirmation; ls: -f KEY=VALUE is "
            + "--filter")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "ls: only the volume names")
    boolean quiet;

    @Option(names = "--filter", paramLabel = "KEY=VALUE",
            description = "ls: dangling=true|false (used by no container, or by one), name=PART (the name contains "
                    + "PART); repeat to narrow down, as docker does")
    List<String> filters = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "ACTION [NAME...]")
    List<String> words = new ArrayList<>();

    @Override
    int execute() {
        Jailcell jc = ctx.jailcell();
        String action = words.get(0);
        List<String> names = words.subList(1, words.size());
        switch (action) {
            case "create" -> {
                if (names.size() != 1) {
                    throw new InvalidSpecException("volume create takes one name, e.g. jailcell volume create data");
                }
                out.println(jc.createVolume(names.get(0)).name());
                return 0;
            }
            case "ls", "list" -> {
                if (!names.isEmpty() && !force) {
                    throw new InvalidSpecException("volume ls takes no names: narrow it down with --filter "
                            + "name=PART or --filter dangling=true");
                }
                if (force && names.isEmpty()) {
                    throw new InvalidSpecException("flag needs an argument: 'f' in -f, e.g. volume ls -f "
                            + "dangling=true");
                }
                List<String> all = new ArrayList<>(filters);
                all.addAll(names); // the values of -f
                List<VolumeInfo> shown = VolumeFilters.apply(all, jc.volumes(), jc);
                if (quiet) {
                    for (VolumeInfo v : shown) {
                        out.println(v.name());
                    }
                    return 0;
                }
                Table table = new Table("DRIVER", "VOLUME NAME");
                for (VolumeInfo v : shown) {
                    table.row("local", v.name());
                }
                table.print(out);
                return 0;
            }
            case "inspect" -> {
                StringBuilder json = new StringBuilder("[");
                for (String name : names) {
                    VolumeInfo v = jc.volume(name);
                    json.append(json.length() > 1 ? ",\n" : "\n").append("    {\n        \"Name\": \"")
                            .append(v.name()).append("\",\n        \"Driver\": \"local\",\n        \"Mountpoint\": \"")
                            .append(v.data()).append("\",\n        \"CreatedAt\": \"").append(v.created())
                            .append("\",\n        \"Labels\": ").append(v.anonymous() ? ANONYMOUS_LABEL : "null")
                            .append("\n    }");
                }
                out.println(json.append(names.isEmpty() ? "]" : "\n]"));
                return 0;
            }
            case "rm", "remove" -> {
                return forEach(names, false, name -> {
                    jc.removeVolume(name);
                    out.println(name);
                });
            }
            case "prune" -> {
                if (!names.isEmpty()) {
                    throw new InvalidSpecException("volume prune takes no names: it removes every unused anonymous "
                            + "volume (with -a, named ones too); remove one volume with jailcell volume rm NAME");
                }
                if (!force && !confirm(all
                        ? "WARNING! This will remove all local volumes not used by at least one container."
                        : "WARNING! This will remove anonymous local volumes not used by at least one container.")) {
                    return 0;
                }
                List<String> removed = jc.pruneVolumes(all);
                out.println("Deleted Volumes:");
                removed.forEach(out::println);
                return 0;
            }
            default -> throw new InvalidSpecException("unknown volume action '" + action
                    + "': use create, ls, inspect, rm or prune");
        }
    }
}

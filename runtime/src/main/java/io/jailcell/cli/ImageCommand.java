package io.jailcell.cli;

import io.jailcell.api.ImageHistory;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Images;
import io.jailcell.api.InvalidSpecException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The image commands: {@code images}, {@code rmi}, {@code tag}, {@code history}, and {@code image ls|rm|inspect|
 * history|tag|prune}. One class, because each is a few lines over {@link Images}; {@code name} is the word the
 * user typed.
 */
@Command(name = "image", description = "Manage images",
        customSynopsis = "jailcell image ls | rm IMAGE... | inspect IMAGE... | history IMAGE | tag SOURCE TARGET | prune")
final class ImageCommand extends CliCommand {
    private final String name;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-a", "--all"}, description = "prune: also the build cache")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "rm/prune: do not ask (accepted for docker compatibility)")
    boolean force;

    @Parameters(paramLabel = "ARGS")
    List<String> words = new ArrayList<>();

    ImageCommand(String name) {
        this.name = name;
    }

    @Override
    int execute() {
        Images images = ctx.jailcell().images();
        List<String> args = words;
        String action = switch (name) {
            case "images" -> "ls";
            case "rmi" -> "rm";
            case "tag", "history" -> name;
            default -> {
                if (words.isEmpty()) {
                    throw new InvalidSpecException("jailcell image needs an action: ls, rm, inspect, history, tag "
                            + "or prune");
                }
                args = words.subList(1, words.size());
                yield words.get(0);
            }
        };
        switch (action) {
            case "ls", "list" -> list(images);
            case "rm", "remove" -> {
                need(args, 1, "IMAGE...");
                return forEach(args, false, n -> images.remove(n, force).forEach(out::println));
            }
            case "inspect" -> {
                need(args, 1, "IMAGE...");
                out.println(ImageJson.of(args, images));
            }
            case "history" -> {
                need(args, 1, "IMAGE");
                history(images, args.get(0));
            }
            case "tag" -> {
                if (args.size() != 2) {
                    throw new InvalidSpecException("tag takes SOURCE and TARGET, e.g. jailcell tag busybox "
                            + "localhost/box:1");
                }
                images.tag(args.get(0), args.get(1));
            }
            case "prune" -> out.println("Total reclaimed space: " + Humanize.bytes(images.prune(all)));
            default -> throw new InvalidSpecException("unknown image action '" + action
                    + "': use ls, rm, inspect, history, tag or prune");
        }
        return 0;
    }

    private void list(Images images) {
        Table table = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        StringBuilder ids = new StringBuilder();
        Instant now = Instant.now();
        for (ImageInfo i : images.list()) {
            String id = noTrunc ? i.id() : i.shortId();
            ids.append(id).append('\n');
            List<String> names = i.names().isEmpty() ? List.of("<none>:<none>") : i.names();
            for (String n : names) {
                int colon = n.lastIndexOf(':');
                table.row(n.substring(0, colon), n.substring(colon + 1), id, ago(i.created(), now),
                        Humanize.bytes(i.size()));
            }
        }
        if (quiet) {
            out.print(ids);
        } else {
            table.print(out);
        }
    }

    private void history(Images images, String image) {
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        Instant now = Instant.now();
        for (ImageHistory h : images.history(image)) {
            String by = h.createdBy() == null ? "" : h.createdBy();
            if (!noTrunc && by.length() > 45) {
                by = by.substring(0, 44) + "…";
            }
            table.row(h.layerDigest() == null ? "<missing>" : h.layerDigest().substring(7, 19), ago(h.created(), now),
                    by, Humanize.bytes(h.size()), h.comment() == null ? "" : h.comment());
        }
        table.print(out);
    }

    private static String ago(String created, Instant now) {
        if (created == null) {
            return "";
        }
        try {
            return Humanize.ago(Instant.parse(created), now);
        } catch (DateTimeParseException e) {
            return created;
        }
    }

    private static void need(List<String> args, int n, String what) {
        if (args.size() < n) {
            throw new InvalidSpecException("missing " + what);
        }
    }
}

package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jailcell load [-i FILE]}: loads the images of a tar archive ({@code docker save}, {@code podman save},
 * {@code skopeo} docker-archive or oci-archive, plain or gzip'd) from a file or stdin, and prints
 * {@code Loaded image: NAME} for each name, as docker does.
 *
 * <pre>{@code
 * jailcell load -i busybox.tar
 * gunzip -c app.tar.gz | jailcell load
 * }</pre>
 */
@Command(name = "load", description = "Load images from a tar archive or STDIN",
        customSynopsis = "jailcell load [OPTIONS]")
final class LoadCommand extends CliCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from tar archive file, instead of STDIN")
    Path input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    int execute() {
        List<String> names;
        if (input != null) {
            names = ctx.jailcell().images().load(input);
        } else {
            if (System.console() != null) {
                throw new InvalidSpecException("requested load from stdin, but stdin is a terminal: use -i FILE or "
                        + "redirect an archive into jailcell load");
            }
            names = ctx.jailcell().images().load(System.in, null);
        }
        if (!quiet) {
            for (String n : names) {
                out.println("Loaded image: " + n);
            }
        }
        return 0;
    }
}

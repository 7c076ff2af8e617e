package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell save [-o FILE] [--format docker-archive|oci-archive] IMAGE...}: writes images to a tar archive,
 * to stdout without {@code -o} (refused when stdout is a terminal), as docker does. The default format is
 * {@code docker-archive}, what {@code docker load} and {@code podman load} read; {@code oci-archive} is what
 * {@code skopeo ... oci-archive:FILE:TAG} reads.
 *
 * <pre>{@code
 * jailcell save -o busybox.tar busybox
 * jailcell save --format oci-archive localhost/app:1 | gzip > app.oci.tar.gz
 * }</pre>
 */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)",
        customSynopsis = "jailcell save [OPTIONS] IMAGE [IMAGE...]")
final class SaveCommand extends CliCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "docker-archive",
            description = "docker-archive (default) or oci-archive")
    String format;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    int execute() {
        if (output != null) {
            ctx.jailcell().images().save(images, output, format);
            return 0;
        }
        if (out == System.out && System.console() != null) {
            throw new InvalidSpecException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        ctx.jailcell().images().save(images, out, format);
        out.flush();
        if (out.checkError()) {
            throw new InvalidSpecException("writing the archive to stdout failed (was the pipe closed?)");
        }
        return 0;
    }
}

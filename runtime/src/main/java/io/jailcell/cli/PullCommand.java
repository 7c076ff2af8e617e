package io.jailcell.cli;

import io.jailcell.api.RegistryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell pull [--platform OS/ARCH] [--tls-verify=false] [-q] NAME[:TAG|@DIGEST]}: fetches an image from its
 * registry into the store, as {@code docker pull}. Credentials come from {@code jailcell login}.
 *
 * <pre>{@code
 * jailcell pull 127.0.0.1:5000/app:1
 * jailcell pull --platform linux/arm64 docker.io/library/alpine:3.20
 * }</pre>
 */
@Command(name = "pull", description = "Download an image from a registry",
        customSynopsis = "jailcell pull [OPTIONS] NAME[:TAG|@DIGEST]")
final class PullCommand extends CliCommand {
    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Pull this platform of a multi-platform image")
    String platform;

    @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Require HTTPS and verify certificates (default true; loopback registries may use HTTP)")
    boolean tlsVerify;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "NAME")
    String image;

    @Override
    int execute() {
        RegistryOptions o = RegistryOptions.defaults().tlsVerify(tlsVerify);
        if (platform != null) {
            o = o.platform(platform);
        }
        if (!quiet) {
            o = o.listener(new TransferOutput(out, "Pull complete", "Already exists"));
        }
        String name = ctx.jailcell().images().pull(image, o);
        if (!quiet) {
            out.println("Digest: " + ctx.jailcell().images().inspect(name).manifestDigest());
            out.println("Status: Downloaded image for " + name);
        }
        out.println(name);
        return 0;
    }
}

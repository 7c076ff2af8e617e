package io.jailcell.cli;

import io.jailcell.api.RegistryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell push [--tls-verify=false] NAME[:TAG]}: uploads a stored image to the registry its name gives, as
 * {@code docker push}. Tag the image with the registry's name first.
 *
 * <pre>{@code
 * jailcell tag localhost/app:1 127.0.0.1:5000/app:1
 * jailcell push 127.0.0.1:5000/app:1
 * }</pre>
 */
@Command(name = "push", description = "Upload an image to a registry", customSynopsis = "jailcell push [OPTIONS] NAME[:TAG]")
final class PushCommand extends CliCommand {
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
        if (!quiet) {
            o = o.listener(new TransferOutput(out, "Pushed", "Layer already exists"));
        }
        String digest = ctx.jailcell().images().push(image, o);
        out.println((quiet ? "" : "digest: ") + digest);
        return 0;
    }
}

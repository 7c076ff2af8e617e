package io.jailcell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell logout HOST}: forgets the credentials {@code jailcell login} (or docker) stored for a registry.
 *
 * <pre>{@code
 * jailcell logout 127.0.0.1:5000
 * }</pre>
 */
@Command(name = "logout", description = "Log out from a registry", customSynopsis = "jailcell logout SERVER")
final class LogoutCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "SERVER")
    String host;

    @Override
    int execute() {
        boolean had = ctx.jailcell().images().logout(host);
        out.println(had ? "Removing login credentials for " + host : "Not logged in to " + host);
        return 0;
    }
}

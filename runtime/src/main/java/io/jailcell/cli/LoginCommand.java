package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.RegistryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell login [-u USER] [--password-stdin] HOST}: checks credentials
 * against a registry and keeps them in docker's credentials file ({@code ~/.docker/config.json}, or
 * {@code $DOCKER_CONFIG/config.json}, or {@code $REGISTRY_AUTH_FILE}), or in the credential helper that file's
 * {@code credHelpers} or {@code credsStore} names ({@code docker-credential-NAME store}), as docker does. The
 * password is read from stdin or the terminal, never echoed or printed.
 *
 * <pre>{@code
 * echo "$TOKEN" | jailcell login -u alice --password-stdin 127.0.0.1:5000
 * }</pre>
 */
@Command(name = "login", description = "Log in to a registry", customSynopsis = "jailcell login [OPTIONS] SERVER")
final class LoginCommand extends CliCommand {
    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "Password (insecure: it shows in the process list; use --password-stdin)")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin")
    boolean passwordStdin;

    @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Require HTTPS and verify certificates (default true)")
    boolean tlsVerify;

    @Parameters(index = "0", paramLabel = "SERVER")
    String host;

    @Override
    int execute() {
        String secret = password;
        if (passwordStdin) {
            if (password != null) {
                throw new InvalidSpecException("--password and --password-stdin are mutually exclusive");
            }
            secret = readStdin();
        }
        java.io.Console console = System.console();
        if (user == null && console != null) {
            user = console.readLine("Username: ");
        }
        if (secret == null && console != null) {
            char[] p = console.readPassword("Password: ");
            secret = p == null ? null : new String(p);
        }
        if (user == null || user.isBlank() || secret == null || secret.isEmpty()) {
            throw new InvalidSpecException("give a user with -u and the password on stdin with --password-stdin, e.g."
                    + " echo \"$TOKEN\" | jailcell login -u USER --password-stdin " + host);
        }
        ctx.jailcell().images().login(host, user.trim(), secret, RegistryOptions.defaults().tlsVerify(tlsVerify));
        out.println("Login Succeeded");
        return 0;
    }

    private static String readStdin() {
        try {
            String s = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n")
                    ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new InvalidSpecException("cannot read the password from stdin: " + e.getMessage());
        }
    }
}

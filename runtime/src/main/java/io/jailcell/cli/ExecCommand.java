package io.jailcell.cli;

import io.jailcell.api.Container;
import io.jailcell.api.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell exec NAME CMD...}: runs a command inside a running container, in the foreground with this
 * process's stdio; the exit code is the command's (126/127 when it cannot be run).
 */
@Command(name = "exec", description = "Execute a command in a running container",
        customSynopsis = "jailcell exec [OPTIONS] CONTAINER COMMAND [ARG...]", sortOptions = false)
final class ExecCommand extends CliCommand {
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable (KEY alone: its value here, if set)")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open (the command inherits stdin)")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (not supported yet)")
    boolean tty;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    @Override
    int execute() {
        if (tty) {
            throw new InvalidSpecException("-t/--tty is not supported yet: jailcell does not allocate "
                    + "pseudo-terminals; leave out -t (stdin is passed through with -i)");
        }
        List<String> resolved = new ArrayList<>();
        for (String e : env) {
            String kv = SpecOptions.resolveEnv(e);
            if (kv != null) {
                resolved.add(kv);
            }
        }
        Container c = ctx.jailcell().container(container);
        boolean stdin = interactive && ctx.programOut() == null;
        return c.exec(command, resolved, workdir, user, stdin, ctx.programOut(), ctx.programErr()).code();
    }
}

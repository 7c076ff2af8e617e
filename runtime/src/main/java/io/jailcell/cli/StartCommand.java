package io.jailcell.cli;

import io.jailcell.api.Container;
import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Jailcell;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell start NAME...}: starts created containers in the background and prints their names; with
 * {@code -a} one container in the foreground, exiting with its exit code, as {@code docker start -a}.
 */
@Command(name = "start", description = "Start one or more created containers",
        customSynopsis = "jailcell start [OPTIONS] CONTAINER [CONTAINER...]")
final class StartCommand extends CliCommand {
    @Option(names = {"-a", "--attach"}, description = "Attach stdout/stderr and wait for the exit")
    boolean attach;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        Jailcell jc = ctx.jailcell();
        if (attach) {
            if (containers.size() != 1) {
                throw new InvalidSpecException("you cannot start and attach multiple containers at once");
            }
            Container c = jc.container(containers.get(0));
            if (ctx.programOut() != null) {
                return c.startAttached(ctx.programOut(), ctx.programErr()).code();
            }
            try (SignalForwarder forwarder = SignalForwarder.install(c)) {
                return c.startAttached(null, ctx.programErr()).code();
            }
        }
        return forEach(containers, false, name -> {
            Container c = jc.container(name);
            if (!c.isRunning()) { // docker start of a running container is a no-op
                jc.start(c);
            }
            out.println(name);
        });
    }
}

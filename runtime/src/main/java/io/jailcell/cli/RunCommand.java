package io.jailcell.cli;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jailcell run}: creates and starts a container. In the foreground the program writes to this process's
 * stdout and stderr, SIGINT, SIGTERM and SIGHUP are passed on to it, and its exit code (128 + the signal when a
 * signal killed it) is the command's; {@code -d} prints the container id instead.
 */
@Command(name = "run", description = "Create and run a new container from an image",
        customSynopsis = "jailcell run [OPTIONS] IMAGE [COMMAND] [ARG...]", sortOptions = false)
final class RunCommand extends CliCommand {
    @Option(names = {"-d", "--detach"}, description = "Run the container in the background and print its ID")
    boolean detach;

    @Mixin
    SpecOptions options = new SpecOptions();

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    @Override
    boolean quickParse(String[] args) {
        return QuickRunParser.parse(args, options, this);
    }

    @Override
    int execute() {
        ContainerSpec spec = options.toSpec();
        Jailcell jc = ctx.jailcell();
        if (detach) {
            out.println(jc.start(spec).id());
            printNote(jc);
            return 0;
        }
        OutputStream programOut = ctx.programOut();
        Container c = jc.createToStart(spec, programOut, ctx.programErr());
        printNote(jc);
        if (programOut != null) { // in process, with output captured: the signals are not ours to take
            return c.startAttached(programOut, ctx.programErr()).code();
        }
        try (SignalForwarder forwarder = SignalForwarder.install(c)) {
            return c.startAttached(null, ctx.programErr()).code();
        }
    }

    /** Rootless on a bridge network without a way out: one line that says so (no lambda: this is the start path). */
    private void printNote(Jailcell jc) {
        java.util.Optional<String> note = jc.networkNote(options.network);
        if (note.isPresent()) {
            err.println("jailcell: note: " + note.get());
        }
    }
}

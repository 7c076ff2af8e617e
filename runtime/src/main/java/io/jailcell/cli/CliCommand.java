package io.jailcell.cli;

import io.jailcell.api.JailcellException;
import io.jailcell.api.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A subcommand: picocli fills its fields, then {@link #call()} runs it and turns every failure into docker's
 * output and exit code. Subclasses implement {@link #execute()}.
 */
abstract class CliCommand {
    /** docker's exit code for its own failures (not the program's) and for bad command lines. */
    static final int ERROR_EXIT = 125;

    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    CliContext ctx;
    PrintStream out;
    PrintStream err;

    void context(CliContext context) {
        this.ctx = context;
        this.out = context.out;
        this.err = context.err;
    }

    /** Whether the first positional parameter ends the options (an image or container followed by a command). */
    boolean stopsAtPositional() {
        return false;
    }

    /**
     * Fills the fields from {@code args} without picocli, where that is certain to give what picocli would;
     * false when picocli must parse them (then into a fresh instance).
     */
    boolean quickParse(String[] args) {
        return false;
    }

    /** The command's work; returns the exit code. */
    abstract int execute();

    /** Runs the command: {@code jailcell: Error: MESSAGE} and the exception's exit code on failure. */
    final int call() {
        try {
            return execute();
        } catch (JailcellException e) {
            return fail(e, e.exitCode());
        } catch (RuntimeException e) {
            return fail(e, ERROR_EXIT);
        }
    }

    int fail(RuntimeException e, int code) {
        return report(err, e, code, ctx.debug);
    }

    /**
     * Prints {@code jailcell: Error: MESSAGE}; the stack trace only when debugging, and for anything but a
     * {@link JailcellException} (a bug, a broken installation) a hint how to see it. Returns {@code code}.
     */
    static int report(PrintStream err, Throwable e, int code, boolean debug) {
        err.println("jailcell: Error: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
        if (debug) {
            e.printStackTrace(err);
        } else if (!(e instanceof JailcellException)) {
            err.println("(run with JAILCELL_DEBUG=1 to see where it failed)");
        }
        err.flush();
        return code;
    }

    /** Prints {@code warning} and asks {@code Are you sure...? [y/N]}; true only for a y on stdin, as docker. */
    boolean confirm(String warning) {
        out.println(warning);
        out.print("Are you sure you want to continue? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().equalsIgnoreCase("y");
        } catch (IOException e) {
            return false;
        }
    }

    /** One action on one named container. */
    interface ContainerAction {
        void apply(String nameOrId);
    }

    /**
     * Applies {@code action} to every container like {@code docker stop a b c}: a failure is reported and the
     * rest still run; the exit code is that of the first failure, 0 when none failed.
     *
     * @param ignoreMissing a container that does not exist is reported but is no failure ({@code rm -f})
     */
    int forEach(List<String> names, boolean ignoreMissing, ContainerAction action) {
        int code = 0;
        for (String name : names) {
            try {
                action.apply(name);
            } catch (NotFoundException e) {
                int c = fail(e, e.exitCode());
                code = code == 0 && !ignoreMissing ? c : code;
            } catch (JailcellException e) {
                int c = fail(e, e.exitCode());
                code = code == 0 ? c : code;
            }
        }
        return code;
    }
}

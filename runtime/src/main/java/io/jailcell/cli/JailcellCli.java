package io.jailcell.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code jailcell} command: a docker-compatible CLI over {@link io.jailcell.api.Jailcell}. Every subcommand is
 * a thin call of the public API plus formatting; errors print {@code jailcell: Error: MESSAGE} and exit with the
 * exception's {@link io.jailcell.api.JailcellException#exitCode() exit code}, usage errors exit 125, as docker does.
 *
 * <pre>{@code
 * $ jailcell run --rm busybox sh -c 'exit 3'; echo $?
 * 3
 * }</pre>
 *
 * <p>In process (tests, tools), with output captured and a store of one's own:
 * <pre>{@code
 * int code = JailcellCli.execute(new String[] {"--root", "/tmp/store", "ps", "-a"}, System.out, System.err);
 * }</pre>
 *
 * <p>Startup time matters for a CLI that a shell calls in a loop: the global options are parsed by hand, only the
 * one subcommand that runs is instantiated, {@code run} and {@code create} lines are parsed without picocli when
 * they are well-formed ({@link QuickRunParser}), and neither picocli nor Jackson is loaded unless needed.
 */
public final class JailcellCli {
    private JailcellCli() {
    }

    /** Runs one command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line, printing to {@code out} and {@code err}, and returns the exit code. When {@code out}
     * and {@code err} are this process's {@code System.out}/{@code System.err}, a foreground container writes to
     * file descriptors 1 and 2 directly; other streams receive its output copied live.
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean debug = "1".equals(System.getenv("JAILCELL_DEBUG"));
        try {
            return dispatch(args, out, err, debug);
        } catch (RuntimeException | LinkageError e) { // a bug, or a broken installation: still no stack trace
            return CliCommand.report(err, e, CliCommand.ERROR_EXIT, debug);
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err, boolean debug) {
        Path root = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && !args[i].equals("-"); i++) {
            String a = args[i];
            if (a.equals("--root") && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else if (a.startsWith("--root=")) {
                root = Path.of(a.substring("--root=".length()));
            } else if (a.equals("-D") || a.equals("--debug")) {
                debug = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                Commands.printHelp(out);
                return 0;
            } else if (a.equals("-v") || a.equals("--version")) {
                out.println("jailcell version " + VersionCommand.version());
                return 0;
            } else {
                return usageError(err, a.equals("--root") ? "flag needs an argument: --root" : "unknown flag: " + a,
                        "jailcell --help");
            }
        }
        if (i == args.length) {
            Commands.printHelp(out);
            return 0;
        }
        String name = args[i];
        String[] rest = Arrays.copyOfRange(args, i + 1, args.length);
        if (name.equals("help")) {
            if (rest.length == 0) {
                Commands.printHelp(out);
                return 0;
            }
            name = rest[0];
            rest = new String[] {"--help"};
        }
        CliCommand command = Commands.create(name);
        if (command == null) {
            err.println("jailcell: '" + name + "' is not a jailcell command.");
            err.println("See 'jailcell --help'");
            return CliCommand.ERROR_EXIT;
        }
        CliContext context = new CliContext(out, err, root, debug);
        command.context(context);
        if (command.quickParse(rest)) {
            return command.call();
        }
        command = Commands.create(name);
        command.context(context);
        return Picocli.parseAndCall(name, command, rest);
    }

    static int usageError(PrintStream err, String message, String help) {
        err.println("jailcell: " + message);
        err.println("See '" + help + "'.");
        return CliCommand.ERROR_EXIT;
    }
}

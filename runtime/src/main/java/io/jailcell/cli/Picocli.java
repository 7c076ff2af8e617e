package io.jailcell.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parsing with picocli, kept apart from {@link JailcellCli} so that a command line that needs no picocli does not
 * load it (its classes target Java 5 and cannot come from the class-data-sharing archive).
 */
final class Picocli {
    private Picocli() {
    }

    /** Parses {@code args} into {@code command} and runs it; usage errors exit 125, {@code --help} prints usage. */
    static int parseAndCall(String name, CliCommand command, String[] args) {
        CommandLine cl = commandLine(name, command);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            return JailcellCli.usageError(command.err, e.getMessage(), "jailcell " + name + " --help");
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(command.out, CommandLine.Help.Ansi.OFF);
            return 0;
        }
        return command.call();
    }

    /** picocli set up to parse as docker's flag library does. */
    static CommandLine commandLine(String name, CliCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName("jailcell " + name);
        cl.setExpandAtFiles(false); // "@file" is an argument like any other
        cl.setOverwrittenOptionsAllowed(true); // "--name a --name b": the last one counts
        // docker stops parsing options at the image (or container) name: the rest belongs to the program.
        cl.setStopAtPositional(command.stopsAtPositional());
        return cl;
    }
}

package io.jailcell.cli;

import io.jailcell.api.ContainerProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell top CONTAINER}: the running processes of a container, as {@code docker top} prints them, with
 * each one's pid inside the container next to its pid on the host.
 */
@Command(name = "top", description = "Display the running processes of a container",
        customSynopsis = "jailcell top CONTAINER")
final class TopCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    int execute() {
        Table t = new Table("UID", "PID", "PPID", "CONTAINER PID", "TIME", "RSS", "CMD");
        for (ContainerProcess p : ctx.jailcell().container(container).top()) {
            t.row(p.user(), Long.toString(p.pid()), Long.toString(p.parentPid()), Long.toString(p.containerPid()),
                    time(p.cpuNanos()), Humanize.bytes(p.rssBytes()), p.command());
        }
        t.print(out);
        return 0;
    }

    /** ps's {@code [DD-]hh:mm:ss}. */
    static String time(long nanos) {
        long s = nanos / 1_000_000_000L;
        String hms = String.format("%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86400 ? s / 86400 + "-" + hms : hms;
    }
}

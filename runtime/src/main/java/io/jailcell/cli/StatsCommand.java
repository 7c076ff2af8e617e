package io.jailcell.cli;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ContainerStats;
import io.jailcell.api.Jailcell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell stats [--no-stream] [NAME...]}: a live table of the containers' usage from their cgroups, redrawn
 * every second (docker's columns: CPU %, MEM USAGE / LIMIT, MEM %, BLOCK I/O, PIDS), or one sample.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics",
        customSynopsis = "jailcell stats [OPTIONS] [CONTAINER...]")
final class StatsCommand extends CliCommand {
    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    int execute() {
        try {
            return loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int loop() throws InterruptedException {
        Jailcell jc = ctx.jailcell();
        Map<String, ContainerStats> previous = new HashMap<>();
        // A first sample half a second before the first row: the CPU percentage needs an interval.
        for (Container c : select(jc)) {
            previous.put(c.id(), c.stats());
        }
        long previousAt = System.nanoTime();
        Thread.sleep(500);
        for (;;) {
            List<Container> selected = select(jc);
            long now = System.nanoTime();
            Table table = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "BLOCK I/O",
                    "PIDS");
            for (Container c : selected) {
                ContainerStats s = c.stats();
                ContainerStats before = previous.put(c.id(), s);
                double cpu = ContainerStats.cpuPercent(before, s, now - previousAt);
                double memPercent = s.memoryLimit() > 0 ? 100.0 * s.memoryUsage() / s.memoryLimit() : 0;
                table.row(c.id().substring(0, 12), c.name(), percent(cpu),
                        Humanize.bytes(s.memoryUsage()) + " / " + (s.memoryLimit() < 0 ? "unlimited"
                                : Humanize.bytes(s.memoryLimit())), percent(memPercent),
                        Humanize.bytes(s.ioReadBytes()) + " / " + Humanize.bytes(s.ioWriteBytes()),
                        Long.toString(s.pidsCurrent()));
            }
            previousAt = now;
            if (noStream) {
                table.print(out);
                return 0;
            }
            if (!previous.isEmpty() || !containers.isEmpty()) {
                out.print("\033[H\033[2J");
                table.print(out);
                out.flush();
            }
            Thread.sleep(1000);
        }
    }

    private List<Container> select(Jailcell jc) {
        List<Container> selected = new ArrayList<>();
        if (containers.isEmpty()) {
            for (ContainerInfo info : jc.containers(false)) {
                selected.add(jc.container(info.id()));
            }
        } else {
            for (String name : containers) {
                selected.add(jc.container(name));
            }
        }
        return selected;
    }

    private static String percent(double value) {
        return Math.round(value * 100) / 100.0 + "%";
    }
}

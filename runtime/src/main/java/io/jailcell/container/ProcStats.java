package io.jailcell.container;

import io.jailcell.linux.cgroup.CgroupStats;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Usage read from {@code /proc} for a container without a cgroup (rootless without delegation): the processes in
 * its pid namespace, their resident memory and CPU time. Limits are unknown (-1); what cgroups alone know is 0.
 */
final class ProcStats {
    // USER_HZ: /proc/PID/stat counts CPU time in these ticks on every Linux architecture jailcell runs on.
    private static final long NANOS_PER_TICK = 10_000_000;

    private ProcStats() {
    }

    static CgroupStats of(ContainerRecord r) {
        String pidNs = r.namespaceIds().get("pid");
        long memory = 0;
        long cpu = 0;
        long processes = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path proc : procs) {
                String name = proc.getFileName().toString();
                if (!Character.isDigit(name.charAt(0)) || !inContainer(proc, name, r, pidNs)) {
                    continue;
                }
                processes++;
                memory += rssBytes(proc);
                cpu += cpuTicks(proc) * NANOS_PER_TICK;
            }
        } catch (IOException e) {
            return CgroupStats.EMPTY;
        }
        return new CgroupStats(memory, 0, -1, cpu, 0, 0, processes, -1, 0, 0, 0, 0);
    }

    private static boolean inContainer(Path proc, String name, ContainerRecord r, String pidNs) {
        if (name.equals(Long.toString(r.pid()))) {
            return true;
        }
        try {
            String link = Files.readSymbolicLink(proc.resolve("ns/pid")).toString();
            return pidNs != null && link.equals("pid:[" + pidNs + "]") && !pidNs.equals(hostPidNs());
        } catch (IOException e) {
            return false;
        }
    }

    private static String hostPidNs() throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        return link.substring(link.indexOf('[') + 1, link.length() - 1);
    }

    private static long rssBytes(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited meanwhile
        }
        return 0;
    }

    private static long cpuTicks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

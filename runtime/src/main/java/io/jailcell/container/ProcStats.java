package io.jailcell.container;

import io.jailcell.linux.cgroup.CgroupStats;
import java.nio.file.Path;

/**
 * Usage read from {@code /proc} for a container without a cgroup (rootless without delegation): the processes
 * {@link ProcessTable} finds in its pid namespace, their resident memory and CPU time. Limits are unknown (-1);
 * what cgroups alone know is 0.
 */
final class ProcStats {
    private ProcStats() {
    }

    static CgroupStats of(ContainerRecord r) {
        long memory = 0;
        long cpu = 0;
        long processes = 0;
        for (ProcessTable.Process p : new ProcessTable(Path.of("/proc")).of(r)) {
            processes++;
            memory += p.rssBytes();
            cpu += p.cpuNanos();
        }
        return new CgroupStats(memory, 0, -1, cpu, 0, 0, processes, -1, 0, 0, 0, 0);
    }
}

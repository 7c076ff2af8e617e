package io.jailcell.bench;

import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.linux.cgroup.CgroupManager;
import java.util.Arrays;

/**
 * What a container's cgroups cost a start, as {@code CgroupCostBench RUNS}: median milliseconds to create them
 * (in every hierarchy), apply a memory and pids limit, and remove them again, on this host's real cgroupfs. The
 * join itself is a write of "0" by the helper's child, a few microseconds. A benchmark, not a test.
 */
public final class CgroupCostBench {
    private CgroupCostBench() {
    }

    public static void main(String[] args) {
        CgroupManager cgroups = CgroupManager.detect();
        int runs = Integer.parseInt(args[0]);
        CgroupLimits limits = new CgroupLimits(64L << 20, null, null, null, null, null, null, 100L, null);
        double[] create = new double[runs];
        double[] apply = new double[runs];
        double[] remove = new double[runs];
        for (int i = -20; i < runs; i++) {
            String name = "bench-" + ProcessHandle.current().pid() + "-" + (i + 20);
            long t0 = System.nanoTime();
            cgroups.create(name);
            long t1 = System.nanoTime();
            cgroups.apply(name, limits);
            long t2 = System.nanoTime();
            cgroups.remove(name);
            long t3 = System.nanoTime();
            if (i >= 0) {
                create[i] = (t1 - t0) / 1e6;
                apply[i] = (t2 - t1) / 1e6;
                remove[i] = (t3 - t2) / 1e6;
            }
        }
        cgroups.pruneParent();
        System.out.printf("cgroup-%s create_median_ms=%.2f apply_median_ms=%.2f remove_median_ms=%.2f%n",
                cgroups.version(), median(create), median(apply), median(remove));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

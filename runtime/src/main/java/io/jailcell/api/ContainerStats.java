package io.jailcell.api;

/**
 * One sample of what a container uses, read from its cgroup: what {@code jailcell stats} shows.
 *
 * <pre>{@code
 * ContainerStats s = container.stats();
 * System.out.printf("%d of %d bytes, %d processes%n", s.memoryUsage(), s.memoryLimit(), s.pidsCurrent());
 * }</pre>
 *
 * @param memoryLimit    {@code -1} when unlimited
 * @param cpuUsageNanos  CPU time used since the container started
 * @param cpuThrottledNanos time its processes were held back by a CPU quota
 * @param pidsLimit      {@code -1} when unlimited
 * @param oomKills       processes the kernel's OOM killer ended in this container
 * @param pidsLimitHits  forks the pids limit refused
 */
public record ContainerStats(long memoryUsage, long memoryPeak, long memoryLimit, long cpuUsageNanos,
        long cpuThrottledNanos, long cpuThrottledPeriods, long pidsCurrent, long pidsLimit, long ioReadBytes,
        long ioWriteBytes, long oomKills, long pidsLimitHits) {

    /**
     * The "CPU %" of {@code docker stats}: the CPU time the container used between two samples over the wall-clock
     * time between them, where 100 is one core kept busy (and 200 two). It is 0, as docker shows it, when there is no
     * earlier sample yet, when no time has passed, and when the counter did not go up: an idle container, or one
     * restarted in between, whose counter started again from 0.
     *
     * <pre>{@code
     * ContainerStats before = container.stats();
     * long beforeAt = System.nanoTime();
     * Thread.sleep(1000);
     * ContainerStats after = container.stats();
     * double cpu = ContainerStats.cpuPercent(before, after, System.nanoTime() - beforeAt);
     * }</pre>
     *
     * @param earlier      the earlier sample, or {@code null} when this is the first
     * @param later        the later sample
     * @param elapsedNanos wall-clock time between the two samples ({@link System#nanoTime()} apart)
     * @return 0 or more; above 100 when the container used more than one core
     */
    public static double cpuPercent(ContainerStats earlier, ContainerStats later, long elapsedNanos) {
        if (earlier == null || elapsedNanos <= 0) {
            return 0;
        }
        long cpuNanos = later.cpuUsageNanos() - earlier.cpuUsageNanos();
        if (cpuNanos <= 0) {
            return 0;
        }
        return 100.0 * cpuNanos / elapsedNanos;
    }
}

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
}

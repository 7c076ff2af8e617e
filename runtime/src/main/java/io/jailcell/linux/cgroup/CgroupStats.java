package io.jailcell.linux.cgroup;

/**
 * What a container's cgroup has used, read from its interface files at one moment. A value the host does not
 * provide (a controller not mounted, an older kernel) is 0; a limit is -1 when unlimited or unknown.
 *
 * <pre>{@code
 * CgroupStats s = cgroups.stats(id);
 * long percent = s.memoryLimit() < 0 ? -1 : 100 * s.memoryUsage() / s.memoryLimit();
 * double cpuSeconds = s.cpuUsageNanos() / 1e9;
 * }</pre>
 *
 * @param memoryUsage bytes charged now (page cache included, as the kernel counts)
 * @param memoryPeak the most bytes ever charged (0 where the kernel does not record it)
 * @param memoryLimit the memory limit in bytes, -1 when unlimited
 * @param cpuUsageNanos CPU time used, user and system
 * @param cpuThrottledNanos time spent throttled by the CPU quota
 * @param cpuThrottledPeriods the number of periods in which the quota throttled the cgroup
 * @param pidsCurrent processes and threads now
 * @param pidsLimit their limit, -1 when unlimited
 * @param ioReadBytes bytes read from block devices
 * @param ioWriteBytes bytes written to block devices
 * @param oomKills processes the OOM killer killed in the cgroup
 * @param pidsLimitHits forks the pids limit refused ({@code max} in {@code pids.events})
 */
public record CgroupStats(long memoryUsage, long memoryPeak, long memoryLimit, long cpuUsageNanos,
        long cpuThrottledNanos, long cpuThrottledPeriods, long pidsCurrent, long pidsLimit, long ioReadBytes,
        long ioWriteBytes, long oomKills, long pidsLimitHits) {

    /** No cgroup: nothing used, nothing limited. */
    public static final CgroupStats EMPTY = new CgroupStats(0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0);
}

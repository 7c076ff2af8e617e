package io.jailcell.linux.cgroup;

/**
 * The resource limits of a container's cgroup, in docker's units; {@code null} leaves the kernel's default (or, on
 * {@link CgroupManager#apply} of a running container, the current value).
 *
 * <pre>{@code
 * var limits = new CgroupLimits(64L << 20, -1L, 50_000L, 100_000L, 512L, "0-1", null, 100L, 300);
 * cgroups.apply(id, limits.validate());                              // --memory 64m --memory-swap -1 --cpus 0.5 ...
 * var updated = limits.merge(new CgroupLimits(128L << 20, null, null, null, null, null, null, null, null));
 * cgroups.apply(id, updated);                                         // docker update --memory 128m
 * }</pre>
 *
 * @param memoryBytes memory limit, at least 6 MiB; -1 = unlimited
 * @param memorySwapBytes memory plus swap in total, at least {@code memoryBytes}, which it needs; -1 = unlimited
 *         swap. Left alone when null, even when memory is set (docker itself defaults it to twice the memory)
 * @param cpuQuotaMicros CPU time per period, at least 1000 µs; -1 = unlimited ({@code --cpus 0.5} is 50000 of a
 *         100000 period)
 * @param cpuPeriodMicros the CFS period, 1000 to 1000000 µs (kernel default 100000)
 * @param cpuShares relative CPU weight in cgroup v1 units, 2 to 262144 (default 1024)
 * @param cpusetCpus the CPUs allowed, as a list such as {@code 0-3,6}
 * @param cpusetMems the memory nodes allowed, as a list such as {@code 0}
 * @param pidsMax most processes and threads; -1 (or 0, as docker takes it) = unlimited
 * @param blkioWeight relative block I/O weight, 10 to 1000
 */
public record CgroupLimits(Long memoryBytes, Long memorySwapBytes, Long cpuQuotaMicros, Long cpuPeriodMicros,
        Long cpuShares, String cpusetCpus, String cpusetMems, Long pidsMax, Integer blkioWeight) {

    /** No limit at all: everything stays at the kernel's default. */
    public static final CgroupLimits NONE = new CgroupLimits(null, null, null, null, null, null, null, null, null);

    /** The smallest memory limit docker accepts. */
    public static final long MIN_MEMORY_BYTES = 6L << 20;

    public boolean isEmpty() {
        return memoryBytes == null && memorySwapBytes == null && cpuQuotaMicros == null && cpuPeriodMicros == null
                && cpuShares == null && cpusetCpus == null && cpusetMems == null && pidsMax == null
                && blkioWeight == null;
    }

    /** These limits with every non-null field of {@code update} replacing this one's ({@code docker update}). */
    public CgroupLimits merge(CgroupLimits update) {
        return new CgroupLimits(
                update.memoryBytes != null ? update.memoryBytes : memoryBytes,
                update.memorySwapBytes != null ? update.memorySwapBytes : memorySwapBytes,
                update.cpuQuotaMicros != null ? update.cpuQuotaMicros : cpuQuotaMicros,
                update.cpuPeriodMicros != null ? update.cpuPeriodMicros : cpuPeriodMicros,
                update.cpuShares != null ? update.cpuShares : cpuShares,
                update.cpusetCpus != null ? update.cpusetCpus : cpusetCpus,
                update.cpusetMems != null ? update.cpusetMems : cpusetMems,
                update.pidsMax != null ? update.pidsMax : pidsMax,
                update.blkioWeight != null ? update.blkioWeight : blkioWeight);
    }

    /**
     * Checks every value the way docker does, before anything is written; {@link CgroupManager#apply} calls it too.
     *
     * @return this
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public CgroupLimits validate() {
        if (memoryBytes != null && memoryBytes != -1 && memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("Minimum memory limit allowed is 6MB (memory limit " + memoryBytes
                    + " bytes; -1 means unlimited)");
        }
        if (memorySwapBytes != null) {
            if (memoryBytes == null) {
                throw new IllegalArgumentException("You should always set the Memory limit when using Memoryswap "
                        + "limit (memory+swap " + memorySwapBytes + " bytes without a memory limit)");
            }
            if (memorySwapBytes != -1 && (memoryBytes == -1 || memorySwapBytes < memoryBytes)) {
                throw new IllegalArgumentException("Minimum memoryswap limit should be larger than memory limit "
                        + "(memory+swap " + memorySwapBytes + " bytes, memory " + memoryBytes + "); memory+swap "
                        + "is the total of both, -1 means unlimited swap");
            }
        }
        if (cpuQuotaMicros != null && cpuQuotaMicros != -1 && cpuQuotaMicros < 1000) {
            throw new IllegalArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000), got "
                    + cpuQuotaMicros + " µs; -1 means unlimited (--cpus 0.01 is the least)");
        }
        if (cpuPeriodMicros != null && (cpuPeriodMicros < 1000 || cpuPeriodMicros > 1_000_000)) {
            throw new IllegalArgumentException("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than "
                    + "1s (i.e. 1000000), got " + cpuPeriodMicros + " µs");
        }
        if (cpuShares != null && (cpuShares < 2 || cpuShares > 262_144)) {
            throw new IllegalArgumentException("CPU shares must be 2 to 262144 (default 1024), got " + cpuShares);
        }
        checkList(cpusetCpus, "cpus", "0-3,6");
        checkList(cpusetMems, "mems", "0");
        if (blkioWeight != null && (blkioWeight < 10 || blkioWeight > 1000)) {
            throw new IllegalArgumentException("Range of blkio weight is from 10 to 1000, got " + blkioWeight);
        }
        return this;
    }

    // The kernel's list format: comma-separated numbers and ranges "lo-hi" with lo <= hi.
    private static void checkList(String list, String what, String example) {
        if (list == null) {
            return;
        }
        boolean valid = !list.isEmpty();
        for (String item : list.split(",")) {
            int dash = item.indexOf('-');
            String lo = dash < 0 ? item : item.substring(0, dash);
            String hi = dash < 0 ? item : item.substring(dash + 1);
            valid &= digits(lo) && digits(hi) && (dash < 0 || Long.parseLong(lo) <= Long.parseLong(hi));
        }
        if (!valid || list.endsWith(",")) {
            throw new IllegalArgumentException("Invalid value " + list + " for cpuset " + what + ": use numbers "
                    + "and ranges, e.g. " + example);
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

package io.jailcell.api;

import java.util.Locale;

/**
 * A container's resource limits, as {@code docker run} and {@code docker update} take them; {@code null} leaves a
 * limit at the kernel's default. Enforced by the container's cgroup.
 *
 * <pre>{@code
 * Resources r = Resources.NONE.memory("64m").cpus(0.5).pidsLimit(100);
 * container.update(Resources.NONE.memory("128m"));   // only the memory limit changes
 * }</pre>
 *
 * @param memoryBytes     {@code -m}: the memory limit
 * @param memorySwapBytes {@code --memory-swap}: memory plus swap; {@code -1} is unlimited swap
 * @param cpuQuotaMicros  CPU time per period ({@code --cpus} sets it with a 100 ms period)
 * @param cpuPeriodMicros the CFS period
 * @param cpuShares       {@code -c}: the relative CPU weight (1024 is the default)
 * @param cpusetCpus      {@code --cpuset-cpus}, e.g. {@code 0-1} or {@code 0,2}
 * @param cpusetMems      {@code --cpuset-mems}
 * @param pidsLimit       {@code --pids-limit}; {@code -1} is unlimited
 * @param blkioWeight     {@code --blkio-weight}, 10 to 1000
 */
public record Resources(Long memoryBytes, Long memorySwapBytes, Long cpuQuotaMicros, Long cpuPeriodMicros,
        Long cpuShares, String cpusetCpus, String cpusetMems, Long pidsLimit, Integer blkioWeight) {

    /** No limits. */
    public static final Resources NONE = new Resources(null, null, null, null, null, null, null, null, null);

    /** The CFS period {@link #cpus(double)} uses, as docker. */
    public static final long CPU_PERIOD_MICROS = 100_000;

    public Resources memory(String size) {
        return new Resources(parseSize(size, "-m"), memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares,
                cpusetCpus, cpusetMems, pidsLimit, blkioWeight);
    }

    public Resources memorySwap(String size) {
        long bytes = size.trim().equals("-1") ? -1 : parseSize(size, "--memory-swap");
        return new Resources(memoryBytes, bytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus,
                cpusetMems, pidsLimit, blkioWeight);
    }

    public Resources cpus(double cpus) {
        if (!(cpus > 0) || cpus > 4096) {
            throw new InvalidSpecException("invalid --cpus " + cpus + ": give a positive number of CPUs, e.g. 0.5");
        }
        return new Resources(memoryBytes, memorySwapBytes, Math.round(cpus * CPU_PERIOD_MICROS), CPU_PERIOD_MICROS,
                cpuShares, cpusetCpus, cpusetMems, pidsLimit, blkioWeight);
    }

    public Resources cpuShares(long shares) {
        return new Resources(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, shares, cpusetCpus,
                cpusetMems, pidsLimit, blkioWeight);
    }

    public Resources cpusetCpus(String cpus) {
        return new Resources(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpus,
                cpusetMems, pidsLimit, blkioWeight);
    }

    public Resources cpusetMems(String mems) {
        return new Resources(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus,
                mems, pidsLimit, blkioWeight);
    }

    public Resources pidsLimit(long max) {
        return new Resources(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus,
                cpusetMems, max <= 0 ? -1 : max, blkioWeight);
    }

    public Resources blkioWeight(int weight) {
        return new Resources(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus,
                cpusetMems, pidsLimit, weight);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Parses docker's sizes: a number of bytes with an optional {@code b}, {@code k}, {@code m}, {@code g} or
     * {@code t} suffix (powers of 1024), e.g. {@code 32m}.
     */
    public static long parseSize(String size, String option) {
        String s = size == null ? "" : size.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b") && s.length() > 1 && !Character.isDigit(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1); // "32mb" as "32m"
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'b' -> s = s.substring(0, s.length() - 1);
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            double value = Double.parseDouble(s);
            if (value < 0 || s.isEmpty()) {
                throw new NumberFormatException(s);
            }
            return (long) (value * unit);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("invalid size '" + size + "' for " + option + ": use a number with an "
                    + "optional unit b, k, m or g, e.g. 64m");
        }
    }
}

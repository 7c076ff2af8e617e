package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Resources;
import picocli.CommandLine.Option;

/** The resource-limit options {@code run}, {@code create} and {@code update} share, as docker names them. */
final class ResourceOptions {
    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit, e.g. 64m")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES",
            description = "Memory plus swap limit; -1 for unlimited swap")
    String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs, e.g. 0.5")
    String cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU shares (relative weight)")
    String cpuShares;

    @Option(names = "--cpuset-cpus", paramLabel = "LIST", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", paramLabel = "LIST", description = "Memory nodes in which to allow execution")
    String cpusetMems;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Tune container pids limit (-1 for unlimited)")
    String pidsLimit;

    @Option(names = "--blkio-weight", paramLabel = "N", description = "Block IO (relative weight), 10 to 1000")
    String blkioWeight;

    /** Sets the option {@code name} (long form) to {@code value}; false when it is not one of these. */
    boolean set(String name, String value) {
        switch (name) {
            case "--memory" -> memory = value;
            case "--memory-swap" -> memorySwap = value;
            case "--cpus" -> cpus = value;
            case "--cpu-shares" -> cpuShares = value;
            case "--cpuset-cpus" -> cpusetCpus = value;
            case "--cpuset-mems" -> cpusetMems = value;
            case "--pids-limit" -> pidsLimit = value;
            case "--blkio-weight" -> blkioWeight = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The limits given, on top of {@code base}. */
    Resources applyTo(Resources base) {
        Resources r = base;
        if (memory != null) {
            r = r.memory(memory);
        }
        if (memorySwap != null) {
            r = r.memorySwap(memorySwap);
        }
        if (cpus != null) {
            r = r.cpus(number(cpus, "--cpus"));
        }
        if (cpuShares != null) {
            r = r.cpuShares((long) number(cpuShares, "--cpu-shares"));
        }
        if (cpusetCpus != null) {
            r = r.cpusetCpus(cpusetCpus);
        }
        if (cpusetMems != null) {
            r = r.cpusetMems(cpusetMems);
        }
        if (pidsLimit != null) {
            r = r.pidsLimit((long) number(pidsLimit, "--pids-limit"));
        }
        if (blkioWeight != null) {
            r = r.blkioWeight((int) number(blkioWeight, "--blkio-weight"));
        }
        return r;
    }

    private static double number(String value, String option) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("invalid value '" + value + "' for " + option + ": give a number");
        }
    }
}

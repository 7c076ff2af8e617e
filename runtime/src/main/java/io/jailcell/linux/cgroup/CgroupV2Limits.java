package io.jailcell.linux.cgroup;

import java.nio.file.Path;

/**
 * {@link CgroupManager#apply} on cgroup v2: docker's v1-style values converted the way runc converts them, all into
 * the container's one cgroup.
 */
final class CgroupV2Limits {
    private final Path base;
    private final CgroupTree tree;

    CgroupV2Limits(Path base, CgroupTree tree) {
        this.base = base;
        this.tree = tree;
    }

    /** cpu.shares (2..262144, default 1024) to cpu.weight (1..10000, default 100), as runc maps it. */
    static long cpuWeight(long shares) {
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** blkio.weight (10..1000) to io.weight (1..10000), as runc maps it. */
    static long ioWeight(long blkioWeight) {
        return 1 + (blkioWeight - 10) * 9999 / 990;
    }

    void apply(String id, CgroupLimits l) {
        l.validate();
        Path dir = base.resolve(CgroupTree.PARENT).resolve(id);
        if (!tree.exists(dir)) {
            throw new IllegalStateException("cannot apply limits: cgroup " + dir + " does not exist; create it "
                    + "first (CgroupManager.create), or the container was removed");
        }
        LimitWrites w = new LimitWrites(tree);
        if (l.memoryBytes() != null) {
            memory(dir, l.memoryBytes(), l.memorySwapBytes(), w);
        }
        if (l.cpuQuotaMicros() != null || l.cpuPeriodMicros() != null) {
            Path max = file(dir, "cpu.max", "cpu", "CPU quota", w);
            w.add(max, cpuMax(max, l.cpuQuotaMicros(), l.cpuPeriodMicros()), "set the CPU quota", "",
                    "the CPU quota per period cannot exceed what the parent cgroup " + dir.getParent() + " allows");
        }
        if (l.cpuShares() != null) {
            w.add(file(dir, "cpu.weight", "cpu", "CPU shares", w), Long.toString(cpuWeight(l.cpuShares())),
                    "set the CPU weight");
        }
        if (l.cpusetCpus() != null) {
            w.add(file(dir, "cpuset.cpus", "cpuset", "cpuset", w), l.cpusetCpus(), "set the cpuset CPUs", "",
                    "use CPUs this host has (" + base.resolve("cpuset.cpus.effective") + ")");
        }
        if (l.cpusetMems() != null) {
            w.add(file(dir, "cpuset.mems", "cpuset", "cpuset", w), l.cpusetMems(), "set the cpuset memory nodes",
                    "", "use memory nodes this host has (" + base.resolve("cpuset.mems.effective") + ")");
        }
        if (l.pidsMax() != null) {
            w.add(file(dir, "pids.max", "pids", "pids limit", w), l.pidsMax() <= 0 ? "max"
                    : Long.toString(l.pidsMax()), "set the pids limit");
        }
        if (l.blkioWeight() != null) {
            io(dir, l.blkioWeight(), w);
        }
        w.run();
    }

    private Path file(Path dir, String name, String controller, String what, LimitWrites w) {
        return w.require(dir.resolve(name), what, "the " + controller + " controller is not enabled for "
                + "this cgroup: " + base.resolve("cgroup.controllers") + " must list it (as root, enable it in "
                + "the root's cgroup.subtree_control; rootless, ask for a delegated subtree that has it, e.g. "
                + "systemd's Delegate=yes), or leave the " + what + " unset");
    }

    // memory.swap.max is the swap alone, where docker's value is memory plus swap.
    private void memory(Path dir, long memory, Long swap, LimitWrites w) {
        Path max = file(dir, "memory.max", "memory", "memory limit", w);
        w.add(max, memory == -1 ? "max" : Long.toString(memory), "set the memory limit", "the container uses "
                + "more memory (" + dir.resolve("memory.current") + ") than the new limit and the kernel could "
                + "not reclaim enough; choose a higher limit, or free memory in the container first", "");
        if (swap != null) {
            Path swapMax = w.require(dir.resolve("memory.swap.max"), "memory+swap limit",
                    CgroupV1Limits.SWAP_ACCOUNTING_OFF);
            w.add(swapMax, swap == -1 ? "max" : Long.toString(swap - memory), "set the swap limit");
        }
    }

    // The kernel keeps the current period when only a quota is written; a period alone must repeat the quota.
    private String cpuMax(Path max, Long quota, Long period) {
        String q;
        if (quota != null) {
            q = quota == -1 ? "max" : Long.toString(quota);
        } else {
            String current = tree.read(max).trim();
            int space = current.indexOf(' ');
            q = space < 0 ? current : current.substring(0, space);
        }
        return period == null ? q : q + " " + period;
    }

    // io.weight comes with the iocost controller; where it is missing BFQ may offer io.bfq.weight (1..1000, the
    // blkio scale).
    private void io(Path dir, int weight, LimitWrites w) {
        Path ioWeight = dir.resolve("io.weight");
        if (tree.exists(ioWeight)) {
            w.add(ioWeight, "default " + ioWeight(weight), "set the I/O weight");
            return;
        }
        Path bfq = dir.resolve("io.bfq.weight");
        if (tree.exists(bfq)) {
            w.add(bfq, Integer.toString(weight), "set the BFQ I/O weight");
            return;
        }
        throw new IllegalStateException("cannot set the blkio weight: " + ioWeight + " does not exist, nor " + bfq
                + ": the io controller is not enabled for this cgroup (" + base.resolve("cgroup.controllers")
                + " must list it), or the kernel has neither iocost nor the BFQ scheduler (modprobe bfq; echo bfq > "
                + "/sys/block/<disk>/queue/scheduler); or leave blkioWeight unset");
    }
}

package io.jailcell.linux.cgroup;

import java.nio.file.Path;
import java.util.Map;

/** {@link CgroupManager#apply} on cgroup v1: each limit goes to its controller's hierarchy. */
final class CgroupV1Limits {
    static final String SWAP_ACCOUNTING_OFF = "swap accounting is off in this kernel; boot it with swapaccount=1 "
            + "(e.g. add it to GRUB_CMDLINE_LINUX in /etc/default/grub, run update-grub and reboot), or leave "
            + "memorySwapBytes unset";
    static final String NO_CFS_BANDWIDTH = "this kernel has no CPU bandwidth control (CONFIG_CFS_BANDWIDTH); "
            + "leave the CPU quota unset";

    private final Map<String, Path> hierarchies;
    private final CgroupTree tree;

    CgroupV1Limits(Map<String, Path> hierarchies, CgroupTree tree) {
        this.hierarchies = hierarchies;
        this.tree = tree;
    }

    void apply(String id, CgroupLimits l) {
        l.validate();
        LimitWrites w = new LimitWrites(tree);
        if (l.memoryBytes() != null) {
            memory(dir("memory", id, "memory limit"), l.memoryBytes(), l.memorySwapBytes(), w);
        }
        if (l.cpuPeriodMicros() != null || l.cpuQuotaMicros() != null || l.cpuShares() != null) {
            cpu(dir("cpu", id, "CPU limits"), l, w);
        }
        if (l.cpusetCpus() != null || l.cpusetMems() != null) {
            cpuset(dir("cpuset", id, "cpuset"), l.cpusetCpus(), l.cpusetMems(), w);
        }
        if (l.pidsMax() != null) {
            Path file = w.require(dir("pids", id, "pids limit").resolve("pids.max"), "pids limit", "");
            w.add(file, l.pidsMax() <= 0 ? "max" : Long.toString(l.pidsMax()), "set the pids limit");
        }
        if (l.blkioWeight() != null) {
            Path dir = dir("blkio", id, "blkio weight");
            w.add(blkioWeightFile(dir), Integer.toString(l.blkioWeight()), "set the blkio weight");
        }
        w.run();
    }

    private Path dir(String controller, String id, String what) {
        Path mount = hierarchies.get(controller);
        if (mount == null) {
            throw new IllegalStateException("cannot set the " + what + ": the " + controller + " controller is "
                    + "not mounted (cgroup v1); mount it (mkdir /sys/fs/cgroup/" + controller + " && mount -t cgroup "
                    + "-o " + controller + " cgroup /sys/fs/cgroup/" + controller + ") or leave the " + what
                    + " unset");
        }
        Path dir = mount.resolve(CgroupTree.PARENT).resolve(id);
        if (!tree.exists(dir)) {
            throw new IllegalStateException("cannot set the " + what + ": cgroup " + dir + " does not exist; "
                    + "create it first (CgroupManager.create), or the container was removed");
        }
        return dir;
    }

    // The kernel keeps memory <= memory+swap at every moment, so which file goes first depends on where the
    // limits move (as runc does it). An unlimited memory needs an unlimited memory+swap as well.
    private void memory(Path dir, long memory, Long swap, LimitWrites w) {
        Path limit = w.require(dir.resolve("memory.limit_in_bytes"), "memory limit", "");
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        boolean accounted = tree.exists(memsw);
        if (swap == null && memory == -1 && accounted) {
            swap = -1L;
        }
        String busy = "the container uses more memory (" + dir.resolve("memory.usage_in_bytes") + ") than the new "
                + "limit and the kernel could not reclaim enough; choose a higher limit, or free memory in the "
                + "container first";
        if (swap == null) {
            w.add(limit, Long.toString(memory), "set the memory limit", busy, accounted ? "the memory limit cannot "
                    + "exceed the memory+swap limit in " + memsw + "; set memorySwapBytes too (-1 for unlimited swap)"
                    : "");
            return;
        }
        if (!accounted) {
            throw new IllegalStateException("cannot limit memory+swap: " + memsw + " does not exist because "
                    + SWAP_ACCOUNTING_OFF);
        }
        long current = StatFiles.parse(tree.read(limit).trim(), limit);
        String memswValue = Long.toString(swap);
        if (swap == -1 || current < swap) {
            w.add(memsw, memswValue, "set the memory+swap limit");
            w.add(limit, Long.toString(memory), "set the memory limit", busy, "");
        } else {
            w.add(limit, Long.toString(memory), "set the memory limit", busy, "");
            w.add(memsw, memswValue, "set the memory+swap limit", busy, "");
        }
    }

    // The period goes first: the kernel checks the quota against it.
    private void cpu(Path dir, CgroupLimits l, LimitWrites w) {
        String invalid = "the CPU quota per period cannot exceed what the parent cgroup " + dir.getParent()
                + " allows";
        if (l.cpuPeriodMicros() != null) {
            Path period = w.require(dir.resolve("cpu.cfs_period_us"), "CPU period", NO_CFS_BANDWIDTH);
            String value = Long.toString(l.cpuPeriodMicros());
            if (l.cpuQuotaMicros() != null) {
                w.addRetriedAfterNext(period, value, "set the CPU period", invalid);
            } else {
                w.add(period, value, "set the CPU period", "", invalid);
            }
        }
        if (l.cpuQuotaMicros() != null) {
            Path quota = w.require(dir.resolve("cpu.cfs_quota_us"), "CPU quota", NO_CFS_BANDWIDTH);
            w.add(quota, Long.toString(l.cpuQuotaMicros()), "set the CPU quota", "", invalid);
        }
        if (l.cpuShares() != null) {
            Path shares = w.require(dir.resolve("cpu.shares"), "CPU shares", "this kernel has no fair group "
                    + "scheduling (CONFIG_FAIR_GROUP_SCHED); leave the CPU shares unset");
            w.add(shares, Long.toString(l.cpuShares()), "set the CPU shares");
        }
    }

    // A v1 cpuset must stay within its parent's, which create() copied from the root.
    private void cpuset(Path dir, String cpus, String mems, LimitWrites w) {
        if (cpus != null) {
            w.add(w.require(dir.resolve("cpuset.cpus"), "cpuset", ""), cpus, "set the cpuset CPUs", "",
                    within(dir.getParent().resolve("cpuset.cpus"), "CPUs"));
        }
        if (mems != null) {
            w.add(w.require(dir.resolve("cpuset.mems"), "cpuset", ""), mems, "set the cpuset memory nodes", "",
                    within(dir.getParent().resolve("cpuset.mems"), "memory nodes"));
        }
    }

    private String within(Path parentFile, String what) {
        String allowed = tree.readIfExists(parentFile);
        return "use " + what + " this host has, within " + parentFile + " (" + (allowed == null ? "missing"
                : allowed.trim()) + ")";
    }

    // Kernels since 5.0 have no CFQ scheduler and so no blkio.weight; BFQ offers its own.
    private Path blkioWeightFile(Path dir) {
        Path cfq = dir.resolve("blkio.weight");
        if (tree.exists(cfq)) {
            return cfq;
        }
        Path bfq = dir.resolve("blkio.bfq.weight");
        if (tree.exists(bfq)) {
            return bfq;
        }
        throw new IllegalStateException("cannot set the blkio weight: " + cfq + " does not exist, nor " + bfq
                + ": no I/O scheduler with weights (CFQ or BFQ) is available; load BFQ (modprobe bfq) and select it "
                + "for the disk (echo bfq > /sys/block/<disk>/queue/scheduler), or leave blkioWeight unset");
    }
}

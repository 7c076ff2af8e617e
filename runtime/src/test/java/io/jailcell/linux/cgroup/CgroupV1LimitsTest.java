package io.jailcell.linux.cgroup;

import static io.jailcell.linux.cgroup.CgroupLimitsTest.MIB;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.blkio;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.cpu;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1LimitsTest {
    @TempDir
    Path root;

    /** A fake v1 host with the controllers this machine mounts, one hierarchy each but cpu,cpuacct. */
    private CgroupV1Manager manager(FakeCgroupFs fs, String... controllers) throws IOException {
        Map<String, Path> hierarchies = new LinkedHashMap<>();
        for (String name : controllers) {
            Path mount = fs.v1Hierarchy(name);
            for (String controller : name.split(",")) {
                hierarchies.put(controller, mount);
            }
        }
        return new CgroupV1Manager(hierarchies, null, false, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    private CgroupV1Manager created(FakeCgroupFs fs) throws IOException {
        CgroupV1Manager manager = manager(fs, "cpu,cpuacct", "cpuset", "memory", "pids", "blkio");
        manager.create("c1");
        return manager;
    }

    /** The writes after create() (which prepares the cpuset parent: cpus, mems and clone_children). */
    private static List<String> limitWrites(FakeCgroupFs fs) {
        List<String> writes = fs.writes();
        return writes.subList(3, writes.size());
    }

    @Test
    void everyLimitGoesToItsFileWithThePeriodBeforeTheQuota() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);

        manager.apply("c1", new CgroupLimits(64 * MIB, 128 * MIB, 50_000L, 100_000L, 512L, "0-1", "0", 20L, 300));

        assertThat(limitWrites(fs)).containsExactly(
                "memory/jailcell/c1/memory.limit_in_bytes 67108864",
                "memory/jailcell/c1/memory.memsw.limit_in_bytes 134217728",
                "cpu,cpuacct/jailcell/c1/cpu.cfs_period_us 100000",
                "cpu,cpuacct/jailcell/c1/cpu.cfs_quota_us 50000",
                "cpu,cpuacct/jailcell/c1/cpu.shares 512",
                "cpuset/jailcell/c1/cpuset.cpus 0-1",
                "cpuset/jailcell/c1/cpuset.mems 0",
                "pids/jailcell/c1/pids.max 20",
                "blkio/jailcell/c1/blkio.weight 300");
        assertThat(Files.readString(root.resolve("memory/jailcell/c1/memory.limit_in_bytes"))).isEqualTo("67108864\n");
    }

    @Test
    void noLimitsWriteNothing() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);

        manager.apply("c1", CgroupLimits.NONE);

        assertThat(limitWrites(fs)).isEmpty();
    }

    @Test
    void memoryAloneLeavesMemoryAndSwapAlone() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);

        manager.apply("c1", memory(64 * MIB, null));

        assertThat(limitWrites(fs)).containsExactly("memory/jailcell/c1/memory.limit_in_bytes 67108864");
    }

    @Test
    void raisingBothWritesMemoryAndSwapFirstAndLoweringWritesMemoryFirst() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        manager.apply("c1", memory(64 * MIB, 128 * MIB));

        manager.apply("c1", memory(256 * MIB, 512 * MIB));
        manager.apply("c1", memory(32 * MIB, 64 * MIB));

        assertThat(limitWrites(fs)).containsExactly(
                "memory/jailcell/c1/memory.limit_in_bytes 67108864",
                "memory/jailcell/c1/memory.memsw.limit_in_bytes 134217728",
                "memory/jailcell/c1/memory.memsw.limit_in_bytes 536870912",
                "memory/jailcell/c1/memory.limit_in_bytes 268435456",
                "memory/jailcell/c1/memory.limit_in_bytes 33554432",
                "memory/jailcell/c1/memory.memsw.limit_in_bytes 67108864");
    }

    @Test
    void unlimitedMemoryUnlimitsMemoryAndSwapFirstAsTheKernelDemands() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        manager.apply("c1", memory(64 * MIB, 128 * MIB));

        manager.apply("c1", memory(-1L, null));
        manager.apply("c1", memory(64 * MIB, -1L));

        assertThat(limitWrites(fs)).endsWith(
                "memory/jailcell/c1/memory.memsw.limit_in_bytes -1",
                "memory/jailcell/c1/memory.limit_in_bytes -1",
                "memory/jailcell/c1/memory.memsw.limit_in_bytes -1",
                "memory/jailcell/c1/memory.limit_in_bytes 67108864");
    }

    @Test
    void raisingMemoryAboveMemoryAndSwapAloneSaysToSetBoth() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        manager.apply("c1", memory(64 * MIB, 128 * MIB));

        Path memsw = root.resolve("memory/jailcell/c1/memory.memsw.limit_in_bytes");
        assertThatThrownBy(() -> manager.apply("c1", memory(256 * MIB, null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot set the memory limit (writing '268435456' to "
                        + root.resolve("memory/jailcell/c1/memory.limit_in_bytes") + "): invalid argument; the "
                        + "memory limit cannot exceed the memory+swap limit in " + memsw + "; set memorySwapBytes "
                        + "too (-1 for unlimited swap)");
    }

    @Test
    void memoryAndSwapWithoutSwapAccountingSaysHowToTurnItOnAndWritesNothing() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("memory.memsw.limit_in_bytes");
        CgroupV1Manager manager = created(fs);

        assertThatThrownBy(() -> manager.apply("c1",
                new CgroupLimits(64 * MIB, 128 * MIB, null, null, null, null, null, 20L, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot limit memory+swap: "
                        + root.resolve("memory/jailcell/c1/memory.memsw.limit_in_bytes") + " does not exist because "
                        + "swap accounting is off in this kernel; boot it with swapaccount=1");
        assertThat(limitWrites(fs)).isEmpty();

        manager.apply("c1", memory(64 * MIB, null));
        manager.apply("c1", memory(-1L, null));
        assertThat(limitWrites(fs)).containsExactly("memory/jailcell/c1/memory.limit_in_bytes 67108864",
                "memory/jailcell/c1/memory.limit_in_bytes -1");
    }

    @Test
    void aMemoryLimitBelowTheUsageSaysSo() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        Path limit = root.resolve("memory/jailcell/c1/memory.limit_in_bytes");
        fs.failWrite(limit, new IOException("Device or resource busy"));

        assertThatThrownBy(() -> manager.apply("c1", memory(8 * MIB, null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot set the memory limit (writing '8388608' to " + limit + "): device or resource "
                        + "busy; the container uses more memory (" + root.resolve("memory/jailcell/c1/"
                        + "memory.usage_in_bytes") + ") than the new limit and the kernel could not reclaim enough; "
                        + "choose a higher limit, or free memory in the container first");
    }

    @Test
    void unlimitedValuesAreWrittenAsTheKernelSpellsThem() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);

        manager.apply("c1", new CgroupLimits(null, null, -1L, null, null, null, null, -1L, null));
        manager.apply("c1", new CgroupLimits(null, null, 20_000L, null, null, null, null, 0L, null));

        assertThat(limitWrites(fs)).containsExactly(
                "cpu,cpuacct/jailcell/c1/cpu.cfs_quota_us -1",
                "pids/jailcell/c1/pids.max max",
                "cpu,cpuacct/jailcell/c1/cpu.cfs_quota_us 20000",
                "pids/jailcell/c1/pids.max max");
    }

    @Test
    void aPeriodTheKernelRefusesIsTriedAgainAfterTheQuota() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        fs.failWrite(root.resolve("cpu,cpuacct/jailcell/c1/cpu.cfs_period_us"), new IOException("Invalid argument"));

        manager.apply("c1", cpu(10_000L, 20_000L, null));

        assertThat(limitWrites(fs)).containsExactly(
                "cpu,cpuacct/jailcell/c1/cpu.cfs_quota_us 10000",
                "cpu,cpuacct/jailcell/c1/cpu.cfs_period_us 20000");
    }

    @Test
    void newerKernelsGetTheBlkioWeightThroughBfq() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("blkio.weight").withFile("blkio", "blkio.bfq.weight",
                "100");
        CgroupV1Manager manager = created(fs);

        manager.apply("c1", blkio(300));

        assertThat(limitWrites(fs)).containsExactly("blkio/jailcell/c1/blkio.bfq.weight 300");
    }

    @Test
    void withoutAnyBlkioWeightFileTheErrorNamesItAndNothingIsWritten() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("blkio.weight");
        CgroupV1Manager manager = created(fs);

        assertThatThrownBy(() -> manager.apply("c1",
                new CgroupLimits(64 * MIB, null, null, null, null, null, null, null, 300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot set the blkio weight: "
                        + root.resolve("blkio/jailcell/c1/blkio.weight") + " does not exist, nor "
                        + root.resolve("blkio/jailcell/c1/blkio.bfq.weight"))
                .hasMessageContaining("echo bfq > /sys/block/<disk>/queue/scheduler");
        assertThat(limitWrites(fs)).isEmpty();
    }

    @Test
    void aControllerThatIsNotMountedIsNamed() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = manager(fs, "memory");
        manager.create("c1");

        assertThatThrownBy(() -> manager.apply("c1", new CgroupLimits(null, null, null, null, null, null, null,
                20L, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set the pids limit: the pids controller is not mounted (cgroup v1); mount it "
                        + "(mkdir /sys/fs/cgroup/pids && mount -t cgroup -o pids cgroup /sys/fs/cgroup/pids) or leave "
                        + "the pids limit unset");
    }

    @Test
    void aCgroupThatWasNeverCreatedIsNamed() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = manager(fs, "memory");

        assertThatThrownBy(() -> manager.apply("c1", memory(64 * MIB, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set the memory limit: cgroup " + root.resolve("memory/jailcell/c1")
                        + " does not exist; create it first (CgroupManager.create), or the container was removed");
    }

    @Test
    void invalidValuesAreRefusedBeforeAnyWrite() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);

        assertThatThrownBy(() -> manager.apply("c1",
                new CgroupLimits(64 * MIB, null, 500L, null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CPU cfs quota can not be less than 1ms");
        assertThatThrownBy(() -> manager.apply("../x", CgroupLimits.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(limitWrites(fs)).isEmpty();
    }

    @Test
    void aCpusetOutsideTheParentsQuotesTheParentsOnRefusal() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV1Manager manager = created(fs);
        Path cpus = root.resolve("cpuset/jailcell/c1/cpuset.cpus");
        fs.failWrite(cpus, new IOException("Invalid argument"));

        assertThatThrownBy(() -> manager.apply("c1", CgroupLimitsTest.cpuset("7", null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot set the cpuset CPUs (writing '7' to " + cpus + "): invalid argument; use CPUs "
                        + "this host has, within " + root.resolve("cpuset/jailcell/cpuset.cpus") + " (0-3)");
    }
}

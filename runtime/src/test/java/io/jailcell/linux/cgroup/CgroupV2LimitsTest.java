package io.jailcell.linux.cgroup;

import static io.jailcell.linux.cgroup.CgroupLimitsTest.MIB;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.blkio;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.cpu;
import static io.jailcell.linux.cgroup.CgroupLimitsTest.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2LimitsTest {
    private static final String ALL = "cpuset cpu io memory pids";

    @TempDir
    Path root;
    Path base;

    private CgroupV2Manager created(FakeCgroupFs fs, String controllers) throws IOException {
        base = fs.v2Root("cgroup", controllers);
        CgroupV2Manager manager = new CgroupV2Manager(base, true, fs, fs.syscalls(), Duration.ofMillis(200));
        manager.create("c1");
        return manager;
    }

    /** The writes after create() (which enables the controllers). */
    private static List<String> limitWrites(FakeCgroupFs fs) {
        List<String> writes = fs.writes();
        int first = 0;
        while (first < writes.size() && writes.get(first).contains("cgroup.subtree_control")) {
            first++;
        }
        return writes.subList(first, writes.size());
    }

    @Test
    void everyLimitIsConvertedAsRuncConvertsIt() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, ALL);

        manager.apply("c1", new CgroupLimits(64 * MIB, 128 * MIB, 50_000L, 100_000L, 512L, "0-1", "0", 20L, 300));

        assertThat(limitWrites(fs)).containsExactly(
                "cgroup/jailcell/c1/memory.max 67108864",
                "cgroup/jailcell/c1/memory.swap.max 67108864",
                "cgroup/jailcell/c1/cpu.max 50000 100000",
                "cgroup/jailcell/c1/cpu.weight 20",
                "cgroup/jailcell/c1/cpuset.cpus 0-1",
                "cgroup/jailcell/c1/cpuset.mems 0",
                "cgroup/jailcell/c1/pids.max 20",
                "cgroup/jailcell/c1/io.weight default 2930");
    }

    @Test
    void sharesAndBlkioWeightsMapOntoTheV2Ranges() {
        assertThat(CgroupV2Limits.cpuWeight(2)).isEqualTo(1);
        assertThat(CgroupV2Limits.cpuWeight(1024)).isEqualTo(39);
        assertThat(CgroupV2Limits.cpuWeight(262_144)).isEqualTo(10_000);
        assertThat(CgroupV2Limits.ioWeight(10)).isEqualTo(1);
        assertThat(CgroupV2Limits.ioWeight(500)).isEqualTo(4950);
        assertThat(CgroupV2Limits.ioWeight(1000)).isEqualTo(10_000);
    }

    @Test
    void unlimitedIsMax() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, ALL);

        manager.apply("c1", new CgroupLimits(-1L, -1L, -1L, 100_000L, null, null, null, -1L, null));
        manager.apply("c1", memory(64 * MIB, -1L));

        assertThat(limitWrites(fs)).containsExactly(
                "cgroup/jailcell/c1/memory.max max",
                "cgroup/jailcell/c1/memory.swap.max max",
                "cgroup/jailcell/c1/cpu.max max 100000",
                "cgroup/jailcell/c1/pids.max max",
                "cgroup/jailcell/c1/memory.max 67108864",
                "cgroup/jailcell/c1/memory.swap.max max");
    }

    @Test
    void aQuotaAloneKeepsThePeriodAndAPeriodAloneKeepsTheQuota() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, ALL);

        manager.apply("c1", cpu(20_000L, null, null));
        manager.apply("c1", cpu(null, 50_000L, null));

        assertThat(limitWrites(fs)).containsExactly(
                "cgroup/jailcell/c1/cpu.max 20000",
                "cgroup/jailcell/c1/cpu.max 20000 50000");
    }

    @Test
    void memoryAloneLeavesTheSwapAlone() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, ALL);

        manager.apply("c1", memory(64 * MIB, null));

        assertThat(limitWrites(fs)).containsExactly("cgroup/jailcell/c1/memory.max 67108864");
    }

    @Test
    void swapWithoutSwapAccountingSaysHowToTurnItOn() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("memory.swap.max");
        CgroupV2Manager manager = created(fs, ALL);

        assertThatThrownBy(() -> manager.apply("c1", memory(64 * MIB, 128 * MIB)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot set the memory+swap limit: "
                        + base.resolve("jailcell/c1/memory.swap.max") + " does not exist; swap accounting is off in "
                        + "this kernel; boot it with swapaccount=1");
        assertThat(limitWrites(fs)).isEmpty();
    }

    @Test
    void aControllerTheBaseDoesNotOfferIsNamedBeforeAnyWrite() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, "memory pids");

        assertThatThrownBy(() -> manager.apply("c1",
                new CgroupLimits(64 * MIB, null, 50_000L, null, null, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set the CPU quota: " + base.resolve("jailcell/c1/cpu.max") + " does not exist; "
                        + "the cpu controller is not enabled for this cgroup: " + base.resolve("cgroup.controllers")
                        + " must list it (as root, enable it in the root's cgroup.subtree_control; rootless, ask for "
                        + "a delegated subtree that has it, e.g. systemd's Delegate=yes), or leave the CPU quota "
                        + "unset");
        assertThat(limitWrites(fs)).isEmpty();
    }

    @Test
    void withoutIoWeightBfqTakesTheBlkioWeightAsItIs() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutFile("io.weight").withFile("v2:io", "io.bfq.weight",
                "default 100");
        CgroupV2Manager manager = created(fs, ALL);

        manager.apply("c1", blkio(300));

        assertThat(limitWrites(fs)).containsExactly("cgroup/jailcell/c1/io.bfq.weight 300");
    }

    @Test
    void withoutAnyIoWeightTheErrorNamesTheFile() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, "memory pids");

        assertThatThrownBy(() -> manager.apply("c1", blkio(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot set the blkio weight: " + base.resolve("jailcell/c1/io.weight")
                        + " does not exist, nor " + base.resolve("jailcell/c1/io.bfq.weight"));
    }

    @Test
    void aCgroupThatWasNeverCreatedIsNamed() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = created(fs, ALL);

        assertThatThrownBy(() -> manager.apply("c2", memory(64 * MIB, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot apply limits: cgroup " + base.resolve("jailcell/c2") + " does not exist; "
                        + "create it first (CgroupManager.create), or the container was removed");
    }
}

package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2ManagerTest {
    @TempDir
    Path root;

    private CgroupV2Manager manager(FakeCgroupFs fs, Path base) {
        return new CgroupV2Manager(base, true, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    @Test
    void createEnablesTheAvailableControllersOnTheWayDownAndNamesTheProcsFile() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "cpuset cpu io memory hugetlb pids rdma misc");

        Placement placement = manager(fs, base).create("c1");

        assertThat(fs.writes()).containsExactly(
                "cgroup/cgroup.subtree_control +cpuset",
                "cgroup/cgroup.subtree_control +cpu",
                "cgroup/cgroup.subtree_control +io",
                "cgroup/cgroup.subtree_control +memory",
                "cgroup/cgroup.subtree_control +pids",
                "cgroup/jailcell/cgroup.subtree_control +cpuset",
                "cgroup/jailcell/cgroup.subtree_control +cpu",
                "cgroup/jailcell/cgroup.subtree_control +io",
                "cgroup/jailcell/cgroup.subtree_control +memory",
                "cgroup/jailcell/cgroup.subtree_control +pids");
        assertThat(placement.procFiles()).containsExactly(base.resolve("jailcell/c1/cgroup.procs"));
        assertThat(placement.paths()).isEqualTo(Map.of("unified", base.resolve("jailcell/c1")));
        assertThat(Files.readString(base.resolve("jailcell/c1/cgroup.controllers")).trim())
                .isEqualTo("cpuset cpu io memory pids");
    }

    @Test
    void asRoot_theContainersCgroupTakesTheDeviceProgram_delegatedRootlessItDoesNot() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "memory pids");

        CgroupV2Manager rootful = manager(fs, base);
        assertThat(rootful.create("c1").deviceProgramCgroup()).isEqualTo(base.resolve("jailcell/c1"));
        assertThat(rootful.deviceControl()).isEqualTo(DeviceControl.BPF_PROGRAM);

        CgroupV2Manager rootless = new CgroupV2Manager(base, false, fs, fs.syscalls(), Duration.ofMillis(200));
        assertThat(rootless.create("c2").deviceProgramCgroup()).isNull();
        assertThat(rootless.deviceControl()).isEqualTo(DeviceControl.USER_NAMESPACE);
    }

    @Test
    void onlyControllersTheBaseOffersAreEnabledAndOnlyOnce() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "memory pids");
        Files.writeString(base.resolve("cgroup.subtree_control"), "pids\n");
        CgroupV2Manager manager = manager(fs, base);

        manager.create("c1");
        manager.create("c2");

        assertThat(fs.writes()).containsExactly(
                "cgroup/cgroup.subtree_control +memory",
                "cgroup/jailcell/cgroup.subtree_control +memory",
                "cgroup/jailcell/cgroup.subtree_control +pids");
        assertThat(manager.list()).containsExactly("c1", "c2");
    }

    @Test
    void aBaseWithNoControllersStillGetsAGroupForItsProcesses() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "");

        Placement placement = manager(fs, base).create("c1");

        assertThat(fs.writes()).isEmpty();
        assertThat(placement.procFiles()).containsExactly(base.resolve("jailcell/c1/cgroup.procs"));
    }

    @Test
    void removeUsesCgroupKillThenRemovesTheCgroupAndPruneParentTheEmptyParent() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "cpu memory pids");
        CgroupV2Manager manager = manager(fs, base);
        Path dir = manager.create("c1").paths().get("unified");
        fs.addProcess(dir, 100);
        fs.addProcess(dir, 101);

        manager.remove("c1");
        assertThat(manager.list()).isEmpty();
        manager.pruneParent();

        assertThat(fs.writes()).contains("cgroup/jailcell/c1/cgroup.kill 1");
        assertThat(fs.kills()).isEmpty();
        assertThat(base.resolve("jailcell")).doesNotExist();
        assertThat(manager.list()).isEmpty();
    }

    @Test
    void removeWithoutCgroupKillFreezesKillsAndThaws() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutCgroupKill();
        Path base = fs.v2Root("cgroup", "memory");
        CgroupV2Manager manager = manager(fs, base);
        Path dir = manager.create("c1").paths().get("unified");
        fs.addProcess(dir, 100);
        Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 1\n");

        manager.remove("c1");
        assertThat(manager.list()).isEmpty();
        manager.pruneParent();

        assertThat(fs.writes()).containsSubsequence("cgroup/jailcell/c1/cgroup.freeze 1",
                "cgroup/jailcell/c1/cgroup.freeze 0");
        assertThat(fs.kills()).containsExactly("100 9");
        assertThat(base.resolve("jailcell")).doesNotExist();
    }

    @Test
    void removeTakesChildCgroupsTheContainerMadeWithIt() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root).withoutCgroupKill();
        Path base = fs.v2Root("cgroup", "memory");
        CgroupV2Manager manager = manager(fs, base);
        Path dir = manager.create("c1").paths().get("unified");
        fs.mkdir(dir.resolve("init"));
        fs.mkdir(dir.resolve("init/deeper"));
        fs.addProcess(dir.resolve("init/deeper"), 200);

        manager.remove("c1");
        assertThat(manager.list()).isEmpty();
        manager.pruneParent();

        assertThat(fs.kills()).containsExactly("200 9");
        assertThat(base.resolve("jailcell")).doesNotExist();
    }

    @Test
    void removeOfAMissingCgroupDoesNothing() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        CgroupV2Manager manager = manager(fs, fs.v2Root("cgroup", "memory"));

        manager.remove("c1");
        manager.killAll("c1", 15);

        assertThat(fs.writes()).isEmpty();
        assertThat(fs.kills()).isEmpty();
    }

    @Test
    void killAllSignalsEveryProcessOrUsesCgroupKillForSigkill() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "pids");
        CgroupV2Manager manager = manager(fs, base);
        Path dir = manager.create("c1").paths().get("unified");
        fs.addProcess(dir, 100);
        fs.addProcess(dir, 101);

        manager.killAll("c1", 15);
        assertThat(fs.kills()).containsExactly("100 15", "101 15");

        manager.killAll("c1", 9);
        assertThat(fs.writes()).endsWith("cgroup/jailcell/c1/cgroup.kill 1");
        assertThat(Files.readString(dir.resolve("cgroup.procs"))).isBlank();
    }

    @Test
    void aBaseWithProcessesOfItsOwnIsExplainedAndNothingIsLeftBehind() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path mount = fs.v2Root("cgroup", "memory pids");
        Path app = mount.resolve("app.slice");
        fs.write(mount.resolve("cgroup.subtree_control"), "+memory");
        fs.mkdir(app);
        fs.addProcess(app, 4242);

        assertThatThrownBy(() -> manager(fs, app).create("c1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot enable the memory controller below " + app + " (writing '+memory' to "
                        + app.resolve("cgroup.subtree_control") + "): device or resource busy; cgroup v2 hands "
                        + "controllers only to the children of a cgroup without processes of its own: move its "
                        + "processes into a leaf cgroup (e.g. a new child 'init'), or give jailcell a delegated "
                        + "cgroup that has none");
        assertThat(app.resolve("jailcell")).doesNotExist();
    }

    @Test
    void remakesTheParentWhenAConcurrentRemovePrunedIt() throws IOException {
        FakeCgroupFs fs = new FakeCgroupFs(root);
        Path base = fs.v2Root("cgroup", "memory");
        fs.afterMkdir(base.resolve("jailcell"), () -> fs.rmdir(base.resolve("jailcell")));

        Placement placement = manager(fs, base).create("c2");

        assertThat(placement.procFiles()).allSatisfy(f -> assertThat(f).exists());
        assertThat(fs.writes()).containsExactly(
                "cgroup/cgroup.subtree_control +memory",
                "cgroup/jailcell/cgroup.subtree_control +memory");
    }
}

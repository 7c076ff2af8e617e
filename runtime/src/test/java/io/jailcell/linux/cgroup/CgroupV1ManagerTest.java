package io.jailcell.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1ManagerTest {
    @TempDir
    Path root;
    FakeCgroupFs fs;
    Path cpu;
    Path cpuset;
    Path memory;
    Path freezer;
    Path pids;
    CgroupV1Manager manager;

    @BeforeEach
    void setUp() throws IOException {
        fs = new FakeCgroupFs(root);
        cpu = fs.v1Hierarchy("cpu,cpuacct");
        cpuset = fs.v1Hierarchy("cpuset");
        memory = fs.v1Hierarchy("memory");
        freezer = fs.v1Hierarchy("freezer");
        pids = fs.v1Hierarchy("pids");
        Map<String, Path> hierarchies = new LinkedHashMap<>();
        hierarchies.put("cpu", cpu);
        hierarchies.put("cpuacct", cpu);
        hierarchies.put("cpuset", cpuset);
        hierarchies.put("memory", memory);
        hierarchies.put("freezer", freezer);
        hierarchies.put("pids", pids);
        manager = new CgroupV1Manager(hierarchies, null, false, fs, fs.syscalls(), Duration.ofMillis(200));
    }

    @Test
    void createMakesOneCgroupPerHierarchyAndNamesItsProcsFiles() {
        Placement placement = manager.create("c1");

        assertThat(placement.procFiles()).containsExactly(
                root.resolve("cpu,cpuacct/jailcell/c1/cgroup.procs"),
                root.resolve("cpuset/jailcell/c1/cgroup.procs"),
                root.resolve("memory/jailcell/c1/cgroup.procs"),
                root.resolve("freezer/jailcell/c1/cgroup.procs"),
                root.resolve("pids/jailcell/c1/cgroup.procs"));
        assertThat(placement.paths()).containsExactly(
                Map.entry("cpu", root.resolve("cpu,cpuacct/jailcell/c1")),
                Map.entry("cpuacct", root.resolve("cpu,cpuacct/jailcell/c1")),
                Map.entry("cpuset", root.resolve("cpuset/jailcell/c1")),
                Map.entry("memory", root.resolve("memory/jailcell/c1")),
                Map.entry("freezer", root.resolve("freezer/jailcell/c1")),
                Map.entry("pids", root.resolve("pids/jailcell/c1")));
        assertThat(placement.paths().values()).allSatisfy(dir -> assertThat(dir).isDirectory());
        assertThat(manager.version()).isEqualTo("v1");
    }

    @Test
    void createCopiesCpusetCpusAndMemsToTheParentWhichPassesThemOnToEachContainer() throws IOException {
        manager.create("c1");

        assertThat(fs.writes()).containsExactly(
                "cpuset/jailcell/cpuset.cpus 0-3",
                "cpuset/jailcell/cpuset.mems 0",
                "cpuset/jailcell/cgroup.clone_children 1");
        assertThat(Files.readString(cpuset.resolve("jailcell/c1/cpuset.cpus"))).isEqualTo("0-3\n");
        assertThat(Files.readString(cpuset.resolve("jailcell/c1/cpuset.mems"))).isEqualTo("0\n");
    }

    @Test
    void createCopiesCpusetCpusAndMemsItselfWhereTheParentCannotPassThemOn() throws IOException {
        fs.failWrite(cpuset.resolve("jailcell/cgroup.clone_children"), new AccessDeniedException("clone_children"));

        manager.create("c1");

        assertThat(fs.writes()).containsExactly(
                "cpuset/jailcell/cpuset.cpus 0-3",
                "cpuset/jailcell/cpuset.mems 0",
                "cpuset/jailcell/c1/cpuset.cpus 0-3",
                "cpuset/jailcell/c1/cpuset.mems 0");
        assertThat(Files.readString(cpuset.resolve("jailcell/c1/cpuset.cpus"))).isEqualTo("0-3\n");
    }

    @Test
    void createIsIdempotentAndASecondContainerReusesTheParent() throws IOException {
        manager.create("c1");
        manager.create("c1");
        manager.create("c2");

        assertThat(fs.writes()).containsExactly(
                "cpuset/jailcell/cpuset.cpus 0-3",
                "cpuset/jailcell/cpuset.mems 0",
                "cpuset/jailcell/cgroup.clone_children 1");
        assertThat(Files.readString(cpuset.resolve("jailcell/c2/cpuset.cpus"))).isEqualTo("0-3\n");
        assertThat(manager.list()).containsExactly("c1", "c2");
    }

    @Test
    void aParentRemovedAndMadeAgainIsPreparedAgain() throws IOException {
        manager.create("c1");
        manager.remove("c1");
        manager.pruneParent();

        manager.create("c2");

        assertThat(fs.writes()).containsExactly(
                "cpuset/jailcell/cpuset.cpus 0-3",
                "cpuset/jailcell/cpuset.mems 0",
                "cpuset/jailcell/cgroup.clone_children 1",
                "cpuset/jailcell/cpuset.cpus 0-3",
                "cpuset/jailcell/cpuset.mems 0",
                "cpuset/jailcell/cgroup.clone_children 1");
        assertThat(Files.readString(cpuset.resolve("jailcell/c2/cpuset.mems"))).isEqualTo("0\n");
    }

    @Test
    void removeFreezesKillsEveryProcessThawsAndRemovesTheCgroupsAndPruneParentTheEmptyParent() throws IOException {
        Placement placement = manager.create("c1");
        for (String controller : List.of("cpu", "memory", "freezer", "pids")) {
            fs.addProcess(placement.paths().get(controller), 100);
        }
        fs.addProcess(placement.paths().get("memory"), 101);

        manager.remove("c1");
        assertThat(manager.list()).isEmpty();
        manager.pruneParent();

        assertThat(fs.kills()).containsExactly("100 9", "101 9");
        assertThat(fs.writes()).containsSubsequence("freezer/jailcell/c1/freezer.state FROZEN",
                "freezer/jailcell/c1/freezer.state THAWED");
        for (Path mount : List.of(cpu, cpuset, memory, freezer, pids)) {
            assertThat(mount.resolve("jailcell")).doesNotExist();
        }
        assertThat(manager.list()).isEmpty();
    }

    @Test
    void removeKeepsTheParentWhileAnotherContainerUsesIt() {
        manager.create("c1");
        manager.create("c2");

        manager.remove("c1");

        assertThat(memory.resolve("jailcell/c1")).doesNotExist();
        assertThat(memory.resolve("jailcell/c2")).isDirectory();
        assertThat(manager.list()).containsExactly("c2");
    }

    @Test
    void removeOfAMissingCgroupDoesNothing() {
        manager.remove("never-made");

        assertThat(fs.kills()).isEmpty();
        assertThat(fs.writes()).isEmpty();
    }

    @Test
    void removeAlsoCleansUpAHalfMadeCgroup() throws IOException {
        Files.createDirectories(memory.resolve("jailcell/c1"));
        Files.writeString(memory.resolve("jailcell/cgroup.procs"), "");
        Files.writeString(memory.resolve("jailcell/c1/cgroup.procs"), "");

        assertThat(manager.list()).containsExactly("c1");
        manager.remove("c1");
        assertThat(manager.list()).isEmpty();
        manager.pruneParent();

        assertThat(memory.resolve("jailcell")).doesNotExist();
    }

    @Test
    void removeGivesUpOnAProcessThatWillNotDieAndSaysWhich() throws IOException {
        Placement placement = manager.create("c1");
        fs.addProcess(placement.paths().get("memory"), 666);
        fs.stubborn(666);

        assertThatThrownBy(() -> manager.remove("c1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot remove cgroup " + memory.resolve("jailcell/c1"))
                .hasMessageContaining("device or resource busy")
                .hasMessageContaining("processes still in it: [666]");
        assertThat(fs.kills()).hasSizeGreaterThan(1).allMatch(k -> k.equals("666 9"));
    }

    @Test
    void killAllSendsTheSignalToEveryProcessWithoutFreezing() throws IOException {
        Placement placement = manager.create("c1");
        fs.addProcess(placement.paths().get("memory"), 100);
        fs.addProcess(placement.paths().get("pids"), 100);
        fs.addProcess(placement.paths().get("pids"), 102);

        manager.killAll("c1", 15);

        assertThat(fs.kills()).containsExactly("100 15", "102 15");
        assertThat(fs.writes()).noneMatch(w -> w.contains("freezer.state"));
    }

    @Test
    void killAllOfAMissingCgroupDoesNothing() {
        manager.killAll("c1", 9);

        assertThat(fs.kills()).isEmpty();
    }

    @Test
    void listIsTheUnionOverHierarchiesAndSkipsWhatIsNoContainer() throws IOException {
        Files.createDirectories(memory.resolve("jailcell/b"));
        Files.createDirectories(pids.resolve("jailcell/a"));
        Files.createDirectories(pids.resolve("jailcell/.hidden"));
        Files.writeString(pids.resolve("jailcell/cgroup.procs"), "");

        assertThat(manager.list()).containsExactly("a", "b");
    }

    @Test
    void aRefusedMkdirSaysWhichCgroupAndWhatToDoAndUndoesTheRest() {
        Path refused = memory.resolve("jailcell/c1");
        fs.failMkdir(refused, new AccessDeniedException(refused.toString()));

        assertThatThrownBy(() -> manager.create("c1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot create cgroup " + refused + ": permission denied; run as root or delegate a "
                        + "cgroup v2 subtree to this user");
        assertThat(cpu.resolve("jailcell")).doesNotExist();
        assertThat(cpuset.resolve("jailcell")).doesNotExist();
        assertThat(memory.resolve("jailcell")).doesNotExist();
    }

    @Test
    void idsThatCannotNameADirectoryAreRefused() {
        for (String id : List.of("", "..", "a/b", ".x", "-x", "a b")) {
            assertThatThrownBy(() -> manager.create(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot name a cgroup");
        }
    }
}

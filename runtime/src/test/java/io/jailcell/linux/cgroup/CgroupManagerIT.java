package io.jailcell.linux.cgroup;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.linux.Host;
import io.jailcell.linux.Signals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detected manager on this machine's real cgroupfs, as root. */
class CgroupManagerIT {
    private static final long MIB = 1L << 20;
    private CgroupManager manager;
    private String id;
    private final List<Process> processes = new ArrayList<>();
    private final Set<Path> parents = new LinkedHashSet<>();

    @BeforeEach
    void setUp() {
        assumeTrue(Host.isRoot(), "cgroup integration tests need root");
        manager = CgroupManager.detect();
        assumeTrue(manager.unavailableReason().isEmpty(), () -> manager.unavailableReason().orElseThrow());
        id = "it-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(5, SECONDS);
        }
        if (manager == null || id == null) {
            return;
        }
        try {
            manager.remove(id);
        } finally {
            for (Path parent : parents) {
                try {
                    Files.deleteIfExists(parent);
                } catch (IOException e) {
                    // another container's cgroup is in it
                }
            }
        }
    }

    private Placement create() {
        Placement placement = manager.create(id);
        placement.paths().values().forEach(dir -> parents.add(dir.getParent()));
        return placement;
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    @Test
    void aJoinedProcessIsInTheCgroupOfEveryHierarchyAndRemoveKillsItAndTheCgroups() throws Exception {
        assertThat(manager.list()).doesNotContain(id);
        Placement placement = create();
        assertThat(manager.list()).contains(id);
        assertThat(placement.procFiles()).isNotEmpty().allSatisfy(f -> assertThat(f).exists());

        Process sleep = start("sleep", "30");
        placement.join(sleep.pid());

        List<String> membership = Files.readAllLines(Path.of("/proc", Long.toString(sleep.pid()), "cgroup"));
        if (manager.version().equals("v2")) {
            assertThat(membership).anyMatch(l -> l.startsWith("0::") && l.endsWith("/jailcell/" + id));
        } else {
            for (String controller : placement.paths().keySet()) {
                assertThat(membership).as("membership for %s", controller).anyMatch(line -> {
                    String[] fields = line.split(":", 3);
                    return List.of(fields[1].split(",")).contains(controller)
                            && fields[2].endsWith("/jailcell/" + id);
                });
            }
        }

        manager.remove(id);

        assertThat(sleep.waitFor(5, SECONDS)).isTrue();
        assertThat(sleep.exitValue()).isEqualTo(128 + Signals.SIGKILL);
        assertThat(placement.paths().values()).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(manager.list()).doesNotContain(id);
    }

    @Test
    void killAllSignalsEveryProcessInTheCgroup() throws Exception {
        Placement placement = create();
        Process first = start("sleep", "30");
        Process second = start("sleep", "30");
        placement.join(first.pid());
        placement.join(second.pid());

        manager.killAll(id, Signals.SIGTERM);

        assertThat(first.waitFor(5, SECONDS)).isTrue();
        assertThat(second.waitFor(5, SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(128 + Signals.SIGTERM);
        assertThat(second.exitValue()).isEqualTo(128 + Signals.SIGTERM);
    }

    @Test
    void removeAlsoKillsWhatTheJoinedProcessForked() throws Exception {
        Placement placement = create();
        Process shell = start("sh", "-c", "read go; sleep 30 & echo $!; wait");
        placement.join(shell.pid());
        shell.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
        shell.getOutputStream().flush();
        long grandchild;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                StandardCharsets.US_ASCII))) {
            grandchild = Long.parseLong(out.readLine().trim());
        }
        assertThat(Files.readString(Path.of("/proc", Long.toString(grandchild), "cgroup"))).contains("/jailcell/" + id);

        manager.remove(id);

        assertThat(shell.waitFor(5, SECONDS)).isTrue();
        assertThat(gone(grandchild)).isTrue();
        assertThat(placement.paths().values()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void limitsLandInTheKernelsFilesAndStatsReadThemBack() throws Exception {
        Placement placement = create();
        Map<String, Path> dirs = placement.paths();
        boolean v1 = manager.version().equals("v1");
        Path blkio = v1 ? dirs.get("blkio") : dirs.get("unified");
        boolean weighted = blkio != null && (Files.exists(blkio.resolve(v1 ? "blkio.weight" : "io.weight"))
                || Files.exists(blkio.resolve(v1 ? "blkio.bfq.weight" : "io.bfq.weight")));
        CgroupLimits limits = new CgroupLimits(64 * MIB, null, 50_000L, 100_000L, 512L, null, null, 20L,
                weighted ? 300 : null);

        manager.apply(id, limits);

        if (v1) {
            assertThat(read(dirs.get("memory"), "memory.limit_in_bytes")).isEqualTo(Long.toString(64 * MIB));
            assertThat(read(dirs.get("pids"), "pids.max")).isEqualTo("20");
            assertThat(read(dirs.get("cpu"), "cpu.cfs_period_us")).isEqualTo("100000");
            assertThat(read(dirs.get("cpu"), "cpu.cfs_quota_us")).isEqualTo("50000");
            assertThat(read(dirs.get("cpu"), "cpu.shares")).isEqualTo("512");
            if (weighted) {
                String file = Files.exists(blkio.resolve("blkio.weight")) ? "blkio.weight" : "blkio.bfq.weight";
                assertThat(read(blkio, file)).endsWith("300");
            }
        } else {
            Path dir = dirs.get("unified");
            assertThat(read(dir, "memory.max")).isEqualTo(Long.toString(64 * MIB));
            assertThat(read(dir, "pids.max")).isEqualTo("20");
            assertThat(read(dir, "cpu.max")).isEqualTo("50000 100000");
            assertThat(read(dir, "cpu.weight")).isEqualTo("20");
        }

        Process sleep = start("sleep", "30");
        placement.join(sleep.pid());
        CgroupStats stats = manager.stats(id);
        assertThat(stats.pidsCurrent()).isGreaterThanOrEqualTo(1);
        assertThat(stats.pidsLimit()).isEqualTo(20);
        assertThat(stats.memoryLimit()).isEqualTo(64 * MIB);
        // memoryUsage may be 0: v1 leaves what sleep allocated before joining charged to its old cgroup
        assertThat(manager.files(id)).containsKey(v1 ? "memory" : "unified");
        assertThat(manager.files(id).get(v1 ? "memory" : "unified"))
                .containsEntry(v1 ? "memory.limit_in_bytes" : "memory.max", Long.toString(64 * MIB));

        // docker update on the running container
        manager.apply(id, limits.merge(new CgroupLimits(128 * MIB, null, -1L, null, null, null, null, -1L, null)));

        assertThat(manager.stats(id).memoryLimit()).isEqualTo(128 * MIB);
        assertThat(manager.stats(id).pidsLimit()).isEqualTo(-1);
        assertThat(read(v1 ? dirs.get("cpu") : dirs.get("unified"), v1 ? "cpu.cfs_quota_us" : "cpu.max"))
                .isEqualTo(v1 ? "-1" : "max 100000");
        assertThat(sleep.isAlive()).isTrue();
    }

    @Test
    void memoryAndSwapCanBeRaisedAndLoweredInEitherDirection() {
        Placement placement = create();
        Path memory = placement.paths().get(manager.version().equals("v1") ? "memory" : "unified");
        assumeTrue(memory != null && (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))
                || Files.exists(memory.resolve("memory.swap.max"))), "swap accounting is off");

        for (long mib : new long[] {64, 256, 32, 512}) {
            manager.apply(id, new CgroupLimits(mib * MIB, 2 * mib * MIB, null, null, null, null, null, null, null));
            assertThat(manager.stats(id).memoryLimit()).isEqualTo(mib * MIB);
        }
        manager.apply(id, new CgroupLimits(-1L, null, null, null, null, null, null, null, null));
        assertThat(manager.stats(id).memoryLimit()).isEqualTo(-1);
    }

    // The kernel takes one rule per write(2) and drops the rest of a longer write without an error: all must land.
    @Test
    void everyDefaultDeviceRuleLandsInTheV1DevicesController() throws IOException {
        assumeTrue(manager.deviceControl() == DeviceControl.V1_CONTROLLER, "needs the v1 devices controller");
        Path devices = create().paths().get("devices");
        List<String> expected = new ArrayList<>();
        for (DeviceRule rule : DeviceRule.DOCKER_DEFAULTS) {
            expected.add(rule.toString());
        }
        assertThat(Files.readAllLines(devices.resolve("devices.list"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    // The kernel copies them down (cgroup.clone_children on the parent); without cpus and mems no task may join.
    @Test
    void aV1CpusetGetsTheCpusAndMemsOfTheHostAndAProcessCanJoinIt() throws Exception {
        Path cpuset = create().paths().get("cpuset");
        assumeTrue(cpuset != null && Files.exists(cpuset.resolve("cpuset.cpus")), "needs the v1 cpuset controller");
        Path root = cpuset.getParent().getParent();
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            assertThat(Files.readString(cpuset.resolve(file)).trim()).as(file)
                    .isNotEmpty().isEqualTo(Files.readString(root.resolve(file)).trim());
        }
        Process sleeper = start("sleep", "30");
        manager.create(id).join(sleeper.pid());
        assertThat(Files.readAllLines(cpuset.resolve("cgroup.procs"))).contains(Long.toString(sleeper.pid()));
    }

    @Test
    void statsAndFilesOfACgroupThatDoesNotExistAreEmpty() {
        assertThat(manager.stats(id)).isEqualTo(CgroupStats.EMPTY);
        assertThat(manager.files(id)).isEmpty();
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file)).trim();
    }

    @Test
    void removingACgroupThatDoesNotExistIsFine() {
        manager.remove(id);
        manager.killAll(id, Signals.SIGKILL);

        assertThat(manager.list()).doesNotContain(id);
    }

    // Dead, or a zombie waiting for whoever inherited it.
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}

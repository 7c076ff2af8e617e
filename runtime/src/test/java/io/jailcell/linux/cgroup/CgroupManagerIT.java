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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detected manager on this machine's real cgroupfs, as root. */
class CgroupManagerIT {
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

package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each container has its own cgroup, which exec joins and which goes away with the container. */
class CgroupsIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void container_andItsExec_liveInTheContainersCgroup_whichItSeesAsRoot() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30"));
        try {
            long pid = c.inspect().pid();
            List<String> hostView = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
            // Named STOREKEY-ID under the jailcell parent, in every hierarchy.
            assertThat(hostView).anyMatch(l -> l.contains("/jailcell/") && l.endsWith("-" + c.id()));
            RunResult inside = c.exec("sh", "-c", "cat /proc/self/cgroup; cat /proc/1/cgroup");
            // A cgroup namespace rooted at the container's cgroup: every line ends in ":/".
            assertThat(inside.stdout().lines().toList()).isNotEmpty().allMatch(l -> l.endsWith(":/"));
        } finally {
            c.remove(true);
        }
        store.jc.awaitCleanup();
        assertThat(cgroupDirsOf(c.id())).isEmpty();
    }

    @Test
    void pidHost_pid1Exit_stillTakesItsChildrenDown() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", "sleep 300 & echo $!; sleep 0.5")
                .namespace("pid", "host"));
        ExitStatus exit = c.waitFor();
        assertThat(exit.success()).isTrue();
        long orphan = Long.parseLong(c.logs().trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                .as("the background sleep, outside any pid namespace, is killed with the cgroup").isFalse();
        c.remove();
        store.jc.awaitCleanup();
        assertThat(cgroupDirsOf(c.id())).isEmpty();
    }

    @Test
    void cgroupTree_showsRootJailcellAndTheContainerWithItsProcess() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").name("treed"));
        try {
            long pid = c.inspect().pid();
            java.util.Map<String, CgroupNode> trees = store.jc.cgroupTree();
            assertThat(trees).isNotEmpty();
            for (CgroupNode root : trees.values()) {
                assertThat(root.name()).isEqualTo("/");
                CgroupNode parent = root.children().get(0);
                assertThat(parent.name()).isEqualTo("jailcell");
                assertThat(parent.children()).filteredOn(n -> n.name().equals("treed")).singleElement()
                        .satisfies(n -> assertThat(n.pids()).containsExactly(pid));
            }
        } finally {
            c.remove(true);
        }
    }

    static List<Path> cgroupDirsOf(String id) throws Exception {
        TestStore.jailcellCgroups(); // waits for helpers still removing theirs
        try (Stream<Path> dirs = Files.find(Path.of("/sys/fs/cgroup"), 4,
                (p, a) -> a.isDirectory() && p.getFileName().toString().endsWith(id))) {
            return dirs.toList();
        }
    }
}

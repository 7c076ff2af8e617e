package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a process sees from inside a default container: its own pid numbering, hostname, root and mounts. */
class NamespacesIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static RunResult sh(String script) {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", script).autoRemove(true));
        assertThat(r.exit().code()).as(r.stderr()).isZero();
        return r;
    }

    @Test
    void run_programIsPid1() {
        assertThat(sh("echo $$").stdout().trim()).isEqualTo("1");
    }

    @Test
    void run_psSeesOnlyTheContainersProcesses() {
        // Wait until the background job has exec'd sleep; "; true" keeps sh from exec'ing ps in its place.
        String ps = sh("sleep 5 & until grep -q sleep /proc/2/comm; do :; done; ps -o pid,comm; true").stdout();
        List<String> rows = ps.lines().skip(1).map(String::trim).toList();
        assertThat(rows).hasSize(3).contains("1 sh", "2 sleep");
        assertThat(rows.get(2)).endsWith(" ps");
    }

    @Test
    void run_hostnameIsTheContainersOwn() {
        RunResult named = store.jc.run(ContainerSpec.of("busybox", "hostname").hostname("cell7").autoRemove(true));
        assertThat(named.stdout().trim()).isEqualTo("cell7");
        RunResult byId = store.jc.run(ContainerSpec.of("busybox", "hostname"));
        assertThat(byId.stdout().trim()).isEqualTo(byId.containerId().substring(0, 12));
    }

    @Test
    void run_rootIsTheImageAndHostMountsAreInvisible() throws Exception {
        String marker = "jc-host-only-" + System.nanoTime();
        Path hostFile = Files.createFile(Path.of("/tmp", marker));
        try {
            RunResult r = sh("ls / ; test -e /tmp/" + marker + " && echo LEAK; cat /proc/self/mountinfo");
            assertThat(r.stdout()).contains("bin\n", "linuxrc\n").doesNotContain("LEAK");
            assertThat(r.stdout()).doesNotContain(" /work ", "/sys/fs/cgroup");
            assertThat(r.stdout().lines().filter(l -> l.contains(" / / ")).findFirst()).get().asString()
                    .contains("overlay");
        } finally {
            Files.delete(hostFile);
        }
    }

    @Test
    void run_asRootWithPrivateUserNamespace_rootInsideOwnsTheImageAndWritesIt() throws Exception {
        // The image's layers belong to host root, unmapped in the container's user namespace: the helper mounts
        // the overlay over lowers idmapped to it, and the upper dir belongs to the mapped root (host uid 100000).
        // That root must reach the container's directory; this test store is a 0700 temporary directory.
        Files.setPosixFilePermissions(store.root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "cat /proc/self/uid_map; "
                + "stat -c '%u:%g' / /etc/passwd; echo x >> /etc/passwd && touch /new && stat -c '%u:%g' /new")
                .namespace("user", "private"));
        try {
            assertThat(r.exit().code()).as(r.stderr()).isZero();
            assertThat(r.stdout().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList())
                    .containsExactly("0 100000 65536", "0:0", "0:0", "0:0");
            Path upper = store.root.resolve("containers").resolve(r.containerId()).resolve("diff");
            assertThat(Files.getAttribute(upper.resolve("new"), "unix:uid")).isEqualTo(100000);
            assertThat(Files.getAttribute(upper.resolve("etc/passwd"), "unix:uid")).isEqualTo(100000);
            assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(r.containerId());
        } finally {
            store.jc.container(r.containerId()).remove(true);
        }
    }

    @Test
    void inspect_namespaceIdsDifferFromTheHosts() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30"));
        try {
            ContainerInfo info = c.inspect();
            for (String ns : new String[] {"mnt", "pid", "uts", "ipc", "net", "cgroup"}) {
                assertThat(info.namespaces().get(ns)).as(ns).isNotNull()
                        .isNotEqualTo(info.hostNamespaces().get(ns));
            }
            assertThat(info.namespaces().get("user")).isEqualTo(info.hostNamespaces().get("user"));
            assertThat(info.pid()).isPositive();
            assertThat(Path.of("/proc", Long.toString(info.pid()), "ns", "pid")).exists();
        } finally {
            c.remove(true);
        }
    }

    @Test
    void run_pidHost_seesHostProcesses() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo $$")
                .namespace("pid", "host").autoRemove(true));
        assertThat(Long.parseLong(r.stdout().trim())).isGreaterThan(1);
    }

    @Test
    void run_pidOfAnotherContainer_seesItsProcesses() {
        Container first = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").name("pidpeer"));
        try {
            RunResult r = store.jc.run(ContainerSpec.of("busybox", "ps", "-o", "pid,args")
                    .namespace("pid", "container:pidpeer").autoRemove(true));
            assertThat(r.stdout()).contains("1 sleep 30");
        } finally {
            first.stop(Duration.ofMillis(100));
            first.remove(true);
        }
    }

    @Test
    void run_networkNone_hasOnlyLoopbackUp() {
        String links = sh("ip -o link").stdout();
        assertThat(links.lines().toList()).hasSize(1);
        assertThat(links).contains("lo:").contains("UP");
    }
}

package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EscapeAttemptsIT}'s attempts from a rootless container: the runtime runs as an unprivileged uid (65534,
 * via setpriv, in a JVM of its own), so the container's root is that uid in a user namespace. Every attempt must
 * fail as under root, agree with runc run rootless with Docker's defaults on the same rootfs, and leave the host as
 * it was.
 */
class RootlessEscapeAttemptsIT {
    static final int NOBODY = RootlessIT.NOBODY;
    static Path work;
    static Path store;
    static Path probe;
    static String classPath;

    @BeforeAll
    static void prepare() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root to switch to an unprivileged uid");
        assumeTrue(Jailcell.probe().userNamespaces(), "user namespaces are unavailable here");
        work = Files.createTempDirectory("jc-rootless-escape");
        work.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);
        probe = work.resolve("syscall-probe");
        Process cc = new ProcessBuilder("gcc", "-static", "-O1", "-o", probe.toString(),
                Path.of("src/test/resources/probe/syscall-probe.c").toString()).inheritIO().start();
        assertThat(cc.waitFor()).as("gcc builds the probe").isZero();
        probe.toFile().setReadable(true, false);
        probe.toFile().setExecutable(true, false);
        classPath = ChildJvm.copyClassPath(Files.createDirectory(work.resolve("cp")));
        store = Files.createDirectory(work.resolve("store"));
        Files.setOwner(store, store.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).start().waitFor();
        }
    }

    /** Runs {@code argv} in a rootless --rm busybox container with the probe at /probe; returns its stdout. */
    private static String runAsNobody(String name, String... argv) throws Exception {
        ProcessBuilder pb = ChildJvm.foregroundRun(classPath,
                List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env", "HOME=" + work),
                concat(List.of(store.toString(), name, "true"), argv));
        pb.environment().put("JC_TEST_VOLUME", probe + ":/probe:ro");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(err).startsWith("created ");
        assertThat(err).doesNotContain("jailcell:");
        return out.substring(out.indexOf('\n') + 1);
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static Map<String, String> probe(String name) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        String[] argv = concat(List.of("/probe"), EscapeAttemptsIT.ATTEMPTS.toArray(String[]::new));
        for (String line : runAsNobody(name, argv).lines().toList()) {
            String[] parts = line.split(" ", 2);
            m.put(parts[0], parts[1]);
        }
        return m;
    }

    @Test
    void everyAttemptFailsWithEperm_inARootlessContainer() throws Exception {
        String hostname = InetAddress.getLocalHost().getHostName();
        long clockBefore = System.currentTimeMillis();
        Map<String, String> r = probe("rle1");
        assertThat(r).hasSize(EscapeAttemptsIT.ATTEMPTS.size());
        r.forEach((attempt, result) -> assertThat(result).as(attempt).isEqualTo("errno=1"));
        assertThat(runAsNobody("rle2", "/probe", "getpid")).isEqualTo("getpid ok\n");
        assertThat(InetAddress.getLocalHost().getHostName()).as("the host's hostname").isEqualTo(hostname);
        assertThat(System.currentTimeMillis()).as("the host's clock").isGreaterThanOrEqualTo(clockBefore);
    }

    @Test
    void procSysAndHostProcessesAreOutOfReach_andTheHostIsUntouched() throws Exception {
        String corePattern = Files.readString(Path.of("/proc/sys/kernel/core_pattern"));
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        long hostPid = ProcessHandle.current().pid();
        String out = runAsNobody("rle3", "sh", "-c", String.join("; ",
                "echo 0 > /proc/sysrq-trigger 2>/dev/null && echo sysrq-trigger-written || echo sysrq-trigger-denied",
                // A core_pattern of the host's would run a program of the container's as root on the host.
                "echo '|/probe' > /proc/sys/kernel/core_pattern 2>/dev/null && echo core-pattern-written"
                        + " || echo core-pattern-denied",
                "echo evil > /proc/sys/kernel/hostname 2>/dev/null && echo hostname-written || echo hostname-denied",
                "touch /sys/escape 2>/dev/null && echo sys-written || echo sys-denied",
                "echo kcore $(head -c 16 /proc/kcore 2>/dev/null | wc -c)",
                "kill -0 " + hostPid + " 2>/dev/null && echo host-process-signalled || echo host-process-unseen",
                // PID 1 is the container's own program: /proc/1/root and the cwd lead to its root, not the host's.
                "[ \"$(tr '\\0' ' ' < /proc/1/cmdline | cut -c1-6)\" = 'sh -c ' ] && echo init-is-own",
                "echo root $(readlink /proc/1/root) cwd $(readlink /proc/self/cwd)",
                "mknod /tmp/disk b 8 0 2>/dev/null && (head -c 1 /tmp/disk >/dev/null 2>&1 && echo disk-read"
                        + " || echo disk-denied) || echo mknod-denied"));
        assertThat(out.lines().toList()).as(out).containsExactly("sysrq-trigger-denied", "core-pattern-denied",
                "hostname-denied", "sys-denied", "kcore 0", "host-process-unseen", "init-is-own", "root / cwd /",
                "mknod-denied");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/core_pattern"))).isEqualTo(corePattern);
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname"))).isEqualTo(hostname);
    }

    @Test
    void runcRootlessWithDockersDefaults_agreesOnEveryAttempt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc")),
                "runc is not installed");
        Map<String, String> ours = probe("rle4");
        Path rootfs;
        try (Stream<Path> snapshots = Files.list(store.resolve("snapshots"))) {
            rootfs = snapshots.map(s -> s.resolve("fs")).filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Map<String, String> runc = RuncReference.probe(rootfs, work, probe, EscapeAttemptsIT.ATTEMPTS, NOBODY);
        assertThat(runc).isEqualTo(ours);
    }
}

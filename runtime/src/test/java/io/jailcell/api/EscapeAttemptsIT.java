package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Escape attempts from a default container: each kernel operation a container must not get is tried by a small
 * static probe (src/test/resources/probe/syscall-probe.c, compiled here with gcc) bind-mounted into busybox, and
 * the same probe runs under runc with Docker's capabilities and jailcell's default seccomp profile on the same
 * rootfs: the two must agree, attempt by attempt.
 */
class EscapeAttemptsIT {
    static final List<String> ATTEMPTS = List.of("keyctl", "bpf", "perf_event_open", "mount", "unshare",
            "unshare-user", "setns", "init_module", "reboot", "settimeofday", "sethostname", "ptrace-init",
            "personality-bsd", "open_by_handle_at");
    static TestStore store;
    static Path probe;

    @BeforeAll
    static void open() throws Exception {
        store = TestStore.asRoot();
        probe = store.root.resolve("syscall-probe");
        Process cc = new ProcessBuilder("gcc", "-static", "-O1", "-o", probe.toString(),
                Path.of("src/test/resources/probe/syscall-probe.c").toString()).inheritIO().start();
        assertThat(cc.waitFor()).as("gcc builds the probe").isZero();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Map<String, String> probe(ContainerSpec spec, List<String> attempts) {
        List<String> argv = new ArrayList<>(List.of("/probe"));
        argv.addAll(attempts);
        RunResult r = store.jc.run(spec.command(argv.toArray(String[]::new)).volume(probe + ":/probe:ro")
                .autoRemove(true));
        return results(r.stdout());
    }

    private static Map<String, String> results(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split(" ", 2);
            m.put(parts[0], parts[1]);
        }
        return m;
    }

    @Test
    void everyAttemptFailsWithEperm_inADefaultContainer() {
        Map<String, String> r = probe(ContainerSpec.of("busybox"), ATTEMPTS);
        assertThat(r).hasSize(ATTEMPTS.size());
        r.forEach((attempt, result) -> assertThat(result).as(attempt).isEqualTo("errno=1"));
        assertThat(probe(ContainerSpec.of("busybox"), List.of("getpid"))).containsEntry("getpid", "ok");
    }

    @Test
    void theSeccompFilterIsWhatRefusesWhereCapabilitiesWouldAllow() {
        assertThat(store.jc.run(ContainerSpec.of("busybox", "grep", "^Seccomp:", "/proc/self/status")
                .autoRemove(true)).stdout()).isEqualTo("Seccomp:\t2\n");
        // keyctl and unsharing a user namespace need no capability: only seccomp stands in the way.
        Map<String, String> unconfined = probe(ContainerSpec.of("busybox").securityOpt("seccomp=unconfined"),
                List.of("keyctl", "unshare-user", "personality-bsd"));
        assertThat(unconfined).containsEntry("keyctl", "ok").containsEntry("unshare-user", "ok")
                .containsEntry("personality-bsd", "ok");
        assertThat(store.jc.run(ContainerSpec.of("busybox", "grep", "^Seccomp:", "/proc/self/status")
                .securityOpt("seccomp=unconfined").autoRemove(true)).stdout()).isEqualTo("Seccomp:\t0\n");
    }

    @Test
    void capSysAdmin_opensMountInTheFilterToo_asInDocker() {
        Map<String, String> r = probe(ContainerSpec.of("busybox").capAdd("SYS_ADMIN"), List.of("mount"));
        assertThat(r).containsEntry("mount", "ok");
    }

    @Test
    void aDeviceNodeForAHostDiskCanBeMadeButNotOpened() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c",
                "mknod /tmp/disk b 8 0 && head -c 1 /tmp/disk; echo rc=$?; mknod /tmp/mem c 1 1 && head -c 1 /tmp/mem;"
                        + " echo rc=$?; echo ok > /dev/null && echo null-works").autoRemove(true));
        assertThat(r.stdout()).isEqualTo("rc=1\nrc=1\nnull-works\n");
        assertThat(r.stderr()).contains("Operation not permitted");
    }

    @Test
    void aCustomProfile_inDockersFormat_isLoaded_andABadOneIsRefusedSayingWhy() throws IOException {
        Path profile = store.root.resolve("no-mkdir.json");
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
                """);
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "mkdir /x || echo refused")
                .securityOpt("seccomp=" + profile).autoRemove(true));
        assertThat(r.stdout()).isEqualTo("refused\n");
        assertThat(r.stderr()).contains("Permission denied");

        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_MAYBE\", \"syscalls\": []}");
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("busybox", "true").securityOpt("seccomp=" + profile)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("SCMP_ACT_MAYBE");
    }

    @Test
    void noRuntimeFdLeaksIn_andTheHelperBinaryIsOutOfReach_CVE_2024_21626_and_2019_5736() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").name("fd-check"));
        try {
            // Only stdio (and the fd ls itself opens for the directory) in a fresh program and in an exec'd one.
            String own = store.jc.run(ContainerSpec.of("busybox", "ls", "/proc/self/fd").autoRemove(true)).stdout();
            assertThat(own.lines().toList()).containsExactly("0", "1", "2", "3");
            assertThat(c.exec("ls", "/proc/self/fd").stdout().lines().toList()).containsExactly("0", "1", "2", "3");
            // No process in the container runs the helper, so no /proc/PID/exe leads to it (CVE-2019-5736),
            // and the working directory of an exec'd process is inside the container (CVE-2024-21626).
            String exes = c.exec("sh", "-c", "for p in /proc/[0-9]*; do readlink $p/exe; done; readlink /proc/self/cwd")
                    .stdout();
            assertThat(exes).doesNotContain("jailcell-helper").doesNotContain(store.root.toString());
            assertThat(exes.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("/");
        } finally {
            c.remove(true);
        }
    }

    @Test
    void privileged_givesBackWhatTheDefaultsTakeAway_asDocker() {
        String script = "grep -E '^(Seccomp|CapEff):' /proc/self/status; [ -e /dev/kmsg ] && echo host-devices; "
                + "head -c 10 /proc/timer_list; echo; grep ' /sys ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1";
        String privileged = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", script).privileged(true)
                .autoRemove(true)).stdout();
        String held = String.format("%016x", io.jailcell.linux.Host.permittedCapabilities() & ((1L << 41) - 1));
        assertThat(privileged).isEqualTo("CapEff:\t" + held + "\nSeccomp:\t0\nhost-devices\nTimer List\nrw\n");
        String confined = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", script).autoRemove(true)).stdout();
        assertThat(confined).isEqualTo("CapEff:\t00000000a80425fb\nSeccomp:\t2\n\nro\n");
        assertThat(store.jc.create(ContainerSpec.of("busybox", "true").name("priv").privileged(true)).inspect()
                .security()).containsKey("privileged");
        store.jc.container("priv").remove();
    }

    @Test
    void runcWithDockersDefaults_agreesOnEveryAttempt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc")),
                "runc is not installed");
        Map<String, String> ours = probe(ContainerSpec.of("busybox"), ATTEMPTS);
        Map<String, String> runc = RuncReference.probe(store, probe, ATTEMPTS);
        assertThat(runc).isEqualTo(ours);
    }
}

package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Device confinement as on a cgroup v2-only host, where no devices controller exists: the store is opened with
 * {@code -Djailcell.devices=bpf}, so on this hybrid host the v1 devices controller is left open and only the eBPF
 * device program, attached to a cgroup made for the container in the cgroup2 mount, stands between a container
 * with CAP_MKNOD and the host's block devices. Each probe makes a node in {@code /dev} and opens it for reading
 * (src/test/resources/probe/syscall-probe.c): EPERM is the device rules' answer, ENXIO the driver's (no such
 * device), so the two tell a refusal from an absent device.
 */
class DevicesIT {
    /** A loop device (a host block device that opens on this host), a disk that is not there, /dev/fuse. */
    static final List<String> HOST_DEVICES = List.of("open-blk:7:0", "open-blk:8:0", "open-chr:10:229");
    /**
     * /dev/null, /dev/zero, /dev/urandom, /dev/tty (ENXIO: no controlling terminal, but not refused), and a
     * pseudo-terminal pair through /dev/ptmx and /dev/pts/N.
     */
    static final List<String> STANDARD_DEVICES = List.of("open-chr:1:3", "open-chr:1:5", "open-chr:1:9",
            "open-chr:5:0", "open-pty");
    static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");
    static TestStore store;
    static Path probe;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(Files.isWritable(UNIFIED.resolve("cgroup.procs")), "needs a writable cgroup2 mount at " + UNIFIED);
        System.setProperty("jailcell.devices", "bpf");
        try {
            store = TestStore.asRoot();
        } finally {
            System.clearProperty("jailcell.devices");
        }
        probe = store.root.resolve("syscall-probe");
        Process cc = new ProcessBuilder("gcc", "-static", "-O1", "-o", probe.toString(),
                Path.of("src/test/resources/probe/syscall-probe.c").toString()).inheritIO().start();
        assertThat(cc.waitFor()).as("gcc builds the probe").isZero();
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    private static ContainerSpec probing(List<String> attempts) {
        List<String> argv = new ArrayList<>(List.of("/probe"));
        argv.addAll(attempts);
        return ContainerSpec.of("busybox", argv.toArray(String[]::new)).volume(probe + ":/probe:ro").autoRemove(true);
    }

    private static Map<String, String> results(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split(" ", 2);
            m.put(parts[0], parts[1]);
        }
        return m;
    }

    private static List<String> all() {
        List<String> attempts = new ArrayList<>(HOST_DEVICES);
        attempts.addAll(STANDARD_DEVICES);
        return attempts;
    }

    @Test
    void hostDeviceNodesCanBeMadeButNotOpened_theStandardOnesOpen() {
        assertThat(results(store.jc.run(probing(all())).stdout())).containsExactly(
                Map.entry("open-blk:7:0", "errno=1"), Map.entry("open-blk:8:0", "errno=1"),
                Map.entry("open-chr:10:229", "errno=1"), Map.entry("open-chr:1:3", "ok"),
                Map.entry("open-chr:1:5", "ok"), Map.entry("open-chr:1:9", "ok"), Map.entry("open-chr:5:0", "errno=6"),
                Map.entry("open-pty", "ok"));
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "mknod /tmp/sda b 8 0 && echo made; "
                + "head -c 1 /tmp/sda; echo ok > /dev/null && head -c 4 /dev/zero | wc -c && head -c 4 /dev/urandom "
                + "| wc -c; ls /dev/pts/ptmx").autoRemove(true));
        assertThat(r.stdout()).isEqualTo("made\n4\n4\n/dev/pts/ptmx\n");
        assertThat(r.stderr()).contains("head: /tmp/sda: Operation not permitted");
    }

    @Test
    void inspectSaysTheEbpfProgramIsInForce_inItsCgroup2Directory_withV1sControllerOpen() throws Exception {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30"));
        try {
            ContainerInfo info = c.inspect();
            assertThat(info.security().get("devices")).startsWith("eBPF device program (BPF_CGROUP_DEVICE)");
            Path v2 = Path.of(info.cgroups().get("unified"));
            assertThat(v2.getParent()).isEqualTo(UNIFIED.resolve("jailcell"));
            assertThat(Files.readString(v2.resolve("cgroup.procs")).trim()).isEqualTo(Long.toString(info.pid()));
            assertThat(Files.readString(Path.of(info.cgroups().get("devices"), "devices.list")).trim())
                    .as("no v1 device rules: the program alone confines").isEqualTo("a *:* rwm");
            // A process exec'd into the container joins its cgroup2 directory, and the program with it.
            assertThat(c.exec("/bin/sh", "-c", "mknod /dev/x b 7 0 && head -c 1 /dev/x").stderr())
                    .contains("Operation not permitted");
            assertThat(store.jc.info().devices()).startsWith("eBPF device program");
            c.remove(true);
            assertThat(v2).doesNotExist();
        } finally {
            if (store.jc.containers(true).stream().anyMatch(i -> i.id().equals(c.id()))) {
                c.remove(true);
            }
        }
    }

    @Test
    void privileged_getsNoProgram_andOpensHostDevices() {
        assertThat(results(store.jc.run(probing(List.of("open-blk:7:0", "open-chr:10:229")).privileged(true))
                .stdout())).containsExactly(Map.entry("open-blk:7:0", "ok"), Map.entry("open-chr:10:229", "ok"));
        Container c = store.jc.create(ContainerSpec.of("busybox", "true").privileged(true));
        assertThat(c.inspect().security().get("devices")).startsWith("none: --privileged");
        c.remove();
    }

    @Test
    void aCrashedRunsCgroup2Directory_goesWithTheNextLook_underTheDefaultSettingToo() throws Exception {
        // A JVM of its own, set up by the environment variable, killed with its helper.
        Process jvm = ChildJvm.foregroundRun(System.getProperty("java.class.path"),
                List.of("env", "JAILCELL_DEVICES=bpf"), store.root.toString(), "crashed", "false", "sleep", "300")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream())).readLine();
        assertThat(line).startsWith("created ");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!store.jc.container("crashed").isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ContainerInfo info = store.jc.container("crashed").inspect();
        Path v2 = Path.of(info.cgroups().get("unified"));
        assertThat(v2).isDirectory();
        ProcessHandle program = ProcessHandle.of(info.pid()).orElseThrow();
        ProcessHandle helper = program.parent().orElseThrow();
        jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        helper.destroyForcibly();
        program.onExit().get(10, TimeUnit.SECONDS);
        helper.onExit().get(10, TimeUnit.SECONDS);
        assertThat(v2).as("nobody has looked yet").isDirectory();

        Jailcell auto = Jailcell.open(store.root); // without the setting: the v1 controller's mode
        assertThat(auto.container("crashed").inspect().state()).isEqualTo("dead");
        assertThat(v2).doesNotExist();
        auto.container("crashed").remove();
    }

    @Test
    void runc_agreesOnEveryDevice() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc")),
                "runc is not installed");
        Map<String, String> ours = results(store.jc.run(probing(all())).stdout());
        assertThat(RuncReference.probe(store, probe, all())).isEqualTo(ours);
    }
}
